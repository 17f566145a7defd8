// Money and days as the resident's community pages show them.
import type { TFunction } from 'i18next';

/** Integer fen as yuan with two places: "¥12.50". */
export const yuan = (fen: number) => `¥${Math.trunc(fen / 100)}.${String(Math.abs(fen % 100)).padStart(2, '0')}`;

/** A day as "6月15日 周一" / "Mon 15 Jun". */
export function dayLabel(day: string, language: string): string {
  return new Date(`${day}T00:00:00+08:00`).toLocaleDateString(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  });
}

/** Why a diner is subsidised, in words ("80 周岁以上、独居"). */
export function reasonWords(reasons: readonly string[], t: TFunction, language: string): string {
  return reasons
    .map((r) =>
      r.startsWith('age:') ? t('community.reasons.age', { age: r.slice(4) }) : t(`community.reasons.${r}`, { defaultValue: '' }),
    )
    .filter(Boolean)
    .join(language === 'en' ? ', ' : '、');
}
