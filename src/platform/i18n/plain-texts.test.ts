// Every text a problem carries is words by code. The problem helpers and `new Problem` take only a
// Message (tsc refuses a plain string); field messages still accept plain text for the files listed
// below, written before codes. This test keeps that list from growing: a new plain field message
// fails here, and a file converted must leave the list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');

/** Files whose field messages are still plain English (to be given codes). */
const legacy = [
  'src/modules/catalogue/catalogue.service.ts',
  'src/modules/catalogue/validate.ts',
  'src/modules/registry/households.service.ts',
  'src/modules/registry/registry.service.ts',
  'src/modules/registry/residents.service.ts',
];
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

  it('no new file gives a field plain text, and converted files leave the legacy list', () => {
    const plain = files.filter((f) => plainField.test(f.text)).map((f) => f.file);
    expect(plain.filter((f) => !legacy.includes(f) && !notProblems.includes(f))).toEqual([]);
    expect(legacy.filter((f) => !plain.includes(f))).toEqual([]);
  });
});
