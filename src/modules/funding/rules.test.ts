// Acceptance 2: the caps hold to the fen, for any area and amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hundredths } from '../../platform/money.ts';
import { checkAgainstBasis, checkFunding, sourcesLimitedBy, subsidyLimitFen, type Line, type RuleRef } from './rules.ts';

const cap: RuleRef<number> = { key: 'funding.subsidy_cap_per_m2', version: '2021.1', value: 400, unit: 'yuan/m2', source: 'seed §二.1' };
const share: RuleRef<{ numerator: number; denominator: number }> = {
  key: 'funding.resident_share_max',
  version: '2021.1',
  value: { numerator: 1, denominator: 10 },
  unit: null,
  source: 'seed §二.1',
};
const line = (source: Line['source'], amountFen: bigint, channel = ''): Line => ({ source, channel, amountFen });
const check = (lines: Line[], costFen: bigint, area = '12345.67', c: RuleRef<number | string> = cap) =>
  checkFunding({ lines, costFen, floorAreaHundredths: hundredths(area), cap: c, residentShare: share });

describe('subsidy cap', () => {
  it('accepts exactly 400 yuan/m² × 12,345.67 m² = 4,938,268.00 yuan and rejects one fen more', () => {
    expect(subsidyLimitFen(400, hundredths('12345.67'))).toBe(493_826_800n);
    const cost = 1_000_000_000n;
    expect(check([line('city_subsidy', 246_913_400n), line('district_subsidy', 246_913_400n)], cost).violations).toEqual([]);
    const over = check([line('city_subsidy', 246_913_400n), line('district_subsidy', 246_913_401n)], cost).violations;
    expect(over).toEqual([
      {
        rule: 'funding.subsidy_cap_per_m2',
        value: 400,
        unit: 'yuan/m2',
        version: '2021.1',
        source: 'seed §二.1',
        limitFen: 493_826_800n,
        actualFen: 493_826_801n,
      },
    ]);
  });

  it('holds to the fen for any area and cap (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10_000_000_00n }), fc.integer({ min: 1, max: 200_000 }), (areaHundredths, capFen) => {
        const capYuan = `${Math.floor(capFen / 100)}.${String(capFen % 100).padStart(2, '0')}`;
        const limit = (BigInt(capFen) * areaHundredths) / 100n;
        const area = `${areaHundredths / 100n}.${String(areaHundredths % 100n).padStart(2, '0')}`;
        const rule = { ...cap, value: capYuan };
        const at = check([line('city_subsidy', limit)], limit + 10n, area, rule);
        const over = check([line('city_subsidy', limit + 1n)], limit + 10n, area, rule);
        // The exact product, compared without division: limit ≤ cap × area < limit + 1.
        return (
          at.violations.length === 0 &&
          over.violations.length === 1 &&
          limit * 100n <= BigInt(capFen) * areaHundredths &&
          (limit + 1n) * 100n > BigInt(capFen) * areaHundredths
        );
      }),
    );
  });
});

describe('resident share', () => {
  it('accepts exactly 10% of the cost and rejects one fen more', () => {
    expect(check([line('resident', 100_000n, 'housing_maintenance_fund')], 1_000_000n).violations).toEqual([]);
    const over = check(
      [line('resident', 60_000n, 'common_revenue'), line('resident', 40_001n, 'personal_donation')],
      1_000_000n,
    ).violations;
    expect(over.map((v) => [v.rule, v.limitFen, v.actualFen])).toEqual([['funding.resident_share_max', 100_000n, 100_001n]]);
  });

  it('compares share and cost exactly for any amounts (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 11n }), (cost, resident) => {
        const broken = check([line('resident', resident, 'common_revenue')], cost).violations.length > 0;
        return broken === resident * 10n > cost;
      }),
    );
  });
});

describe('shortfall', () => {
  it('shows what the lines leave unfunded, and any excess', () => {
    const r = check([line('central_subsidy', 700n), line('pipeline_utility', 200n)], 1000n);
    expect([r.fundedFen, r.shortfallFen, r.excessFen]).toEqual([900n, 100n, 0n]);
    expect(check([line('social_capital', 1200n)], 1000n).excessFen).toBe(200n);
  });
});

describe('the check an editor runs from the basis the API sends', () => {
  const basis = { costFen: 1_000_000_000, floorAreaM2: '12345.67', subsidyCap: cap, residentShare: share };

  it('gives the same violations as checkFunding, and names the rows each rule limits', () => {
    const lines = [line('city_subsidy', 493_826_801n), line('resident', 100_000_001n, 'common_revenue')];
    const live = checkAgainstBasis(basis, lines);
    expect(live).toEqual(check(lines, 1_000_000_000n));
    expect(live.violations.map((v) => v.rule)).toEqual(['funding.subsidy_cap_per_m2', 'funding.resident_share_max']);
    expect(live.violations.map((v) => sourcesLimitedBy[v.rule])).toEqual([['city_subsidy', 'district_subsidy'], ['resident']]);
    expect(live.shortfallFen).toBe(406_173_198n);
  });

  it('accepts the limits to the fen', () => {
    const lines = [line('district_subsidy', 493_826_800n), line('resident', 100_000_000n, 'common_revenue')];
    expect(checkAgainstBasis(basis, lines).violations).toEqual([]);
  });
});
