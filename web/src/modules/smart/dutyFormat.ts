// Words for the duty console: times on the Beijing clock whatever the browser's zone, durations in
// minutes and seconds, and the names of severities and alarm types (never their codes).
import type { TFunction } from 'i18next';
import { SEVERITIES, type Alarm, type AlarmPerson, type Severity } from './dutyTypes.ts';

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-02 20:41:07", Beijing time. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(shanghai.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Whole seconds as words: 45 秒, 3 分 20 秒, 2 小时 5 分. */
export function durationWords(t: TFunction, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return t('duty.safety.none');
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('duty.duration.seconds', { s });
  if (s < 3600) return t('duty.duration.minutes', { m: Math.floor(s / 60), s: s % 60 });
  return t('duty.duration.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
}

export const severityColor: Record<Severity, string> = { critical: '#cf1322', major: '#d46b08', minor: '#d4b106', warning: '#1677ff' };
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

export const severityLabel = (t: TFunction, s: string): string => t(`duty.severity.${s}`, { defaultValue: t('duty.types.other') });

/** An alarm type's name: "sos.pressed" → 居民一键报警; an unknown cause is "其他告警", never its code. */
export const typeLabel = (t: TFunction, type: string): string =>
  t(`duty.types.${type.replace(/\./g, '_')}`, { defaultValue: t('duty.types.other') });

export const personName = (p: AlarmPerson | null | undefined): string | null => p?.displayName ?? null;

/** The alarm's type as the server worded it, else from the console's own words. */
export const alarmTypeLabel = (t: TFunction, a: Pick<Alarm, 'type' | 'typeName'>): string => a.typeName ?? typeLabel(t, a.type);

/** Newest first by the last occurrence. */
export const newestFirst = (a: Alarm, b: Alarm): number => Date.parse(b.lastAt) - Date.parse(a.lastAt);
