import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../platform/i18n/messages.ts';
import {
  compareMeans,
  creditCheckChar,
  defaultSheet,
  fractionText,
  isConflictOfInterest,
  meanText,
  rankNominees,
  scoreErrors,
  sheetErrors,
  statusChangeError,
  validCreditCode,
  type JurorTotal,
} from './rules.ts';

const kinds = ['expert', 'npc_deputy', 'cppcc_member', 'resident_representative'] as const;

describe('the scoring sheet and a juror’s scores', () => {
  it('publishes 改造成效 30, 居民参与 25, 长效治理 25, 创新特色 20 by default', () => {
    expect(defaultSheet.map((i) => [i.name, i.maxPoints])).toEqual([
      ['改造成效', 30],
      ['居民参与', 25],
      ['长效治理', 25],
      ['创新特色', 20],
    ]);
    expect(sheetErrors(defaultSheet)).toEqual([]);
    expect(sheetErrors([...defaultSheet, defaultSheet[0]!]).map((e) => e.path)).toEqual(['body.sheet.4.code']);
    expect(sheetErrors([]).map((e) => e.path)).toEqual(['body.sheet']);
  });

  it('accepts any whole numbers within each item’s maximum', () => {
    const points = fc.tuple(...defaultSheet.map((i) => fc.integer({ min: 0, max: i.maxPoints })));
    fc.assert(
      fc.property(points, (p) => {
        expect(scoreErrors(defaultSheet, Object.fromEntries(defaultSheet.map((i, k) => [i.code, p[k]!])))).toEqual([]);
      }),
    );
  });

  it('refuses a value out of range, fractional or missing, naming the item', () => {
    fc.assert(
      fc.property(
        fc.nat(defaultSheet.length - 1),
        fc.oneof(fc.integer({ min: -1000, max: -1 }), fc.integer({ min: 31, max: 1000 }), fc.double({ min: 0.1, max: 0.9 })),
        (at, bad) => {
          const points: Record<string, number> = Object.fromEntries(defaultSheet.map((i) => [i.code, 0]));
          const item = defaultSheet[at]!;
          points[item.code] = bad;
          const errors = scoreErrors(defaultSheet, points);
          expect(errors.map((e) => e.path)).toEqual([`body.points.${item.code}`]);
          expect((errors[0]!.message as Message).in('en')).toContain(item.name);
        },
      ),
    );
    const full = Object.fromEntries(defaultSheet.map((i) => [i.code, 1]));
    expect(scoreErrors(defaultSheet, { ...full, innovation: undefined }).map((e) => e.path)).toEqual(['body.points.innovation']);
    expect(scoreErrors(defaultSheet, { ...full, extra: 3 }).map((e) => e.path)).toEqual(['body.points.extra']);
    expect(scoreErrors(defaultSheet, { ...full, innovation: 20 })).toEqual([]);
    expect((scoreErrors(defaultSheet, { ...full, innovation: 21 })[0]!.message as Message).in('en')).toBe(
      '创新特色: a whole number from 0 to 20',
    );
  });
});

describe('conflict of interest', () => {
  it('bars a juror of the nominating district only', () => {
    expect(isConflictOfInterest('330105', '330105')).toBe(true);
    expect(isConflictOfInterest('330106', '330105')).toBe(false);
    expect(isConflictOfInterest(null, '330105')).toBe(false);
  });
});

describe('exact means and the ranking', () => {
  const mean = fc.record({ total: fc.nat(10_000_000), count: fc.integer({ min: 1, max: 10_000 }) });

  it('compares means as the rationals they are', () => {
    fc.assert(
      fc.property(mean, mean, (a, b) => {
        const exact = BigInt(a.total) * BigInt(b.count) - BigInt(b.total) * BigInt(a.count);
        expect(Math.sign(compareMeans(a, b))).toBe(exact > 0n ? 1 : exact < 0n ? -1 : 0);
        expect(compareMeans(a, b)).toBe(-compareMeans(b, a));
        expect(compareMeans({ total: a.total * 7, count: a.count * 7 }, a)).toBe(0);
      }),
    );
    // Floats would call these equal: (2^52 + 1)/3 against (2^52 + 2)/3 are distinct by a third, and so are their means.
    expect(compareMeans({ total: 2 ** 52 + 1, count: 3 }, { total: 2 ** 52 + 2, count: 3 })).toBe(-1);
    expect(compareMeans({ total: 0, count: 0 }, { total: 0, count: 1 })).toBe(-1);
  });

  it('writes means rounded half up with integers, and fractions in lowest terms', () => {
    expect(meanText({ total: 62, count: 3 })).toBe('20.67');
    expect(meanText({ total: 1, count: 8 })).toBe('0.13'); // 0.125 → half up
    expect(meanText({ total: 21, count: 2 })).toBe('10.50');
    expect(meanText({ total: 0, count: 0 })).toBeNull();
    expect(fractionText({ total: 42, count: 4 })).toBe('21/2');
    expect(fractionText({ total: 30, count: 3 })).toBe('10');
    fc.assert(
      fc.property(mean, (m) => {
        const hundredths = BigInt(meanText(m)!.replace('.', ''));
        // Half up: −1/2 ≤ 100·total/count − hundredths < 1/2, i.e. −count ≤ 200·total − 2·count·hundredths < count.
        const diff = 200n * BigInt(m.total) - 2n * BigInt(m.count) * hundredths;
        expect(diff < BigInt(m.count) && diff >= -BigInt(m.count)).toBe(true);
      }),
    );
  });

  it('orders by the exact overall mean, then by nomination time, unscored last', () => {
    const t = (kind: (typeof kinds)[number], total: number): JurorTotal => ({ kind, total });
    const ranked = rankNominees([
      { id: 'w', nominatedAt: 1, totals: [] },
      { id: 'y', nominatedAt: 3, totals: [t('expert', 9), t('expert', 12), t('npc_deputy', 10), t('cppcc_member', 11)] }, // 42/4
      { id: 'x', nominatedAt: 2, totals: [t('expert', 10), t('resident_representative', 11)] }, // 21/2
      { id: 'z', nominatedAt: 4, totals: [t('expert', 11), t('expert', 10), t('npc_deputy', 11)] }, // 32/3
    ]);
    expect(ranked.map((r) => [r.rank, r.nominee.id])).toEqual([
      [1, 'z'],
      [2, 'x'],
      [3, 'y'],
      [4, 'w'],
    ]);
    expect(ranked[2]!.byKind.expert).toEqual({ total: 21, count: 2 });
    expect(ranked[2]!.overall).toEqual({ total: 42, count: 4 });
  });

  it('is a permutation in which no case is above one with a higher mean, or an equal mean nominated earlier', () => {
    const nominee = fc.record({
      id: fc.uuid(),
      nominatedAt: fc.nat(1000),
      totals: fc.array(fc.record({ kind: fc.constantFrom(...kinds), total: fc.nat(100) }), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(nominee, { selector: (n) => n.id, maxLength: 12 }), (nominees) => {
        const ranked = rankNominees(nominees);
        expect(ranked.map((r) => r.nominee.id).sort()).toEqual(nominees.map((n) => n.id).sort());
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          const c = compareMeans(a.overall, b.overall);
          expect(c).toBeGreaterThanOrEqual(0);
          if (c === 0) expect(a.nominee.nominatedAt).toBeLessThanOrEqual(b.nominee.nominatedAt);
        }
      }),
    );
  });
});

describe('engagements and institutions', () => {
  it('moves planned → ongoing → reported, reported only with a report', () => {
    expect(statusChangeError('planned', 'ongoing', 0)).toBeNull();
    expect(statusChangeError('planned', 'reported', 1)?.in('en')).toMatch(/only to ongoing/);
    expect(statusChangeError('ongoing', 'reported', 0)?.in('en')).toMatch(/report/);
    expect(statusChangeError('ongoing', 'reported', 1)).toBeNull();
    expect(statusChangeError('reported', 'planned', 1)?.in('en')).toMatch(/nothing/);
  });
  it('checks unified social credit codes', () => {
    const first17 = '52330100000001801';
    expect(validCreditCode(first17 + creditCheckChar(first17))).toBe(true);
    expect(validCreditCode(first17 + (creditCheckChar(first17) === '0' ? '1' : '0'))).toBe(false);
  });
});
