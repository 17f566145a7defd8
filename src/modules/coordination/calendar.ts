// Working days: the scheduler counts whole working days from day 0, the first
// working day of the plan; Saturdays and Sundays are not working days (public
// holidays are blackouts, which a city records with their reason). Dates are
// ISO yyyy-mm-dd, computed in UTC so no time zone shifts a day.

const DAY = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isWeekend = (ms: number) => {
  const d = new Date(ms).getUTCDay();
  return d === 0 || d === 6;
};

/** The first working day on or after a date. */
export function firstWorkingDay(iso: string): string {
  let ms = toMs(iso);
  while (isWeekend(ms)) ms += DAY;
  return toIso(ms);
}

/** Working days from `startsOn` (day 0) to the first working day on or after `iso`; negative before `startsOn`. */
export function workingDayIndex(startsOn: string, iso: string): number {
  const start = toMs(startsOn);
  const target = toMs(firstWorkingDay(iso));
  const sign = target >= start ? 1 : -1;
  const [a, b] = sign === 1 ? [start, target] : [target, start];
  const days = Math.round((b - a) / DAY);
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let ms = a + weeks * 7 * DAY; ms < b; ms += DAY) if (!isWeekend(ms)) count++;
  return sign * count;
}

/** The calendar date of working day `index` (day 0 is `startsOn`, itself a working day). */
export function dateOfWorkingDay(startsOn: string, index: number): string {
  let ms = toMs(startsOn);
  const weeks = Math.floor(index / 5);
  ms += weeks * 7 * DAY;
  let left = index - weeks * 5;
  while (isWeekend(ms)) ms += DAY;
  while (left > 0) {
    ms += DAY;
    if (!isWeekend(ms)) left--;
  }
  return toIso(ms);
}

/** Calendar dates [from, to] (both inclusive) as working days [from, to), clipped at day 0; null when no working day is in it. */
export function workingDaysOf(startsOn: string, fromIso: string, toIso_: string): { from: number; to: number } | null {
  const from = Math.max(0, workingDayIndex(startsOn, fromIso));
  const to = workingDayIndex(startsOn, toIso(toMs(toIso_) + DAY));
  return to > from ? { from, to } : null;
}
