// Issue 16, item 3: the overview marks the headline figures that moved sharply against the end of the previous
// month (rule stats.sharp_change), from the snapshots the overview keeps, and says when its figures are from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { cityDay, monthStart, sharpChanges } from './sharp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('sharpChanges (the rule alone)', () => {
  const half = { numerator: 1, denominator: 2 };
  it('marks a figure that moved more than half its earlier value, either way, exactly at the edge', () => {
    expect(sharpChanges({ a: '150.00', b: '50', c: '151', d: '49' }, { a: '100.00', b: '100', c: '100', d: '100' }, half)).toEqual([
      { figure: 'c', before: '100', now: '151' },
      { figure: 'd', before: '100', now: '49' },
    ]);
    // Half of 100.01 is 50.005: +50.00 is not sharp, +50.01 is; decimals are compared in hundredths.
    expect(sharpChanges({ a: '150.01' }, { a: '100.01' }, half)).toEqual([]);
    expect(sharpChanges({ a: '150.02' }, { a: '100.01' }, half)).toHaveLength(1);
  });
  it('does not compare with a zero or a missing earlier figure', () => {
    expect(sharpChanges({ a: '9999999999.99', b: '5' }, { a: '0.00' }, half)).toEqual([]);
  });
  it('reads days in the city time zone', () => {
    expect(cityDay(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(monthStart('2026-12-03')).toBe('2026-12-01');
  });
});

describe('the overview', () => {
  it('marks the figures that changed sharply since the end of last month, and keeps today’s figures', async () => {
    const division = '330105004';
    const first = (await t.call('GET', `/api/v1/stats/overview?division=${division}`, 'hemu')).json();
    expect(Date.parse(first.asOf)).toBeGreaterThan(Date.now() - 60_000);
    expect(first.changes).toMatchObject({ since: null, items: [], rule: { key: 'stats.sharp_change' } });
    const today = cityDay(new Date());
    const { rows } = await t.ctx.database.pool.query(`select figures from stats_snapshots where division = $1 and year = 0 and day = $2`, [
      division,
      today,
    ]);
    expect(rows[0].figures.households).toBe(String(first.households));

    // The end of last month: households were a third of today's, the floor area almost the same.
    const lastMonth = new Date(Date.parse(`${monthStart(today)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const earlier = {
      ...rows[0].figures,
      households: String(Math.floor(first.households / 3)),
      floorArea: first.floorAreaM2,
    };
    await t.ctx.database.pool.query(`insert into stats_snapshots (division, year, day, figures) values ($1, 0, $2, $3)`, [
      division,
      lastMonth,
      earlier,
    ]);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/stats/overview?division=${division}`,
      headers: { ...(await t.as('hemu')), 'accept-language': 'zh-CN' },
    });
    const got = res.json();
    expect(got.changes.since).toBe(lastMonth);
    expect(got.changes.items).toEqual([{ figure: 'households', before: earlier.households, now: String(first.households) }]);
    expect(got.changes.rule.name).toBe('总览数字大幅变化提示');
    // Another period of the same division is compared only with its own snapshots.
    expect((await t.call('GET', `/api/v1/stats/overview?division=${division}&year=2021`, 'hemu')).json().changes.items).toEqual([]);
  });
});
