import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hundredths } from '../../platform/money.ts';
import { ineligibility, overCap, parseMonth, rateFen, shanghaiMonth, subsidyCapFen } from './subsidy.rules.ts';

describe('the monthly cap, in integers', () => {
  it('is 296,296 fen for 9,876.54 m² at 0.3 yuan (2,962.962 yuan rounded down to the fen)', () => {
    expect(rateFen(0.3)).toBe(30n);
    expect(subsidyCapFen(hundredths('9876.54'), rateFen(0.3))).toBe(296_296n);
  });

  it('is never above area × rate and less than a fen below it, for any area and rate', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10_000n }), (area, rate) => {
        const cap = subsidyCapFen(area, rate);
        // area is in hundredths of m²: the exact amount is area × rate ÷ 100 fen.
        expect(cap * 100n <= area * rate).toBe(true);
        expect((cap + 1n) * 100n > area * rate).toBe(true);
      }),
    );
  });

  it('agrees with what floats would get wrong: 0.1 + 0.2 style rates stay exact', () => {
    // 33.33 m² × 0.3 yuan = 9.999 yuan → 999 fen; a float product gives 999.9000000000001 fen, but integers never drift.
    expect(subsidyCapFen(hundredths('33.33'), rateFen('0.3'))).toBe(999n);
    expect(subsidyCapFen(hundredths('0.01'), rateFen(0.3))).toBe(0n);
    expect(() => rateFen('0.305')).toThrow(RangeError);
  });

  it('finds the amounts over their cap, and none at the cap', () => {
    const checks = [
      { compoundId: 'a', capFen: 296_296n, amountFen: 296_296n },
      { compoundId: 'b', capFen: 296_296n, amountFen: 296_297n },
      { compoundId: 'c', capFen: 100n, amountFen: 0n },
    ];
    expect(overCap(checks).map((c) => c.compoundId)).toEqual(['b', 'c']);
  });
});

describe('eligibility', () => {
  const ok = { stage: 'handed_over', company: { status: 'active' }, tierMinPercent: 80 };
  it('qualifies a renovated compound served by an active company in a high enough tier', () => {
    expect(ineligibility(ok, 70)).toBeNull();
    expect(ineligibility({ ...ok, stage: 'accepted' }, 70)).toBeNull();
    expect(ineligibility({ ...ok, tierMinPercent: 70 }, 70)).toBeNull();
    // Not yet surveyed: no tier holds it back.
    expect(ineligibility({ ...ok, tierMinPercent: null }, 70)).toBeNull();
  });
  it.each([
    ['not_renovated', { stage: 'under_construction' }],
    ['no_property_company', { company: null }],
    ['company_suspended', { company: { status: 'suspended' } }],
    ['satisfaction_tier', { tierMinPercent: 0 }],
  ])('names %s', (reason, change) => expect(ineligibility({ ...ok, ...change }, 70)).toBe(reason));
});

describe('months', () => {
  it('takes only real months', () => {
    expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01']) expect(parseMonth(bad)).toBeNull();
  });
  it('reads the month in Asia/Shanghai', () => {
    expect(shanghaiMonth(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect(shanghaiMonth(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11');
  });
});
