// Exact fractions of integers (BigInt), for scores, rates and means that are
// compared and ranked: never a float on the way, rounding only for display.
/** n / d with d > 0, in lowest terms. */
export interface Exact {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, b < 0n ? -(a % b) : a % b];
  return a;
};

export function exact(n: bigint | number, d: bigint | number = 1n): Exact {
  const N = BigInt(n);
  const D = BigInt(d);
  if (D <= 0n) throw new RangeError('a fraction needs a positive denominator');
  const g = gcd(N, D) || 1n;
  return { n: N / g, d: D / g };
}

export const ZERO: Exact = { n: 0n, d: 1n };
export const add = (a: Exact, b: Exact): Exact => exact(a.n * b.d + b.n * a.d, a.d * b.d);
export const times = (a: Exact, b: Exact): Exact => exact(a.n * b.n, a.d * b.d);
/** Negative, zero or positive, by cross-multiplying. */
export const compare = (a: Exact, b: Exact): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const min = (a: Exact, b: Exact): Exact => (compare(a, b) <= 0 ? a : b);

/** Rounded half up to `places` decimals ("12.35"), for non-negative values, in integers only. */
export function decimal(f: Exact, places = 2): string {
  if (f.n < 0n) throw new RangeError('a non-negative value');
  const scale = 10n ** BigInt(places);
  const q = (f.n * scale * 2n + f.d) / (f.d * 2n);
  const whole = q / scale;
  return places ? `${whole}.${String(q % scale).padStart(places, '0')}` : String(whole);
}

/** n/d in lowest terms, or just n when whole. */
export const fractionString = (f: Exact): string => (f.d === 1n ? String(f.n) : `${f.n}/${f.d}`);
