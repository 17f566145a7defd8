// Acceptance 3: parking fees exact at the tariff's edges: free minutes exactly and one minute over, an hour begun, the
// day cap, a stay across midnight capped day by day, a monthly pass; and the shipped rule is a valid tariff.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { monthDays, parkingFee, tariffSchema, type Tariff } from './tariff.ts';

const tariff: Tariff = { freeMinutes: 30, perHourFen: 500, dayCapFen: 3000, monthlyPassFen: 30000 };
const at = (local: string) => new Date(`${local}+08:00`);
const fee = (from: string, to: string, passes = [] as { from: string; to: string }[], t = tariff) =>
  parkingFee(t, at(from), at(to), passes);

describe('parkingFee', () => {
  it('is free up to the free minutes exactly, and charges the first hour one minute over', () => {
    expect(fee('2026-12-03T10:00:00', '2026-12-03T10:30:00')).toMatchObject({ fen: 0, minutes: 30, free: true });
    expect(fee('2026-12-03T10:00:00', '2026-12-03T10:31:00')).toMatchObject({ fen: 500, minutes: 31, free: false });
    // A minute begun counts whole: 30 minutes and one second is over.
    expect(fee('2026-12-03T10:00:00', '2026-12-03T10:30:01').fen).toBe(500);
  });

  it('charges every hour begun, from entry', () => {
    expect(fee('2026-12-03T10:00:00', '2026-12-03T11:00:00').fen).toBe(500);
    expect(fee('2026-12-03T10:00:00', '2026-12-03T11:01:00').fen).toBe(1000);
    expect(fee('2026-12-03T10:00:00', '2026-12-03T12:00:00').fen).toBe(1000);
  });

  it('stops at the day cap: six hours reach it exactly, seven are capped', () => {
    expect(fee('2026-12-03T08:00:00', '2026-12-03T14:00:00').days).toEqual([
      { day: '2026-12-03', hours: 6, fen: 3000, capped: false, pass: false },
    ]);
    expect(fee('2026-12-03T08:00:00', '2026-12-03T14:01:00').days).toEqual([
      { day: '2026-12-03', hours: 7, fen: 3000, capped: true, pass: false },
    ]);
    expect(fee('2026-12-03T00:00:00', '2026-12-03T23:59:00').fen).toBe(3000);
  });

  it('splits a stay across midnight by day, each day capped on its own', () => {
    const f = fee('2026-12-03T20:00:00', '2026-12-04T10:00:00');
    expect(f.days).toEqual([
      { day: '2026-12-03', hours: 4, fen: 2000, capped: false, pass: false },
      { day: '2026-12-04', hours: 10, fen: 3000, capped: true, pass: false },
    ]);
    expect(f.fen).toBe(5000);
    // Midnight in Shanghai, not in UTC: 07:30–08:30 Shanghai time is one day.
    expect(fee('2026-12-03T07:30:00', '2026-12-03T08:30:00').days.map((d) => d.day)).toEqual(['2026-12-03']);
    // Within the free minutes across midnight: nothing; just over: one hour, on the day it began.
    expect(fee('2026-12-03T23:50:00', '2026-12-04T00:15:00').fen).toBe(0);
    expect(fee('2026-12-03T23:40:00', '2026-12-04T00:20:00').days).toEqual([
      { day: '2026-12-03', hours: 1, fen: 500, capped: false, pass: false },
    ]);
    // Three days: capped three times.
    expect(fee('2026-12-03T00:00:00', '2026-12-05T23:59:00').fen).toBe(9000);
  });

  it('frees the days a monthly pass covers', () => {
    const december = monthDays('2026-12');
    expect(december).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(fee('2026-12-03T08:00:00', '2026-12-03T20:00:00', [december])).toMatchObject({ fen: 0, free: true });
    const newYear = fee('2026-12-31T20:00:00', '2027-01-01T10:00:00', [december]);
    expect(newYear.days).toEqual([
      { day: '2026-12-31', hours: 4, fen: 0, capped: false, pass: true },
      { day: '2027-01-01', hours: 10, fen: 3000, capped: true, pass: false },
    ]);
    expect(newYear.fen).toBe(3000);
    expect(fee('2026-12-31T20:00:00', '2027-01-01T10:00:00', [december, monthDays('2027-01')]).fen).toBe(0);
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('is exact to the fen with any price: 5 hours at 3.33 yuan, 7 capped at 20 yuan', () => {
    const odd: Tariff = { freeMinutes: 0, perHourFen: 333, dayCapFen: 2000, monthlyPassFen: 0 };
    expect(fee('2026-12-03T10:00:00', '2026-12-03T15:00:00', [], odd).fen).toBe(1665);
    expect(fee('2026-12-03T10:00:00', '2026-12-03T17:00:00', [], odd).fen).toBe(2000);
    // No free minutes: a single minute is an hour begun; no time at all is nothing.
    expect(fee('2026-12-03T10:00:00', '2026-12-03T10:01:00', [], odd).fen).toBe(333);
    expect(fee('2026-12-03T10:00:00', '2026-12-03T10:00:00', [], odd).fen).toBe(0);
  });

  it('refuses a stay that ends before it begins', () => {
    expect(() => fee('2026-12-03T10:00:00', '2026-12-03T09:59:00')).toThrow(RangeError);
  });

  it('reads the shipped rule as a tariff', () => {
    const file = JSON.parse(readFileSync(new URL('../../../reference/cities/330100/policy-rules.json', import.meta.url), 'utf8')) as {
      rules: { key: string; value: unknown }[];
    };
    const shipped = tariffSchema.parse(file.rules.find((r) => r.key === 'parking.tariff')!.value);
    expect(shipped).toEqual({ freeMinutes: 30, perHourFen: 500, dayCapFen: 3000, monthlyPassFen: 30000 });
  });
});
