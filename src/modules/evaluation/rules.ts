// Plain rules of evaluation, testable without a database: the scoring sheet and
// a juror's scores against it, the conflict of interest, the exact ranking of
// nominations (means kept as integer fractions, compared by cross-multiplying),
// and the engagement's status order.
import type { FieldError } from '../../platform/http/problem.ts';
import type { Message } from '../../platform/i18n/messages.ts';
import { evaluationMessages as em } from './messages.ts';
import { compare, decimal, exact, fractionString } from '../../platform/exact.ts';
import type { EngagementStatus, JurorKind, SheetItem } from './schema.ts';

/** The sheet a selection publishes unless it names its own (100 points). */
export const defaultSheet: SheetItem[] = [
  { code: 'renovation_effect', name: '改造成效', maxPoints: 30 },
  { code: 'resident_participation', name: '居民参与', maxPoints: 25 },
  { code: 'long_term_governance', name: '长效治理', maxPoints: 25 },
  { code: 'innovation', name: '创新特色', maxPoints: 20 },
];

/** Errors of a sheet: at least one item, codes unique, whole positive maxima. */
export function sheetErrors(sheet: readonly SheetItem[], at = 'body.sheet'): FieldError[] {
  const errors: FieldError[] = [];
  if (!sheet.length) errors.push({ path: at, message: em.msg('field.sheet_empty') });
  const seen = new Set<string>();
  sheet.forEach((item, i) => {
    if (seen.has(item.code)) errors.push({ path: `${at}.${i}.code`, message: em.msg('field.sheet_item_repeats', { code: item.code }) });
    seen.add(item.code);
    if (!Number.isInteger(item.maxPoints) || item.maxPoints < 1 || item.maxPoints > 1000)
      errors.push({ path: `${at}.${i}.maxPoints`, message: em.msg('field.max_points') });
  });
  return errors;
}

/**
 * A juror's scores of one case against the sheet: every item, each a whole number
 * from 0 to its maximum, and nothing else. Errors name the item (`body.points.<code>`).
 */
export function scoreErrors(sheet: readonly SheetItem[], points: Record<string, unknown>, at = 'body.points'): FieldError[] {
  const errors: FieldError[] = [];
  for (const item of sheet) {
    const v = points[item.code];
    if (v === undefined) errors.push({ path: `${at}.${item.code}`, message: em.msg('field.score_required', { item: item.name }) });
    else if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > item.maxPoints)
      errors.push({ path: `${at}.${item.code}`, message: em.msg('field.score_range', { item: item.name, max: item.maxPoints }) });
  }
  for (const code of Object.keys(points))
    if (!sheet.some((i) => i.code === code)) errors.push({ path: `${at}.${code}`, message: em.msg('field.not_sheet_item') });
  return errors;
}

/** A juror may not score a case nominated by their own district (city-level experts have none). */
export function isConflictOfInterest(jurorDistrict: string | null, nominatingDistrict: string): boolean {
  return jurorDistrict !== null && jurorDistrict === nominatingDistrict;
}

/** An exact mean: the sum of the jurors' totals and how many jurors scored. */
export interface Mean {
  total: number;
  count: number;
}

/** a/b against c/d in integers: negative, zero or positive. A mean of no scores is below every other. */
export function compareMeans(a: Mean, b: Mean): number {
  if (a.count === 0 || b.count === 0) return (a.count === 0 ? 0 : 1) - (b.count === 0 ? 0 : 1);
  return compare(exact(a.total, a.count), exact(b.total, b.count));
}

/** total / count rounded half up to `places` decimals, in integer arithmetic ("26.67"); null without scores. */
export function meanText(m: Mean, places = 2): string | null {
  if (m.count === 0) return null;
  if (!Number.isInteger(m.total) || m.total < 0 || !Number.isInteger(m.count) || m.count < 0)
    throw new RangeError('a mean of non-negative whole numbers');
  return decimal(exact(m.total, m.count), places);
}

/** The mean as a fraction in lowest terms (n/d, or n when whole); null without scores. */
export function fractionText(m: Mean): string | null {
  return m.count === 0 ? null : fractionString(exact(m.total, m.count));
}

export interface JurorTotal {
  kind: JurorKind;
  /** The juror's total over the whole sheet. */
  total: number;
}

export interface Nominee {
  id: string;
  /** When nominated (since the epoch, in any one unit): the earlier wins a tie. */
  nominatedAt: number;
  totals: readonly JurorTotal[];
}

export interface Ranked<N extends Nominee> {
  rank: number;
  nominee: N;
  overall: Mean;
  byKind: Record<JurorKind, Mean>;
}

const kinds: JurorKind[] = ['expert', 'npc_deputy', 'cppcc_member', 'resident_representative'];

/** Per nominee the mean total per juror kind and overall (over every juror who scored it). */
export function meansOf(totals: readonly JurorTotal[]): { overall: Mean; byKind: Record<JurorKind, Mean> } {
  const byKind = Object.fromEntries(kinds.map((k) => [k, { total: 0, count: 0 }])) as Record<JurorKind, Mean>;
  const overall = { total: 0, count: 0 };
  for (const t of totals) {
    byKind[t.kind].total += t.total;
    byKind[t.kind].count += 1;
    overall.total += t.total;
    overall.count += 1;
  }
  return { overall, byKind };
}

/**
 * The ranking: by the overall mean, highest first, compared exactly; a tie goes to
 * the case nominated earlier (then by id, so the order is total). Unscored cases come last.
 */
export function rankNominees<N extends Nominee>(nominees: readonly N[]): Ranked<N>[] {
  return nominees
    .map((nominee) => ({ nominee, ...meansOf(nominee.totals) }))
    .sort(
      (a, b) =>
        compareMeans(b.overall, a.overall) ||
        a.nominee.nominatedAt - b.nominee.nominatedAt ||
        (a.nominee.id < b.nominee.id ? -1 : a.nominee.id > b.nominee.id ? 1 : 0),
    )
    .map((r, i) => ({ rank: i + 1, ...r }));
}

const statusOrder: EngagementStatus[] = ['planned', 'ongoing', 'reported'];

/** An engagement moves forward only, one step at a time; `reported` needs a report on file. */
export const statusWords = (status: EngagementStatus | undefined): Message => em.msg(status ? `status.${status}` : 'status.nothing');

export function statusChangeError(from: EngagementStatus, to: EngagementStatus, reports: number): Message | null {
  if (statusOrder.indexOf(to) !== statusOrder.indexOf(from) + 1)
    return em.msg('engagement.move_order', { from: statusWords(from), next: statusWords(statusOrder[statusOrder.indexOf(from) + 1]) });
  if (to === 'reported' && reports === 0) return em.msg('engagement.report_first');
  return null;
}

export { creditCheckChar, validCreditCode } from '../../platform/credit-code.ts';
