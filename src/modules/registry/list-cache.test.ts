import { describe, expect, it } from 'vitest';
import { VersionedCache } from './list-cache.ts';

describe('versioned cache', () => {
  it('serves entries only at their version, and forgets older ones', () => {
    const c = new VersionedCache<string>(10);
    c.set(1, 'a', 'A1');
    expect(c.get(1, 'a')).toBe('A1');
    expect(c.get(2, 'a')).toBeUndefined();
    c.set(2, 'b', 'B2');
    expect(c.get(1, 'a')).toBeUndefined();
    c.set(1, 'a', 'late'); // a page computed before the newer version arrived is not kept
    expect(c.get(2, 'a')).toBeUndefined();
  });

  it('keeps at most its size, evicting the least recently used', () => {
    const c = new VersionedCache<number>(2);
    c.set(1, 'x', 1);
    c.set(1, 'y', 2);
    c.get(1, 'x');
    c.set(1, 'z', 3);
    expect([c.get(1, 'x'), c.get(1, 'y'), c.get(1, 'z')]).toEqual([1, undefined, 3]);
  });

  it('caches nothing when its size is zero', () => {
    const c = new VersionedCache<number>(0);
    c.set(1, 'x', 1);
    expect(c.get(1, 'x')).toBeUndefined();
  });
});
