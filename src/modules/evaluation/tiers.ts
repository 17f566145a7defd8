// Satisfaction tiers (R19): a project's satisfaction rate is an exact fraction
// (satisfied households over households that answered), placed in the tier of
// the versioned rule `satisfaction.tiers` by comparing in integers:
// 100 × satisfied ≥ minPercent × answered. So 899 of 1,000 is below 90%, and
// 900 of 1,000 is in the top tier. No floating point touches the boundary.
import type { Fraction } from '../../platform/money.ts';

/** As the rule stores it: tiers from the highest threshold down, the last at 0%. */
export interface SatisfactionTierRule {
  min_percent: number;
  score_share: Fraction;
}

export interface Placement {
  /** 0 is the top tier. */
  tier: number;
  minPercent: number;
  scoreShare: Fraction;
}

export function validateTiers(tiers: readonly SatisfactionTierRule[]): void {
  if (!tiers.length) throw new RangeError('satisfaction.tiers has no tiers');
  tiers.forEach((t, i) => {
    if (!Number.isInteger(t.min_percent) || t.min_percent < 0 || t.min_percent > 100)
      throw new RangeError(`tier ${i}: min_percent must be an integer 0–100`);
    if (i > 0 && t.min_percent >= tiers[i - 1]!.min_percent) throw new RangeError(`tier ${i}: thresholds must fall from tier to tier`);
  });
  if (tiers.at(-1)!.min_percent !== 0) throw new RangeError('the last tier must start at 0%, so every rate has a tier');
}

export function placeSatisfaction(satisfied: number, answered: number, tiers: readonly SatisfactionTierRule[]): Placement | null {
  if (!Number.isInteger(satisfied) || !Number.isInteger(answered) || satisfied < 0 || satisfied > answered)
    throw new RangeError(`satisfied (${satisfied}) must be an integer from 0 to answered (${answered})`);
  validateTiers(tiers);
  if (answered === 0) return null; // no answers, no rate: not the bottom tier
  const s = BigInt(satisfied);
  const n = BigInt(answered);
  const tier = tiers.findIndex((t) => 100n * s >= BigInt(t.min_percent) * n);
  const t = tiers[tier]!;
  return { tier, minPercent: t.min_percent, scoreShare: t.score_share };
}
