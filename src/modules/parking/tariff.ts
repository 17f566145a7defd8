// The parking fee as a pure function of the tariff (the versioned rule `parking.tariff`), the times of entry and
// exit and the vehicle's monthly passes: integer fen throughout, no database, no clock.
//
// The rule as the car park's sign states it: a stay of at most `freeMinutes` is free; a longer one pays
// `perHourFen` for every hour begun, counted from entry; the hours begun on one day (Asia/Shanghai) cost at most
// `dayCapFen`, so a stay across midnight is capped day by day; an hour begun on a day a monthly pass covers is free.
import { z } from 'zod';

export const TARIFF_RULE = 'parking.tariff';

export const tariffSchema = z.object({
  freeMinutes: z.number().int().min(0),
  perHourFen: z.number().int().min(0),
  dayCapFen: z.number().int().min(0),
  /** What a monthly pass costs (a calendar month of free parking for one plate). */
  monthlyPassFen: z.number().int().min(0),
});
export type Tariff = z.infer<typeof tariffSchema>;

/** A monthly pass's days, both inclusive (Asia/Shanghai dates, YYYY-MM-DD). */
export interface PassDays {
  from: string;
  to: string;
}

export interface DayFee {
  /** Asia/Shanghai date. */
  day: string;
  /** Hours begun on this day. */
  hours: number;
  fen: number;
  capped: boolean;
  pass: boolean;
}

export interface Fee {
  fen: number;
  /** Minutes parked, a minute begun counting whole. */
  minutes: number;
  free: boolean;
  days: DayFee[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
// China keeps one offset all year.
const SHANGHAI_OFFSET = 8 * HOUR;

export const shanghaiDay = (ms: number): string => new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 10);

/** The fee of one stay, exact to the fen. */
export function parkingFee(tariff: Tariff, enteredAt: Date, exitedAt: Date, passes: readonly PassDays[] = []): Fee {
  const from = enteredAt.getTime();
  const ms = exitedAt.getTime() - from;
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError('a stay ends after it begins');
  const minutes = Math.ceil(ms / MINUTE);
  if (minutes <= tariff.freeMinutes) return { fen: 0, minutes, free: true, days: [] };
  const hours = Math.ceil(minutes / 60);
  const byDay = new Map<string, number>();
  for (let k = 0; k < hours; k++) {
    const day = shanghaiDay(from + k * HOUR);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  const days: DayFee[] = [];
  let fen = 0;
  for (const [day, n] of byDay) {
    const pass = passes.some((p) => p.from <= day && day <= p.to);
    const full = n * tariff.perHourFen;
    const dayFen = pass ? 0 : Math.min(full, tariff.dayCapFen);
    days.push({ day, hours: n, fen: dayFen, capped: !pass && full > tariff.dayCapFen, pass });
    fen += dayFen;
  }
  return { fen, minutes, free: fen === 0, days };
}

/** The calendar month of `month` (YYYY-MM) as a pass's days. */
export function monthDays(month: string): PassDays {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The calendar month of `month` (YYYY-MM) as instants: from its first midnight (Asia/Shanghai) to the next month's. */
export function monthWindow(month: string): { from: Date; until: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+08:00`), until: new Date(`${next}-01T00:00:00+08:00`) };
}
