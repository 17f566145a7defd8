// Sample surveys (R19), the plain part, no database: a seeded random number
// generator, the reproducible draw of a district's households, the allocation
// of a total sample size across districts, and the stratified estimate of a
// proportion with its confidence interval. Counts and weights are exact
// fractions of integers (exact.ts); only the square root of the interval is
// taken in integers at a fixed scale. The confidence level's z, the minimum per
// district and the decimals shown come from the rule `sampling.survey`.
import { createHash } from 'node:crypto';
import { add, compare, decimal, exact, fractionString, times, ZERO, type Exact } from '../../platform/exact.ts';

/** The value of the versioned rule `sampling.survey`. */
export interface SamplingRule {
  confidence_percent: number;
  /** The two-sided normal quantile of the confidence level, as a fraction (196/100 for 95%). */
  z: { numerator: number; denominator: number };
  /** At least this many sampled households per district (never more than its frame). */
  min_per_stratum: number;
  /** Decimal places of the interval bounds. */
  decimals: number;
}

// ── The generator ────────────────────────────────────────────────────────────
//
// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number
// generators", OOPSLA 2014), used as a counter-based generator: the i-th
// number (i = 1, 2, …) of a stream is mix(key + i × γ mod 2^64), γ = 0x9e3779b97f4a7c15.
// Its key is the first 8 bytes (big-endian) of SHA-256 over
// "renova.sample/1\0<seed>\0<stream>", so any text seed works and each district
// (the stream) has its own numbers: a change to one district's frame does not
// move another district's sample. All in BigInt: the same numbers everywhere.

const MASK = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;

function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
  return z ^ (z >> 31n);
}

/** The 64-bit key of a seed's stream. */
export function streamKey(seed: string, stream: string): bigint {
  return createHash('sha256').update(`renova.sample/1\0${seed}\0${stream}`, 'utf8').digest().readBigUInt64BE(0);
}

/** The stream's numbers one after another, as unsigned 64-bit integers. */
export function splitmix64(key: bigint): () => bigint {
  let i = 0n;
  return () => {
    i += 1n;
    return mix64((key + i * GAMMA) & MASK);
  };
}

/** A whole number in [0, n), without modulo bias (numbers at or above the last multiple of n are drawn again). */
export function uniformBelow(next: () => bigint, n: number): number {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError('n must be a positive whole number');
  const N = BigInt(n);
  const limit = (1n << 64n) - ((1n << 64n) % N);
  for (;;) {
    const v = next();
    if (v < limit) return Number(v % N);
  }
}

/**
 * The draw of k of a district's households: the frame ordered by household id
 * (code-unit order, so the order never depends on how the frame was read), then
 * the first k steps of a Fisher–Yates shuffle with the stream of (seed, district).
 * Returns the drawn ids in the order drawn.
 */
export function drawStratum(frameIds: readonly string[], k: number, seed: string, stream: string): string[] {
  if (!Number.isInteger(k) || k < 0 || k > frameIds.length) throw new RangeError(`cannot draw ${k} of ${frameIds.length}`);
  const ids = [...new Set(frameIds)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (ids.length !== frameIds.length) throw new RangeError('the frame repeats a household');
  const next = splitmix64(streamKey(seed, stream));
  for (let i = 0; i < k; i++) {
    const j = i + uniformBelow(next, ids.length - i);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, k);
}

// ── Allocation ───────────────────────────────────────────────────────────────

export interface StratumFrame {
  code: string;
  frame: number;
}

export type Allocation =
  | { ok: true; strata: (StratumFrame & { size: number })[] }
  | { ok: false; reason: 'above_frame'; max: number }
  | { ok: false; reason: 'below_minimum'; min: number };

/**
 * Proportional allocation of `total` across strata with exact largest-remainder
 * rounding. Every stratum gets at least min(minimum, its frame): a stratum whose
 * proportional share is below that is fixed at it and the rest is shared again
 * among the others, until no share is below. The shares n·N_h/N' are compared
 * as integer quotients and remainders of one denominator, so no float decides;
 * the units left after the floors go to the largest remainders (ties: the larger
 * frame, then the lower code). The sizes sum to `total` exactly, none exceeds its
 * frame, and an unfixed stratum is within 1 of its share. Empty strata are left out.
 */
export function allocate(strata: readonly StratumFrame[], total: number, minimum: number): Allocation {
  const live = strata.filter((s) => s.frame > 0).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const frameTotal = live.reduce((n, s) => n + s.frame, 0);
  if (total > frameTotal) return { ok: false, reason: 'above_frame', max: frameTotal };
  const floor = new Map(live.map((s) => [s.code, Math.min(minimum, s.frame)]));
  const minTotal = [...floor.values()].reduce((a, b) => a + b, 0);
  if (total < minTotal) return { ok: false, reason: 'below_minimum', min: minTotal };

  const fixed = new Map<string, number>();
  let open = live;
  let left = total;
  for (;;) {
    const pool = open.reduce((n, s) => n + s.frame, 0);
    // share_h = left × N_h / pool; below its floor when left × N_h < floor × pool.
    const below = open.filter((s) => left * s.frame < floor.get(s.code)! * pool);
    if (!below.length) break;
    for (const s of below) {
      fixed.set(s.code, floor.get(s.code)!);
      left -= floor.get(s.code)!;
    }
    open = open.filter((s) => !fixed.has(s.code));
  }
  const pool = open.reduce((n, s) => n + s.frame, 0);
  const shares = open.map((s) => ({ s, q: Math.floor((left * s.frame) / pool), r: (left * s.frame) % pool }));
  let rest = left - shares.reduce((n, x) => n + x.q, 0);
  const byRemainder = [...shares].sort((a, b) => b.r - a.r || b.s.frame - a.s.frame || (a.s.code < b.s.code ? -1 : 1));
  const sizes = new Map(shares.map((x) => [x.s.code, x.q]));
  for (const x of byRemainder) {
    if (rest === 0) break;
    sizes.set(x.s.code, x.q + 1);
    rest--;
  }
  return { ok: true, strata: live.map((s) => ({ ...s, size: fixed.get(s.code) ?? sizes.get(s.code)! })) };
}

// ── Estimation ───────────────────────────────────────────────────────────────

/** One district's counts: its frame N_h, and of its answers the "yes" y_h out of r_h (yes + no). */
export interface StratumCounts {
  code: string;
  frame: number;
  yes: number;
  responded: number;
}

export interface Interval {
  lower: string;
  upper: string;
}

export interface Estimate {
  /** The estimate as an exact fraction in lowest terms (null without any answer). */
  rate: string | null;
  value: string | null;
  interval: Interval | null;
  /** The estimated variance, exact. */
  variance: string | null;
  /** Each answering district's weight N_h / N', N' the frames of the districts with answers. */
  weights: Record<string, string>;
  /** Districts with no answer: left out, and the weights taken over the others. */
  strataWithoutAnswers: string[];
}

const isqrt = (x: bigint): bigint => {
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r;
};

/**
 * center ± √halfSquared, clipped to [0, 1], each bound rounded half up to
 * `decimals` places. The root is taken in integers six places further and
 * rounded up, so the interval is never narrower than the exact one before the
 * last rounding.
 */
export function intervalText(center: Exact, halfSquared: Exact, decimals: number): Interval {
  const S = 10n ** BigInt(decimals + 6);
  const x = (halfSquared.n * S * S) / halfSquared.d;
  let h = isqrt(x);
  if (h * h * halfSquared.d < halfSquared.n * S * S) h += 1n;
  const half = exact(h, S);
  const lower = add(center, { n: -half.n, d: half.d });
  const upper = add(center, half);
  const clip = (v: Exact) => (compare(v, ZERO) < 0 ? ZERO : compare(v, exact(1)) > 0 ? exact(1) : v);
  return { lower: decimal(clip(lower), decimals), upper: decimal(clip(upper), decimals) };
}

const zOf = (rule: SamplingRule) => exact(rule.z.numerator, rule.z.denominator);

/**
 * The stratified estimate of a proportion: p_st = Σ W_h p_h with W_h = N_h / N
 * and p_h = y_h / r_h, and its variance with the finite-population correction
 *   v(p_st) = Σ W_h² (1 − r_h/N_h) p_h (1 − p_h) / r_h
 * (the form the issue asks for; Cochran's unbiased form divides by r_h − 1 and is
 * larger by r_h/(r_h − 1), which matters only for districts with very few answers),
 * computed exactly as one fraction; the interval is p_st ± z √v. Non-answers
 * (refused, unreachable, not yet entered) are not in r_h: the respondents of a
 * district stand for its frame. A district with no answer cannot be estimated;
 * it is left out and the weights are taken over the districts that answered,
 * which the result lists, rather than giving no estimate at all.
 *
 * This is the headline figure: the districts are sampled at unequal rates (the
 * minimum per district, the rounding, and non-response that differs between
 * districts), so the pooled sample is not self-weighting, and only the weighted
 * estimate is unbiased for the city; its variance also uses the stratification
 * and the finite-population correction. The pooled Wilson interval (below) is
 * given beside it as a check that stays sensible near 0 or 1 and with few answers.
 */
export function stratifiedEstimate(strata: readonly StratumCounts[], rule: SamplingRule): Estimate {
  const answering = strata.filter((s) => s.responded > 0);
  const strataWithoutAnswers = strata.filter((s) => s.responded === 0).map((s) => s.code);
  const N = answering.reduce((n, s) => n + s.frame, 0);
  if (!answering.length || N === 0) return { rate: null, value: null, interval: null, variance: null, weights: {}, strataWithoutAnswers };
  for (const s of strata)
    if (s.yes < 0 || s.yes > s.responded || s.responded > s.frame) throw new RangeError(`inconsistent counts in ${s.code}`);
  let p = ZERO;
  let v = ZERO;
  const weights: Record<string, string> = {};
  for (const s of answering) {
    const w = exact(s.frame, N);
    weights[s.code] = fractionString(w);
    p = add(p, times(w, exact(s.yes, s.responded)));
    // W_h² (N_h − r_h)/N_h · y_h (r_h − y_h) / r_h³
    v = add(
      v,
      exact(
        BigInt(s.frame) * BigInt(s.frame - s.responded) * BigInt(s.yes) * BigInt(s.responded - s.yes),
        BigInt(N) ** 2n * BigInt(s.responded) ** 3n,
      ),
    );
  }
  const z = zOf(rule);
  return {
    rate: fractionString(p),
    value: decimal(p, rule.decimals),
    interval: intervalText(p, times(times(z, z), v), rule.decimals),
    variance: fractionString(v),
    weights,
    strataWithoutAnswers,
  };
}

/**
 * The Wilson score interval of the pooled sample (every district's answers
 * together, unweighted): center (y + z²/2)/(r + z²), half-width
 * z/(r + z²) · √(y(r − y)/r + z²/4). Shown beside the stratified estimate, not
 * instead of it: it ignores the weights and the finite population.
 */
export function wilsonInterval(yes: number, responded: number, rule: SamplingRule): Interval | null {
  if (responded === 0) return null;
  if (yes < 0 || yes > responded) throw new RangeError('yes must be between 0 and the answers');
  const z = zOf(rule);
  const z2 = times(z, z);
  const rz = add(exact(responded), z2);
  const center = times(add(exact(yes), times(z2, exact(1, 2))), exact(rz.d, rz.n));
  const inner = add(exact(yes * (responded - yes), responded), times(z2, exact(1, 4)));
  const halfSquared = times(times(z2, inner), exact(rz.d * rz.d, rz.n * rz.n));
  return intervalText(center, halfSquared, rule.decimals);
}
