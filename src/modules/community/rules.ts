// The community module's plain rules, testable without a database: Shanghai's calendar and clock, a person's age
// on a day, the booking cut-off, the subsidised meal price (exact to the fen), a notice's audience, opening hours
// and the distance to a shop.
import type { BookingMode, Meal, NoticeGroup, OpeningSpan } from './schema.ts';

// Asia/Shanghai has kept UTC+8 without daylight saving since 1991: a fixed offset is exact.
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar day in Shanghai at an instant, yyyy-mm-dd. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** The instant of a Shanghai wall-clock time ("HH:MM") on a day. */
export function shanghaiInstant(day: string, hhmm: string): Date {
  return new Date(Date.parse(`${day}T${hhmm}:00Z`) - OFFSET_MS);
}

/** A day plus some days, yyyy-mm-dd. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years of age on a day (a birthday on 29 February counts from 1 March in common years). */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** community.canteen_booking: when each meal is served, and how long before it bookings and cancellations close. */
export interface BookingRule {
  meals: Record<Meal, string>;
  cutoffMinutes: number;
  /** How many days ahead a menu may be booked. */
  advanceDays: number;
}

/** Bookings and cancellations of a meal close at the meal's time less the cut-off. */
export function bookingCutoff(rule: BookingRule, day: string, meal: Meal): Date {
  return new Date(shanghaiInstant(day, rule.meals[meal]).getTime() - rule.cutoffMinutes * 60_000);
}

/** community.meal_subsidy: fen off by age band (the highest band reached applies), more for living alone, capped. */
export interface SubsidyRule {
  bands: { minAge: number; fenOff: number }[];
  livesAloneFenOff: number;
  /** The subsidy never exceeds this share of the meal's price (whole percent, rounded down to the fen). */
  maxPercentOfPrice: number;
}

export interface Diner {
  birthDate: string | null;
  livesAlone: boolean;
}

export interface Price {
  totalFen: number;
  subsidyFen: number;
  payFen: number;
  /** Why: `age:80` (the band's lower bound), `lives_alone`; empty when not entitled. */
  reasons: string[];
}

/**
 * The meal's price for a diner on the meal's day. Pure and exact: integers only, the percent cap rounded down, the
 * subsidy never more than the price. A diner with no record (or no birth date) gets only what living alone gives.
 */
export function mealPrice(items: { priceFen: number; qty: number }[], diner: Diner | null, rule: SubsidyRule, day: string): Price {
  const totalFen = items.reduce((sum, i) => sum + i.priceFen * i.qty, 0);
  const reasons: string[] = [];
  let off = 0;
  if (diner?.birthDate) {
    const age = ageOn(diner.birthDate, day);
    const band = [...rule.bands].sort((a, b) => b.minAge - a.minAge).find((b) => age >= b.minAge);
    if (band) {
      off += band.fenOff;
      reasons.push(`age:${band.minAge}`);
    }
  }
  if (diner?.livesAlone && rule.livesAloneFenOff > 0) {
    off += rule.livesAloneFenOff;
    reasons.push('lives_alone');
  }
  const cap = Math.floor((totalFen * rule.maxPercentOfPrice) / 100);
  const subsidyFen = Math.min(off, cap, totalFen);
  return { totalFen, subsidyFen, payFen: totalFen - subsidyFen, reasons: subsidyFen > 0 ? reasons : [] };
}

/** A resident's place as the registry knows it, with what the canteen's records add (for the `elders` group). */
export interface Member {
  residentId: string;
  householdId: string;
  compoundId: string;
  buildingId: string;
  relation: 'owner' | 'family' | 'tenant';
  age: number | null;
}

export interface Audience {
  compoundId: string;
  buildingIds: string[];
  groups: NoticeGroup[];
}

/** Whether a notice reaches a member: their compound, one of its buildings (none named: all), one of its groups. */
export function reaches(n: Audience, m: Member, elderAge: number): boolean {
  if (m.compoundId !== n.compoundId) return false;
  if (n.buildingIds.length && !n.buildingIds.includes(m.buildingId)) return false;
  if (!n.groups.length) return true;
  return n.groups.some(
    (g) =>
      (g === 'owners' && m.relation === 'owner') ||
      (g === 'tenants' && m.relation === 'tenant') ||
      (g === 'elders' && (m.age ?? 0) >= elderAge),
  );
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Whether "HH:MM" is a time of day (24:00 allowed as a closing time: the end of the day). */
export const isClock = (s: string, allow24 = false) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s) || (allow24 && s === '24:00');

/**
 * Open at this instant in Shanghai? A span opens on its days at `open` (inclusive) and closes at `close`
 * (exclusive); a close at or before the open is on the next day, so a span of Friday 18:00–02:00 is open early
 * on Saturday. 00:00–24:00 is the whole day.
 */
export function openAt(hours: OpeningSpan[], at: Date): boolean {
  const local = new Date(at.getTime() + OFFSET_MS);
  const weekday = ((local.getUTCDay() + 6) % 7) + 1;
  const yesterday = ((weekday + 5) % 7) + 1;
  const now = local.getUTCHours() * 60 + local.getUTCMinutes();
  return hours.some((s) => {
    const open = minutes(s.open);
    const close = minutes(s.close);
    if (close > open) return s.days.includes(weekday) && now >= open && now < close;
    // Past midnight: the evening part today, the early part belongs to yesterday's span.
    return (s.days.includes(weekday) && now >= open) || (s.days.includes(yesterday) && now < close);
  });
}

/** Great-circle distance in whole metres. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h))));
}

export type { BookingMode };
