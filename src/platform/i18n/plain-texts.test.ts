// Every text a problem carries is words by code. The problem helpers, `new Problem` and a field error's
// message take only a Message, so tsc refuses a plain string; this scan also catches what slips past the
// types (an object literal typed loosely, a cast) before it reaches a Chinese reader in English.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

// Not problems: configuration checks read by the operator at start-up, and placeholders replaced before use.
const notProblems = ['src/config/env.ts', 'src/modules/coordination/schedules.service.ts', 'src/modules/governance/governance.service.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' || e.name === 'i18n' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const plainField = /\bmessage: ['`"]/;
const plainProblem =
  /\b(?:badRequest|conflict|unprocessable|forbidden|notFound|unauthorized)\(\s*['`"]|new Problem\(\s*\d+,\s*['`"][^'`"]*['`"],\s*['`"]/;

describe('server texts are words by code', () => {
  const files = sources(join(root, 'src')).map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));

  it('no problem is thrown with plain text', () => {
    expect(files.filter((f) => plainProblem.test(f.text)).map((f) => f.file)).toEqual([]);
  });

  it('no field error is given plain text', () => {
    const plain = files.filter((f) => plainField.test(f.text)).map((f) => f.file);
    expect(plain.filter((f) => !notProblems.includes(f))).toEqual([]);
  });
});
