// Services in words: statuses, answers, kinds and catalogue names (never their codes), times and money.
import type { TFunction } from 'i18next';

export const ORDER_STATUSES = ['requested', 'offered', 'accepted', 'in_service', 'completed', 'cancelled', 'unmatched', 'no_show'] as const;
export const COMPLAINT_STATUSES = ['open', 'handling', 'resolved', 'closed'] as const;

export const STATUS_COLOR: Record<string, string> = {
  requested: 'orange',
  offered: 'gold',
  accepted: 'blue',
  in_service: 'geekblue',
  completed: 'green',
  cancelled: 'default',
  unmatched: 'red',
  no_show: 'volcano',
};

export const COMPLAINT_COLOR: Record<string, string> = { open: 'red', handling: 'orange', resolved: 'green', closed: 'default' };

/** A name the server sends as {zh, en}, in the page's language. */
export const localName = (name: { zh: string; en: string } | undefined, language: string, fallback = '—') =>
  name ? (language === 'en' ? name.en : name.zh) : fallback;

/** A catalogue entry's name by its code (kinds, qualifications, care levels, needs, dialects). */
export function catalogueName(
  list: readonly { code: string; name: { zh: string; en: string } }[] | undefined,
  code: string | null | undefined,
  language: string,
  t: TFunction,
): string {
  if (!code) return '—';
  return localName(list?.find((e) => e.code === code)?.name, language, t('svc.unknown'));
}

export const statusName = (t: TFunction, status: string) => t(`services.status.${status}`, { defaultValue: t('svc.unknown') });
export const complaintStatusName = (t: TFunction, status: string) => t(`svc.complaintStatus.${status}`, { defaultValue: t('svc.unknown') });
export const answerName = (t: TFunction, answer: string) => t(`svc.answer.${answer}`, { defaultValue: t('svc.unknown') });

export { formatAt } from '../../app/time.ts';

/** Fen as yuan with two places: 1250 → "12.50". */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2));

/** Seconds as a short duration in words (分钟 / 小时). */
export function durationText(t: TFunction, seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return t('svc.duration.seconds', { n: seconds });
  if (seconds < 3600) return t('svc.duration.minutes', { n: Math.round(seconds / 60) });
  return t('svc.duration.hours', { n: (seconds / 3600).toFixed(1) });
}
