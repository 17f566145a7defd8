// The count of a ballot, in integers. The threshold is a share of all eligible
// households (R3: the consent rules give two thirds of the electorate), so abstentions and households that
// did not vote count against, exactly like a "disagree".
import type { Fraction } from '../../platform/money.ts';

export const choices = ['agree', 'disagree', 'abstain'] as const;
export type Choice = (typeof choices)[number];

export interface Tally {
  eligible: number;
  agree: number;
  disagree: number;
  abstain: number;
  notVoted: number;
}

/** agree / eligible ≥ n / d, cross-multiplied in bigint so no rounding can tip a result. */
export function passes(agree: number, eligible: number, f: Fraction): boolean {
  if (!Number.isInteger(agree) || !Number.isInteger(eligible) || agree < 0 || agree > eligible) {
    throw new RangeError(`agree (${agree}) must be an integer between 0 and eligible (${eligible})`);
  }
  if (!Number.isInteger(f.numerator) || !Number.isInteger(f.denominator) || f.denominator <= 0 || f.numerator < 0) {
    throw new RangeError(`the threshold ${f.numerator}/${f.denominator} is not a fraction`);
  }
  // An empty electorate consents to nothing.
  if (eligible === 0) return false;
  return BigInt(agree) * BigInt(f.denominator) >= BigInt(f.numerator) * BigInt(eligible);
}

/** The least number of "agree" votes that passes: ceil(eligible × n / d). */
export function agreeNeeded(eligible: number, f: Fraction): number {
  const num = BigInt(eligible) * BigInt(f.numerator);
  const d = BigInt(f.denominator);
  return Number((num + d - 1n) / d);
}

/** Counts one counted choice per household; `eligible` is the frozen electorate's size. */
export function count(eligible: number, counted: readonly Choice[]): Tally {
  if (counted.length > eligible) throw new RangeError(`${counted.length} votes for ${eligible} eligible households`);
  const t: Tally = { eligible, agree: 0, disagree: 0, abstain: 0, notVoted: 0 };
  for (const c of counted) t[c] += 1;
  t.notVoted = eligible - counted.length;
  return t;
}
