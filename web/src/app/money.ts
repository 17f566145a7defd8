// Exact money for the UI. The API carries integer fen; quantities and areas are decimal
// strings with two places. Nothing here multiplies floats: parsing and formatting work
// on strings and BigInt, so ¥4,938,268.01 never becomes ¥4,938,268.00 by accident.

export type FenLike = bigint | number | string;

const DECIMAL_2 = /^(-)?(\d+)(?:\.(\d{0,2}))?$/;

/** Any integer fen value (number, bigint or digit string) as a bigint. */
export function toFen(value: FenLike): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an integer number of fen`);
    return BigInt(value);
  }
  return BigInt(value.trim());
}

/** "12.5" → 1250n hundredths; null when the text is not a decimal with at most two places. */
export function parseHundredths(text: string | null | undefined): bigint | null {
  if (text === null || text === undefined) return null;
  const m = DECIMAL_2.exec(text.trim().replace(/,/g, ''));
  if (!m) return null;
  const abs = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -abs : abs;
}

/** A yuan amount typed by a user ("1234.5") in fen (123450n), exactly; null if malformed. */
export const parseYuanToFen = parseHundredths;

/** Integer fen as a plain yuan string for inputs: 123450 → "1234.50". */
export function fenToYuanString(fen: FenLike): string {
  const v = toFen(fen);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}

/** Hundredths back to a decimal string: 1250n → "12.50". */
export const hundredthsToString = fenToYuanString;

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integer fen → "¥1,234.56" (negative: "-¥1,234.56"). */
export function formatFen(fen: FenLike | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const v = toFen(fen);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  return `${sign}¥${group(String(a / 100n))}.${String(a % 100n).padStart(2, '0')}`;
}

/** a / d rounded half up to two decimals, as a grouped string (a ≥ 0). */
function scaled(a: bigint, divisorFen: bigint): string {
  const hundredthsOfUnit = (a * 100n + divisorFen / 2n) / divisorFen;
  return `${group(String(hundredthsOfUnit / 100n))}.${String(hundredthsOfUnit % 100n).padStart(2, '0')}`;
}

const YI_FEN = 10_000_000_000n; // 1 亿元 = 10^8 yuan
const WAN_FEN = 1_000_000n; // 1 万元 = 10^4 yuan
const BILLION_FEN = 100_000_000_000n;
const MILLION_FEN = 100_000_000n;

/**
 * Large totals: zh-CN "493.83 万元" / "1.25 亿元", English "¥4.94 m" / "¥1.25 bn";
 * below 1 万元 (or ¥1 m) the exact "¥1,234.56".
 */
export function formatFenBig(fen: FenLike | null | undefined, locale = 'zh-CN'): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const v = toFen(fen);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  if (locale === 'en') {
    if (a >= BILLION_FEN) return `${sign}¥${scaled(a, BILLION_FEN)} bn`;
    if (a >= MILLION_FEN) return `${sign}¥${scaled(a, MILLION_FEN)} m`;
    return formatFen(v);
  }
  if (a >= YI_FEN) return `${sign}${scaled(a, YI_FEN)} 亿元`;
  if (a >= WAN_FEN) return `${sign}${scaled(a, WAN_FEN)} 万元`;
  return formatFen(v);
}

/** quantity (hundredths) × unit price (fen) / 100, rounded half up to the fen (as the server does). */
export function lineAmountFen(quantityHundredths: bigint, unitPriceFen: bigint): bigint {
  const product = quantityHundredths * unitPriceFen;
  return product >= 0n ? (product + 50n) / 100n : -((-product + 50n) / 100n);
}

/** Sum of fen values, exactly. */
export function sumFen(values: Iterable<FenLike>): bigint {
  let total = 0n;
  for (const v of values) total += toFen(v);
  return total;
}

/** Fen as a JSON-safe number for the API (throws beyond 2^53). */
export function fenToNumber(fen: bigint): number {
  if (fen > BigInt(Number.MAX_SAFE_INTEGER) || fen < -BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('amount too large');
  return Number(fen);
}

/** A decimal string (area, quantity) grouped with two places, exactly: "12345.6" → "12,345.60"; "—" when empty or malformed. */
export function formatDecimal(text: string | null | undefined): string {
  const h = parseHundredths(text);
  if (h === null) return text ? String(text) : '—';
  const sign = h < 0n ? '-' : '';
  const a = h < 0n ? -h : h;
  return `${sign}${group(String(a / 100n))}.${String(a % 100n).padStart(2, '0')}`;
}
