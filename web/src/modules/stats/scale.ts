// Large figures for the wall display (issue 16, item 3): scaled to 万 / 亿 / 万亿 (k, m, bn, tn in English) so the
// integer part keeps at most four digits, exactly (BigInt, rounded half up to two places). Never a float.

export interface Scaled {
  /** The number as shown: "9,999.99", "1,234". */
  number: string;
  /** The scale word, '' when the figure is shown as it is. */
  prefix: string;
}

const ZH: [number, string][] = [
  [12, '万亿'],
  [8, '亿'],
  [4, '万'],
];
const EN: [number, string][] = [
  [12, 'tn'],
  [9, 'bn'],
  [6, 'm'],
  [3, 'k'],
];

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "123.4" / "12" → hundredths as a BigInt (null for anything else, e.g. an empty rate). */
export function toHundredths(value: string): bigint | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  return m ? BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0')) : null;
}

/**
 * A figure in hundredths, scaled once it reaches 10,000: `whole` figures (counts) below that keep no decimals.
 * 999999999999 (9,999,999,999.99) → { number: '100.00', prefix: '亿' }.
 */
export function scaleFigure(hundredths: bigint, lang: string, whole = false): Scaled {
  const abs = hundredths < 0n ? -hundredths : hundredths;
  const sign = hundredths < 0n ? '-' : '';
  if (abs < 1_000_000n) {
    const int = abs / 100n;
    return { number: sign + group(String(int)) + (whole ? '' : `.${String(abs % 100n).padStart(2, '0')}`), prefix: '' };
  }
  for (const [exp, prefix] of lang === 'en' ? EN : ZH) {
    const unit = 10n ** BigInt(exp);
    const scaled = (abs + unit / 2n) / unit; // hundredths of the scaled unit, half up
    // Chosen by the rounded figure, so 99,999,999 reads 1.00 亿 rather than 10,000.00 万.
    if (scaled < 100n) continue;
    return { number: `${sign}${group(String(scaled / 100n))}.${String(scaled % 100n).padStart(2, '0')}`, prefix };
  }
  return { number: sign + group(String(abs / 100n)), prefix: '' };
}
