// The community module's plain rules, no database: ages on a day, the booking cut-off in Shanghai time, the
// subsidised meal price exact to the fen, a notice's audience, and opening hours at their edges.
import { describe, expect, it } from 'vitest';
import { ageOn, bookingCutoff, distanceM, mealPrice, openAt, reaches, shanghaiDay, type Member, type SubsidyRule } from './rules.ts';

const rule: SubsidyRule = {
  bands: [
    { minAge: 60, fenOff: 100 },
    { minAge: 70, fenOff: 200 },
    { minAge: 80, fenOff: 400 },
    { minAge: 90, fenOff: 600 },
  ],
  livesAloneFenOff: 100,
  maxPercentOfPrice: 50,
};
const meal = [
  { priceFen: 1200, qty: 1 },
  { priceFen: 100, qty: 2 },
];

describe('ages', () => {
  it('counts whole years, the birthday itself included, and 29 February in common years from 1 March', () => {
    expect(ageOn('1946-06-15', '2026-06-14')).toBe(79);
    expect(ageOn('1946-06-15', '2026-06-15')).toBe(80);
    expect(ageOn('1944-02-29', '2024-02-29')).toBe(80);
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(80);
    expect(ageOn('1945-02-28', '2025-02-28')).toBe(80);
    expect(ageOn('1946-02-28', '2026-02-27')).toBe(79);
  });
});

describe('the subsidised meal price', () => {
  it('takes the highest age band reached on the meal’s day, adds living alone, and is exact to the fen', () => {
    expect(mealPrice(meal, { birthDate: '1946-06-15', livesAlone: false }, rule, '2026-06-14')).toEqual({
      totalFen: 1400,
      subsidyFen: 200,
      payFen: 1200,
      reasons: ['age:70'],
    });
    // The 80th birthday is the meal's day: the 80+ band applies, 4.00 + 1.00 yuan off.
    expect(mealPrice(meal, { birthDate: '1946-06-15', livesAlone: true }, rule, '2026-06-15')).toEqual({
      totalFen: 1400,
      subsidyFen: 500,
      payFen: 900,
      reasons: ['age:80', 'lives_alone'],
    });
    expect(mealPrice(meal, { birthDate: '1930-01-01', livesAlone: true }, rule, '2026-06-15').subsidyFen).toBe(700);
  });

  it('caps the subsidy at the rule’s share of the price, rounded down to the fen', () => {
    // 50% of 1,101 fen is 550.5: the cap is 550, so a 90-year-old living alone (700 off) pays 551.
    const odd = [{ priceFen: 1101, qty: 1 }];
    expect(mealPrice(odd, { birthDate: '1930-01-01', livesAlone: true }, rule, '2026-06-15')).toEqual({
      totalFen: 1101,
      subsidyFen: 550,
      payFen: 551,
      reasons: ['age:90', 'lives_alone'],
    });
    expect(mealPrice([{ priceFen: 0, qty: 1 }], { birthDate: '1930-01-01', livesAlone: true }, rule, '2026-06-15')).toMatchObject({
      subsidyFen: 0,
      payFen: 0,
      reasons: [],
    });
  });

  it('gives nothing to a diner without a record or under every band, except what living alone gives', () => {
    expect(mealPrice(meal, null, rule, '2026-06-15')).toEqual({ totalFen: 1400, subsidyFen: 0, payFen: 1400, reasons: [] });
    expect(mealPrice(meal, { birthDate: '1970-01-01', livesAlone: false }, rule, '2026-06-15').subsidyFen).toBe(0);
    expect(mealPrice(meal, { birthDate: null, livesAlone: true }, rule, '2026-06-15')).toMatchObject({
      subsidyFen: 100,
      reasons: ['lives_alone'],
    });
  });
});

describe('the booking cut-off', () => {
  it('is the meal’s Shanghai time less the rule’s minutes', () => {
    const booking = { meals: { breakfast: '07:00', lunch: '11:30', dinner: '17:30' }, cutoffMinutes: 120, advanceDays: 7 };
    expect(bookingCutoff(booking, '2026-06-15', 'lunch').toISOString()).toBe('2026-06-15T01:30:00.000Z');
    // Breakfast at 07:00 less two hours is 05:00 Shanghai, still 21:00 UTC of the day before.
    expect(bookingCutoff(booking, '2026-06-15', 'breakfast').toISOString()).toBe('2026-06-14T21:00:00.000Z');
    expect(shanghaiDay(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15');
    expect(shanghaiDay(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
  });
});

describe('a notice’s audience', () => {
  const member = (over: Partial<Member> = {}): Member => ({
    residentId: 'r',
    householdId: 'h',
    compoundId: 'c1',
    buildingId: 'b1',
    relation: 'owner',
    age: null,
    ...over,
  });
  const notice = { compoundId: 'c1', buildingIds: [] as string[], groups: [] as ('owners' | 'tenants' | 'elders')[] };

  it('reaches the compound, the buildings named, and the groups named', () => {
    expect(reaches(notice, member(), 60)).toBe(true);
    expect(reaches(notice, member({ compoundId: 'c2' }), 60)).toBe(false);
    expect(reaches({ ...notice, buildingIds: ['b2'] }, member(), 60)).toBe(false);
    expect(reaches({ ...notice, buildingIds: ['b1', 'b2'] }, member(), 60)).toBe(true);
    expect(reaches({ ...notice, groups: ['tenants'] }, member(), 60)).toBe(false);
    expect(reaches({ ...notice, groups: ['tenants'] }, member({ relation: 'tenant' }), 60)).toBe(true);
    expect(reaches({ ...notice, groups: ['elders'] }, member({ age: 59 }), 60)).toBe(false);
    expect(reaches({ ...notice, groups: ['elders'] }, member({ age: 60 }), 60)).toBe(true);
    expect(reaches({ ...notice, groups: ['elders'] }, member({ age: null }), 60)).toBe(false);
    expect(reaches({ ...notice, buildingIds: ['b2'], groups: ['owners'] }, member({ buildingId: 'b2' }), 60)).toBe(true);
  });
});

describe('opening hours in Shanghai', () => {
  // 2026-06-15 is a Monday; Shanghai is UTC+8, so 08:00 local is 00:00 UTC.
  const at = (local: string) => new Date(`${local}+08:00`);
  const weekdays = [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }];

  it('opens at the opening minute and closes at the closing minute', () => {
    expect(openAt(weekdays, at('2026-06-15T07:59:59'))).toBe(false);
    expect(openAt(weekdays, at('2026-06-15T08:00:00'))).toBe(true);
    expect(openAt(weekdays, at('2026-06-15T19:59:59'))).toBe(true);
    expect(openAt(weekdays, at('2026-06-15T20:00:00'))).toBe(false);
    // Saturday is not a day of the span.
    expect(openAt(weekdays, at('2026-06-20T10:00:00'))).toBe(false);
  });

  it('uses Shanghai’s weekday, not UTC’s', () => {
    // Monday 01:00 in Shanghai is still Sunday 17:00 UTC: a Monday-only shop open from midnight is open.
    expect(openAt([{ days: [1], open: '00:00', close: '02:00' }], at('2026-06-15T01:00:00'))).toBe(true);
    expect(openAt([{ days: [7], open: '00:00', close: '24:00' }], at('2026-06-15T01:00:00'))).toBe(false);
  });

  it('runs a span past midnight into the next day, and 00:00–24:00 all day', () => {
    const lateFriday = [{ days: [5], open: '18:00', close: '02:00' }];
    expect(openAt(lateFriday, at('2026-06-19T23:30:00'))).toBe(true);
    expect(openAt(lateFriday, at('2026-06-20T01:59:00'))).toBe(true);
    expect(openAt(lateFriday, at('2026-06-20T02:00:00'))).toBe(false);
    // Friday early morning belongs to Thursday's span, which does not exist.
    expect(openAt(lateFriday, at('2026-06-19T01:00:00'))).toBe(false);
    // Sunday's span runs into Monday (7 → 1).
    expect(openAt([{ days: [7], open: '22:00', close: '01:00' }], at('2026-06-15T00:30:00'))).toBe(true);
    const allDay = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
    expect(openAt(allDay, at('2026-06-15T00:00:00'))).toBe(true);
    expect(openAt(allDay, at('2026-06-15T23:59:59'))).toBe(true);
  });
});

describe('distance', () => {
  it('is the great-circle distance in whole metres', () => {
    expect(distanceM({ lat: 30.28, lng: 120.11 }, { lat: 30.28, lng: 120.11 })).toBe(0);
    // 0.01° of latitude is about 1,112 m anywhere.
    expect(distanceM({ lat: 30.28, lng: 120.11 }, { lat: 30.29, lng: 120.11 })).toBe(1112);
  });
});
