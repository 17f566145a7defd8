import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import shipped from '../../../reference/cities/330100/policy-rules.json' with { type: 'json' };
import { placeSatisfaction, type SatisfactionTierRule } from './tiers.ts';

const rules = (Array.isArray(shipped) ? shipped : (shipped as { rules: unknown[] }).rules) as { key: string; value: unknown }[];
const tiers = rules.find((r) => r.key === 'satisfaction.tiers')!.value as SatisfactionTierRule[];

describe('satisfaction tiers, with the shipped rule', () => {
  it('places 899 of 1,000 in 80–90% and 900 of 1,000 in the top tier', () => {
    expect(placeSatisfaction(899, 1000, tiers)).toMatchObject({ tier: 1, minPercent: 80 });
    expect(placeSatisfaction(900, 1000, tiers)).toMatchObject({ tier: 0, minPercent: 90 });
  });

  it.each([
    [90, 0],
    [80, 1],
    [70, 2],
  ])('is exact at n−1, n, n+1 around the %i%% edge, for many household counts', (edge, tier) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), (answered) => {
        // n = the fewest satisfied households that reach the edge: ceil(edge × answered / 100), in integers.
        const n = Math.floor((edge * answered + 99) / 100);
        const at = (k: number) => placeSatisfaction(k, answered, tiers)!.tier;
        // Below the edge one household short, at or above it from n on; with 100 or more answers
        // one household moves the rate by at most a percent, so the tiers are exactly the next ones.
        if (n >= 1) expect(at(n - 1)).toBeGreaterThan(tier);
        expect(at(n)).toBeLessThanOrEqual(tier);
        if (n + 1 <= answered) expect(at(n + 1)).toBeLessThanOrEqual(tier);
        if (answered >= 100) {
          expect(at(n - 1)).toBe(tier + 1);
          expect(at(n)).toBe(tier);
        }
      }),
    );
  });

  it('has no tier without answers, and refuses impossible counts', () => {
    expect(placeSatisfaction(0, 0, tiers)).toBeNull();
    expect(placeSatisfaction(0, 5, tiers)).toMatchObject({ tier: 3, minPercent: 0 });
    expect(() => placeSatisfaction(6, 5, tiers)).toThrow(RangeError);
    expect(() => placeSatisfaction(1.5, 5, tiers)).toThrow(RangeError);
  });

  it('refuses a rule whose thresholds do not fall to 0%', () => {
    expect(() => placeSatisfaction(1, 2, [{ min_percent: 50, score_share: { numerator: 1, denominator: 1 } }])).toThrow(/0%/);
    expect(() =>
      placeSatisfaction(1, 2, [
        { min_percent: 50, score_share: { numerator: 1, denominator: 1 } },
        { min_percent: 60, score_share: { numerator: 1, denominator: 2 } },
        { min_percent: 0, score_share: { numerator: 0, denominator: 1 } },
      ]),
    ).toThrow(/fall/);
  });
});
