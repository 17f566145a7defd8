// Rates of a sample survey as percentages. The API sends exact decimal strings ("0.8123"); the
// point is shifted in the text rather than through a float so the page shows the API's digits.

/** "0.8123" → "81.23%"; null (nothing answered yet) → "—". */
export function percentText(value: string | null | undefined): string {
  if (value == null) return '—';
  const [whole = '0', fraction = ''] = value.split('.');
  const digits = fraction.padEnd(2, '0');
  const integer = String(Number(whole + digits.slice(0, 2)));
  const rest = digits.slice(2);
  return `${integer}${rest ? `.${rest}` : ''}%`;
}

/** "81.23% – 84.10%" for an interval, "—" without one. */
export function intervalText(interval: { lower: string; upper: string } | null): string {
  return interval ? `${percentText(interval.lower)} – ${percentText(interval.upper)}` : '—';
}

/** An exact fraction with its percentage to two places, e.g. "51/80 (63.75%)". */
export function fractionText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${part}/${whole} (${(Math.round((part * 10_000) / whole) / 100).toFixed(2)}%)`;
}
