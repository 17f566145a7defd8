// Grid events in words: states, steps, roles and categories by their names (never their codes).
import type { TFunction } from 'i18next';

export const GRID_STATES = ['reported', 'accepted', 'handled', 'reviewed', 'closed', 'disputed'] as const;
export type GridState = (typeof GRID_STATES)[number];

export const STATE_COLOR: Record<string, string> = {
  reported: 'orange',
  accepted: 'blue',
  handled: 'cyan',
  reviewed: 'geekblue',
  closed: 'green',
  disputed: 'red',
};

export interface NamedCategory {
  code: string;
  name: { zh: string; en: string };
}

/** A category's name in the page's language; an unknown code reads as "other", never as the code. */
export function categoryName(categories: readonly NamedCategory[] | undefined, code: string, language: string, t: TFunction): string {
  const found = categories?.find((c) => c.code === code);
  if (!found) return t('gridEvents.unknownCategory');
  return language === 'en' ? found.name.en : found.name.zh;
}

export const stateName = (t: TFunction, state: string) =>
  t(`gridEvents.states.${state}`, { defaultValue: t('gridEvents.unknownCategory') });

export const roleName = (t: TFunction, role: string | null) =>
  role ? t(`gridEvents.roles.${role}`, { defaultValue: t('gridEvents.roles.system') }) : t('gridEvents.roles.system');

export interface StepLike {
  action: string;
  from: string | null;
  to: string | null;
  level?: string | null;
}

/** What a step did, as a sentence: the move's name (受理, 处理反馈…), an escalation's level, a merge. */
export function stepName(t: TFunction, s: StepLike): string {
  if (s.action === 'transitioned' || s.action === 'reported') {
    if (s.action === 'reported') return t('gridEvents.steps.reported');
    if (s.to === 'accepted' && s.from && s.from !== 'reported') return t('gridEvents.steps.backToHandling');
    return t(`gridEvents.steps.${s.to ?? 'reported'}`, { defaultValue: t('gridEvents.steps.reported') });
  }
  if (s.action === 'escalated') return t('gridEvents.steps.escalated', { level: t(`gridEvents.levels.${s.level ?? 'community'}`) });
  return t(`gridEvents.steps.${s.action}`, { defaultValue: t('gridEvents.steps.photo') });
}

export { formatAt } from '../../app/time.ts';
