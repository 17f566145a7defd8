// Repairs in words: statuses, steps, roles, outcomes and categories by their names (never their codes).
import type { TFunction } from 'i18next';

export const REPAIR_STATUSES = ['open', 'assigned', 'in_progress', 'done', 'cancelled'] as const;
export type RepairStatus = (typeof REPAIR_STATUSES)[number];
export const FOLLOW_UP_OUTCOMES = ['satisfied', 'unsatisfied', 'not_reached'] as const;

export const STATUS_COLOR: Record<string, string> = {
  open: 'orange',
  assigned: 'blue',
  in_progress: 'geekblue',
  done: 'green',
  cancelled: 'default',
};

/** A category's name as the server sends it ({zh, en}), in the page's language. */
export const localName = (name: { zh: string; en: string } | undefined, language: string, t: TFunction) =>
  name ? (language === 'en' ? name.en : name.zh) : t('repairs.unknownCategory');

export const statusName = (t: TFunction, status: string) => t(`repairs.statuses.${status}`, { defaultValue: t('repairs.unknownCategory') });

export const outcomeName = (t: TFunction, outcome: string) =>
  t(`repairs.outcomes.${outcome}`, { defaultValue: t('repairs.unknownCategory') });

export { formatAt } from '../../app/time.ts';

export const placeText = (p: { compoundName: string; building: string; unit: string; room: string } | null) =>
  p ? `${p.compoundName} ${p.building}${p.unit}${p.room}` : '—';
