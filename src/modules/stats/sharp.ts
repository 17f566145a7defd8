// Figures that changed sharply (issue 16, item 3): each headline figure of the overview against the same figure at
// the end of the previous month, by the rule `stats.sharp_change` (a share: more than n/d of the earlier value, up or
// down). An earlier value of zero is not compared: any first figure would be "sharp". Exact, in integers.
import type { Fraction } from '../../platform/money.ts';

/** The overview's headline figures by the key the web's cards use; decimals as "123.45", counts and fen as digits. */
export type Figures = Record<string, string>;

export interface SharpChange {
  figure: string;
  before: string;
  now: string;
}

/** "1234.5" → 123450n (hundredths); counts and fen are scaled alike, so only comparisons between them matter. */
function scaled(v: string): bigint | null {
  const m = /^(-?\d+)(?:\.(\d{1,2}))?$/.exec(v);
  if (!m) return null;
  const whole = BigInt(m[1]!) * 100n;
  const part = BigInt((m[2] ?? '').padEnd(2, '0'));
  return whole < 0n ? whole - part : whole + part;
}

export function sharpChanges(now: Figures, before: Figures, share: Fraction): SharpChange[] {
  const out: SharpChange[] = [];
  for (const [figure, value] of Object.entries(now)) {
    const was = before[figure];
    if (was === undefined) continue;
    const a = scaled(was);
    const b = scaled(value);
    if (a === null || b === null || a <= 0n) continue;
    const delta = b > a ? b - a : a - b;
    if (delta * BigInt(share.denominator) > a * BigInt(share.numerator)) out.push({ figure, before: was, now: value });
  }
  return out;
}

/** The first day of the month of `day` (YYYY-MM-DD): snapshots before it are the previous month's. */
export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** The calendar day in the city's time zone (Asia/Shanghai, no daylight saving). */
export const cityDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
