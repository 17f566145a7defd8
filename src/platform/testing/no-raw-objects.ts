// A reply's words never carry an object as text ("[object Object]", or JSON pasted into a sentence).
import { expect } from 'vitest';

export function expectNoRawObjects(body: unknown): void {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') texts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(body);
  for (const text of texts) {
    expect(text).not.toContain('[object Object]');
    expect(text).not.toMatch(/\{"\w+":/);
  }
}
