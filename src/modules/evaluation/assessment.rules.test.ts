import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import shipped from '../../../reference/cities/330100/assessment-scheme.json' with { type: 'json' };
import rulesFile from '../../../reference/cities/330100/policy-rules.json' with { type: 'json' };
import {
  assess,
  cappedBonus,
  compare,
  decimal,
  exact,
  fractionString,
  indicatorsOf,
  parseHundredths,
  rankScores,
  schemeErrors,
  weighted,
  type DistrictInput,
  type ProjectFact,
  type Scheme,
} from './assessment.rules.ts';
import type { SatisfactionTierRule } from './tiers.ts';

const scheme = shipped as Scheme;
const tiers = (rulesFile as { rules: { key: string; value: unknown }[] }).rules.find((r) => r.key === 'satisfaction.tiers')!
  .value as SatisfactionTierRule[];
const schemeRule = { key: 'assessment.scheme', version: '2021.1' };
const tiersRule = { key: 'satisfaction.tiers', version: '2021.1' };
const satisfiedRule = { key: 'satisfaction.satisfied', version: '2021.1' };

const project = (id: string, stage: string, households = 10, over: Partial<ProjectFact> = {}): ProjectFact => ({
  id,
  stage,
  households,
  facilities: null,
  consentPassed: false,
  planApprovalPassed: false,
  approvalsComplete: false,
  governanceInPlace: false,
  fundedSources: [],
  ...over,
});
const district = (code: string, projects: ProjectFact[], over: Partial<DistrictInput> = {}): DistrictInput => ({
  districtCode: code,
  projects,
  centralFundsFen: 0n,
  satisfaction: { satisfied: 0, answered: 0, projectIds: [] },
  entries: [],
  ...over,
});
const run = (districts: DistrictInput[]) => assess({ scheme, schemeRule, tiers, tiersRule, satisfiedRule, districts });

describe('exact fractions', () => {
  it('round half up to 2 decimals in integers', () => {
    expect(decimal(exact(2, 3))).toBe('0.67');
    expect(decimal(exact(1, 200))).toBe('0.01');
    expect(decimal(exact(1, 201))).toBe('0.00');
    expect(decimal(exact(16, 3))).toBe('5.33');
    expect(decimal(exact(100))).toBe('100.00');
    expect(fractionString(exact(8 * 2, 6))).toBe('8/3');
  });

  it('compare by cross-multiplication exactly where floats would tie', () => {
    const big = 10n ** 20n;
    expect(compare(exact(big + 1n, big), exact(big, big - 1n))).toBe(-1);
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 50 }), (n, d, k) => {
        expect(compare(exact(n, d), exact(n * k, d * k))).toBe(0);
        expect(compare(exact(n, d), exact(n + 1, d))).toBe(-1);
      }),
    );
  });

  it('parse entered points of at most 2 decimals', () => {
    expect(parseHundredths('4.5')).toBe(450n);
    expect(parseHundredths('6')).toBe(600n);
    expect(parseHundredths('0.05')).toBe(5n);
    expect(parseHundredths('1.234')).toBeNull();
    expect(parseHundredths('-1')).toBeNull();
  });
});

describe('the shipped scheme', () => {
  it('has 5 aspects and 14 indicators weighing 100, and a bonus cap of 5', () => {
    expect(schemeErrors(scheme)).toEqual([]);
    expect(scheme.aspects).toHaveLength(5);
    expect(indicatorsOf(scheme)).toHaveLength(14);
    expect(scheme.bonus.cap).toBe(5);
    expect(schemeErrors({ ...scheme, aspects: scheme.aspects.slice(1) })).toEqual([expect.stringContaining('not 100')]);
  });
});

describe('scores, caps and ranks', () => {
  it('scores weight × fraction exactly: 2 of 3 projects started is 16/3 of 8 points', () => {
    expect(fractionString(weighted(8, exact(2, 3)))).toBe('16/3');
    expect(weighted(8, null)).toEqual(exact(0));
    const [d] = run([
      district('330105', [
        project('a', 'under_construction', 30),
        project('b', 'accepted', 50, { consentPassed: true, planApprovalPassed: true, approvalsComplete: true }),
        project('c', 'planned', 20),
      ]),
    ]);
    const a11 = d!.indicators.find((i) => i.code === 'A1.1')!;
    expect(a11).toMatchObject({ numerator: 2, denominator: 3, value: '0.6667', score: '5.33', scoreExact: '16/3' });
    expect(a11.provenance).toMatchObject({ projectIds: ['a', 'b', 'c'], numeratorProjectIds: ['a', 'b'], basis: 'computed' });
    // Households benefited: 50 of 100, so 3 of 6 points.
    expect(d!.indicators.find((i) => i.code === 'A1.3')).toMatchObject({ numerator: 50, denominator: 100, score: '3.00' });
    // Both 2/3 thresholds: only projects at plan_approved or later count; b has both.
    expect(d!.indicators.find((i) => i.code === 'A2.1')).toMatchObject({ numerator: 1, denominator: 2, score: '4.00' });
    // Complete approvals over projects at consulted or later (a and b); governance in place over projects at accepted or later (b).
    expect(d!.indicators.find((i) => i.code === 'A2.2')).toMatchObject({
      numerator: 1,
      denominator: 2,
      provenance: { basis: 'computed', numeratorProjectIds: ['b'] },
    });
    expect(d!.indicators.find((i) => i.code === 'A3.3')).toMatchObject({ numerator: 0, denominator: 1, score: '0.00' });
  });

  it('gives no score, not a failing one, where there is nothing to measure', () => {
    const [d] = run([district('330108', [])]);
    expect(d!.indicators.find((i) => i.code === 'A1.1')).toMatchObject({ numerator: 0, denominator: 0, value: null, score: '0.00' });
    expect(d!.score).toBe('0.00');
  });

  it("scores relative indicators against the best district, and tiers satisfaction from the district's surveys", () => {
    const out = run([
      district('330102', [project('a', 'accepted', 10, { facilities: 3 })], {
        centralFundsFen: 300n,
        satisfaction: { satisfied: 900, answered: 1000, projectIds: ['a'] },
      }),
      district('330105', [project('b', 'accepted', 10, { facilities: 1 })], {
        centralFundsFen: 100n,
        satisfaction: { satisfied: 899, answered: 1000, projectIds: ['b'] },
      }),
    ]);
    const get = (code: string, ind: string) => out.find((d) => d.districtCode === code)!.indicators.find((i) => i.code === ind)!;
    expect(get('330105', 'A4.1')).toMatchObject({ numerator: 100, denominator: 300, score: '2.00', provenance: { relativeTo: '330102' } });
    expect(get('330105', 'A3.2')).toMatchObject({ numerator: 1, denominator: 3, score: '2.67' });
    expect(get('330102', 'A3.1')).toMatchObject({ score: '12.00', provenance: { tier: { minPercent: 90 } } });
    expect(get('330105', 'A3.1')).toMatchObject({
      numerator: 899,
      denominator: 1000,
      score: '9.60',
      provenance: { basis: 'computed', projectIds: ['b'], tier: { minPercent: 80 } },
    });
    const [none] = run([district('330106', [project('c', 'planned')])]);
    expect(none!.indicators.find((i) => i.code === 'A3.1')).toMatchObject({ value: null, score: '0.00', provenance: { tier: null } });
  });

  it('caps an entered score at its weight and the bonus at the scheme cap', () => {
    expect(cappedBonus([300n, 250n], 5)).toEqual(exact(5));
    expect(cappedBonus([150n, 125n], 5)).toEqual(exact(275, 100));
    expect(cappedBonus([], 5)).toEqual(exact(0));
    const e = (code: string, points: bigint) => ({ code, points, evidence: 'ev', by: 'evaluator' });
    const [d] = run([district('330105', [], { entries: [e('A5.1', 900n), e('B1', 400n), e('B3', 300n), e('B9', 100n)] })]);
    expect(d!.indicators.find((i) => i.code === 'A5.1')).toMatchObject({ score: '6.00', provenance: { entered: { by: 'evaluator' } } });
    expect(d!.bonus.map((b) => b.ground)).toEqual(['B1', 'B3']);
    expect(d!.bonusTotal).toBe('5.00');
    expect(d!.score).toBe('11.00');
  });

  it('ranks by exact score; ties share a rank and the next rank skips', () => {
    const s = (id: string, n: number, den = 1) => ({ id, score: exact(n, den) });
    expect(rankScores([s('a', 1, 3), s('b', 2, 6), s('c', 1), s('d', 0)]).map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['b', 2],
      ['d', 4],
    ]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 20 }), (xs) => {
        const ranked = rankScores(xs.map(([n, d], i) => s(String(i), n, d)));
        for (const r of ranked) expect(r.rank).toBe(ranked.filter((o) => compare(o.score, r.score) > 0).length + 1);
      }),
    );
  });

  it('is deterministic: the same inputs give the same JSON', () => {
    const input = [district('330105', [project('a', 'accepted')]), district('330102', [project('b', 'planned')])];
    expect(JSON.stringify(run(input))).toBe(JSON.stringify(run(structuredClone(input))));
  });
});
