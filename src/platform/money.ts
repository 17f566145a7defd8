// Exact money and ratios. Money is integer fen (bigint inside, number at the
// API edge); areas and quantities are decimals with two places, carried as
// integer hundredths. Thresholds are compared by cross-multiplying integers.

export interface Fraction {
  numerator: number;
  denominator: number;
}

/** "12345.67" → 1234567n; "12" → 1200n. Throws on anything else. */
export function hundredths(decimal: string): bigint {
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!m) throw new RangeError(`"${decimal}" is not a decimal with at most two places`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function fromHundredths(v: bigint): string {
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** quantity (hundredths) × unit price (fen), rounded half up to the fen. */
export function lineAmountFen(quantityHundredths: bigint, unitPriceFen: bigint): bigint {
  return (quantityHundredths * unitPriceFen + 50n) / 100n;
}

/** A yuan value given by a rule (e.g. 400, 0.3, "450.5") in fen, exactly. */
export function yuanToFen(yuan: number | string): bigint {
  const text = typeof yuan === 'number' ? String(yuan) : yuan;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a yuan amount with at most two decimals`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** fen → "4,938,268.00" (for messages; the UI formats its own). */
export function formatYuan(fen: bigint): string {
  const sign = fen < 0n ? '-' : '';
  const a = fen < 0n ? -fen : fen;
  return `${sign}${(a / 100n).toLocaleString('en-US')}.${String(a % 100n).padStart(2, '0')}`;
}

/** part / whole ≤ n / d, in integers. */
export function atMostFraction(part: bigint, whole: bigint, f: Fraction): boolean {
  return part * BigInt(f.denominator) <= BigInt(f.numerator) * whole;
}

/** The largest part with part / whole ≤ n / d. */
export function fractionFloor(whole: bigint, f: Fraction): bigint {
  return (whole * BigInt(f.numerator)) / BigInt(f.denominator);
}

/** The largest amount the API carries exactly (a JSON number); sums beyond it are refused where they are made. */
export const MAX_EXACT_FEN = BigInt(Number.MAX_SAFE_INTEGER);

export const toNumber = (fen: bigint): number => {
  if (fen > MAX_EXACT_FEN || fen < -MAX_EXACT_FEN) throw new RangeError('amount too large');
  return Number(fen);
};
