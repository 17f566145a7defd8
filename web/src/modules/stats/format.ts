// Exact figures for the overview: fen summed as BigInt and shown in 万元 (zh) without floats.
import { fenToYuanString, formatFenBig, sumFen, type FenLike } from '../../app/money.ts';
import type { Overview } from './types.ts';

const WAN_FEN = 1_000_000n; // 1 万元 = 10^4 yuan = 10^6 fen

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integer fen as 万元 with two places, rounded half up, grouped: 123456789 → "123.46". */
export function fenToWan(fen: FenLike): string {
  const v = BigInt(fen);
  const sign = v < 0n ? '-' : '';
  const a = v < 0n ? -v : v;
  const hundredths = (a * 100n + WAN_FEN / 2n) / WAN_FEN;
  return `${sign}${group(String(hundredths / 100n))}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** The overview's total funding in fen, exactly. */
export function totalFundingFen(o: Pick<Overview, 'fundingFen'>): bigint {
  return sumFen(Object.values(o.fundingFen));
}

/** Money for tooltips and the English KPI: 万元 in Chinese, "¥1.23 m" in English. */
export function moneyLabel(fen: FenLike, lang: string): string {
  return lang === 'en' ? formatFenBig(fen, 'en') : `${fenToWan(fen)} 万元`;
}

/** Yuan as a number, for drawing only (ECharts needs numbers). */
export const drawYuan = (fen: FenLike): number => Number(fenToYuanString(fen));

/** Integers grouped by thousands. */
export const formatCount = (n: number): string => group(String(n));

/** True when the overview has nothing to show at all. */
export function isEmptyOverview(o: Overview): boolean {
  return o.projects === 0 && o.compounds === 0 && totalFundingFen(o) === 0n;
}
