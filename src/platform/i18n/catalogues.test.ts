// Every catalogue of words (the platform's and each module's messages.ts) has zh-CN and English for
// every code, with the same parameters in both, and Chinese that is Chinese.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Catalogue, defineMessages, interpolate, words } from './messages.ts';
import { fromAcceptLanguage, negotiateLocale } from './locale.ts';
import { yuan } from './format.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function catalogueFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/(^|\.)messages\.ts$/.test(e.name) && full !== path.join(src, 'platform/i18n/messages.ts')) out.push(full);
    }
  };
  walk(src);
  return out;
}

const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('give every code zh-CN and English, with matching parameters', async () => {
    const files = catalogueFiles();
    expect(files.map((f) => path.relative(src, f))).toEqual(
      expect.arrayContaining(['platform/i18n/platform.messages.ts', 'modules/funding/messages.ts', 'modules/projects/messages.ts']),
    );
    const problems: string[] = [];
    let codes = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const catalogues = Object.values(mod).filter((v): v is Catalogue<Record<string, never>> => v instanceof Catalogue);
      expect(catalogues.length, `${file} exports no catalogue`).toBeGreaterThan(0);
      for (const c of catalogues) {
        for (const [code, entry] of Object.entries(c.entries) as [
          string,
          { 'zh-CN'?: string; en?: string; title?: { 'zh-CN'?: string; en?: string } },
        ][]) {
          codes++;
          const where = `${path.relative(src, file)} ${code}`;
          if (!entry['zh-CN']?.trim()) problems.push(`${where}: no zh-CN`);
          if (!entry.en?.trim()) problems.push(`${where}: no en`);
          if (entry.title && (!entry.title['zh-CN']?.trim() || !entry.title.en?.trim())) problems.push(`${where}: title lacks a language`);
          // One language may leave out a parameter the other shows (a code beside its name), but neither
          // may have one the other lacks on both sides: that is a misspelt parameter.
          const zhParams = new Set(placeholders(entry['zh-CN'] ?? ''));
          const enParams = new Set(placeholders(entry.en ?? ''));
          const subset = (a: Set<string | undefined>, b: Set<string | undefined>) => [...a].every((p) => b.has(p));
          if (!subset(zhParams, enParams) && !subset(enParams, zhParams)) problems.push(`${where}: parameters differ`);
          // Chinese is Chinese: some CJK text besides the placeholders (names kept as written are exempt when equal in both).
          const zh = (entry['zh-CN'] ?? '').replace(/\{\w+\}/g, '');
          if (zh.trim() && !/[\u3000-\u9fff\uff00-\uffef]/.test(zh) && zh !== (entry.en ?? '').replace(/\{\w+\}/g, ''))
            problems.push(`${where}: zh-CN is not Chinese`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(codes).toBeGreaterThan(50);
  });

  it('fails a catalogue that lacks a language (the check above is not vacuous)', () => {
    const broken = defineMessages({ 'x.y': { 'zh-CN': '有', en: '' } });
    expect(Object.values(broken.entries).some((e) => !e.en.trim())).toBe(true);
  });

  it('interpolates words and money, never an object', () => {
    const params = { amount: yuan(12_345_678n), who: words({ 'zh-CN': '居民', en: 'residents' }) };
    expect(interpolate('{who}出资 {amount}', params, 'zh-CN')).toBe('居民出资 123,456.78 元');
    expect(interpolate('{who} pay {amount}', params, 'en')).toBe('residents pay 123,456.78 yuan');
    expect(() => interpolate('{x}', { x: { numerator: 1, denominator: 10 } as never }, 'en')).toThrow(TypeError);
  });
});

describe('the request language', () => {
  it('reads Accept-Language with its q-values, then the account, then zh-CN', () => {
    expect(fromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(fromAcceptLanguage('zh')).toBe('zh-CN');
    expect(fromAcceptLanguage('fr;q=1, en;q=0.3, zh-CN;q=0.8')).toBe('zh-CN');
    expect(fromAcceptLanguage('zh-TW;q=0.1, en;q=0.2')).toBe('en');
    expect(fromAcceptLanguage('en;q=0, zh;q=0.5')).toBe('zh-CN');
    expect(fromAcceptLanguage('*')).toBeUndefined();
    expect(negotiateLocale('fr', 'en')).toBe('en');
    expect(negotiateLocale(undefined, null)).toBe('zh-CN');
    expect(negotiateLocale('en', 'zh-CN')).toBe('en');
  });
});
