// Subsidies by rule, exact to the fen, and the lifecycles' tables: no database.
import { describe, expect, it } from 'vitest';
import { complaintMay, isOpen, mayOrder, orderActions, orderRef } from './lifecycle.ts';
import { ageOn, bandFor, shanghaiDay, subsidyFor, type SubsidyRule } from './subsidy.ts';
import { percentText } from './figures.ts';

const rule: SubsidyRule = {
  meal_delivery: [
    { minAge: 60, amountFen: 100 },
    { minAge: 90, amountFen: 500 },
    { minAge: 80, amountFen: 300 },
    { minAge: 70, amountFen: 200 },
  ],
  bathing: [{ minAge: 80, share: { numerator: 1, denominator: 2 }, capFen: 3000 }],
  tiny: [{ minAge: 60, amountFen: 900 }],
};

describe('subsidies', () => {
  it('takes the band of the highest minimum age reached, whatever order the rule lists them in', () => {
    expect(subsidyFor(rule, 'meal_delivery', 59, 1500).subsidyFen).toBe(0);
    expect(subsidyFor(rule, 'meal_delivery', 60, 1500).subsidyFen).toBe(100);
    expect(subsidyFor(rule, 'meal_delivery', 79, 1500).subsidyFen).toBe(200);
    expect(subsidyFor(rule, 'meal_delivery', 80, 1500).subsidyFen).toBe(300);
    expect(subsidyFor(rule, 'meal_delivery', 101, 1500).subsidyFen).toBe(500);
    expect(bandFor(rule, 'housekeeping', 95)).toBeNull();
  });

  it('a share of the price is floored to the fen and capped', () => {
    expect(subsidyFor(rule, 'bathing', 85, 5999).subsidyFen).toBe(2999);
    expect(subsidyFor(rule, 'bathing', 85, 6001).subsidyFen).toBe(3000);
    expect(subsidyFor(rule, 'bathing', 85, 9000).subsidyFen).toBe(3000);
    expect(subsidyFor(rule, 'bathing', 79, 9000).subsidyFen).toBe(0);
  });

  it('never exceeds the price', () => {
    expect(subsidyFor(rule, 'tiny', 70, 500).subsidyFen).toBe(500);
  });

  it('counts whole years of age on the service day, births on 29 February included', () => {
    expect(ageOn('1946-12-05', '2026-12-04')).toBe(79);
    expect(ageOn('1946-12-05', '2026-12-05')).toBe(80);
    expect(ageOn('1944-02-29', '2024-02-28')).toBe(79);
    expect(ageOn('1944-02-29', '2024-02-29')).toBe(80);
    expect(ageOn('1944-02-29', '2025-02-28')).toBe(80);
    expect(ageOn('1944-02-29', '2025-03-01')).toBe(81);
  });

  it('takes the day in Shanghai: 23:30 UTC is the next morning there', () => {
    expect(shanghaiDay(new Date('2026-12-04T15:59:59Z'))).toBe('2026-12-04');
    expect(shanghaiDay(new Date('2026-12-04T16:00:00Z'))).toBe('2026-12-05');
  });
});

describe('lifecycles', () => {
  it('allows each order action only from its states', () => {
    expect(mayOrder('offered', 'accept')).toBe(true);
    expect(mayOrder('requested', 'accept')).toBe(false);
    expect(mayOrder('accepted', 'check_in')).toBe(true);
    expect(mayOrder('in_service', 'cancel')).toBe(false);
    expect(mayOrder('completed', 'rate')).toBe(true);
    expect(mayOrder('no_show', 'complain')).toBe(true);
    expect(orderActions('completed')).toEqual(['rate', 'complain']);
    expect(isOpen('accepted')).toBe(true);
    expect(isOpen('unmatched')).toBe(false);
  });

  it('lets complaints move forward, back to handling from resolved, and never out of closed', () => {
    expect(complaintMay('open', 'handling')).toBe(true);
    expect(complaintMay('resolved', 'handling')).toBe(true);
    expect(complaintMay('closed', 'open')).toBe(false);
    expect(complaintMay('handling', 'open')).toBe(false);
  });

  it('names orders by the Shanghai year', () => {
    expect(orderRef(42, new Date('2026-12-31T16:30:00Z'))).toBe('FW2027-000042');
  });

  it('writes percentages in integers, rounded half up', () => {
    expect(percentText(1, 3)).toBe('33.3');
    expect(percentText(2, 3)).toBe('66.7');
    expect(percentText(1, 8)).toBe('12.5');
    expect(percentText(1, 16)).toBe('6.3');
    expect(percentText(0, 0)).toBeNull();
    expect(percentText(5, 5)).toBe('100.0');
  });
});
