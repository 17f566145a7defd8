// Quantities and areas are exact decimals: given as strings or as JSON numbers
// that are exactly such a decimal, both work; a number that is not (0.1 + 0.2,
// more places than the column keeps, an exponent) is refused 422 naming the
// field, never rounded into the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';

let t: TestApp;
let projectId: string;
let compoundId: string;
beforeAll(async () => {
  t = await testApp();
  const { rows } = await t.ctx.database.pool.query(`select id from compounds where subdistrict_code = '330105004' order by id limit 1`);
  compoundId = rows[0].id;
  const res = await t.call('POST', '/api/v1/projects', 'hemu', { name: '精确数量', year: 2031, compoundIds: [compoundId] });
  expect(res.statusCode, res.body).toBe(201);
  projectId = res.json().id;
});
afterAll(() => t.close());

const paths = (res: { json(): { errors?: { path: string }[] } }) => (res.json().errors ?? []).map((e) => e.path);
// JSON.stringify writes 0.1 + 0.2 as 0.30000000000000004, as any client's JSON would.
const inexact = [0.1 + 0.2, 12.345, 1e-7, 1e21, -1, 1.005];

describe('plan quantities', () => {
  const plan = (quantity: unknown, unitPriceFen = 100) =>
    t.call('PUT', `/api/v1/projects/${projectId}/plan`, 'hemu', { items: [{ indicatorCode: '02.01.01', quantity, unitPriceFen }] });

  it('take a string and an exact JSON number alike', async () => {
    const asNumber = await plan(12.5);
    expect(asNumber.statusCode, asNumber.body).toBe(200);
    expect(asNumber.json().items[0]).toMatchObject({ quantity: '12.50', amountFen: 1250 });
    const asString = await plan('12.5');
    expect(asString.json().items[0]).toEqual(asNumber.json().items[0]);
    expect((await plan(1200)).json().items[0]).toMatchObject({ quantity: '1200.00', amountFen: 120_000 });
    expect((await plan(999_999_999_999.99, 1)).json().items[0]).toMatchObject({ quantity: '999999999999.99' });
  });

  it('refuse a number that is not exactly a decimal with two places, naming the field', async () => {
    const before = (await t.call('GET', `/api/v1/projects/${projectId}/plan`, 'hemu')).json().items;
    for (const q of inexact) {
      const res = await plan(q);
      expect(res.statusCode, `${q}: ${res.body}`).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(paths(res)).toEqual(['body.items.0.quantity']);
    }
    expect((await t.call('GET', `/api/v1/projects/${projectId}/plan`, 'hemu')).json().items).toEqual(before);
  });
});

describe('areas', () => {
  const outcomes = (fitnessSpaceM2: unknown) =>
    t.call('PUT', `/api/v1/projects/${projectId}/outcomes`, 'hemu', {
      parkingSpacesAdded: 1,
      liftsInstalled: 0,
      liftPositionsReserved: 0,
      barrierFreeAgeFriendlyItems: 0,
      publicServiceSpaceM2: '0',
      fitnessSpaceM2,
      stateOwnedRoomsM2: 0,
    });

  it('of outcomes take strings and exact numbers, and refuse inexact numbers naming the field', async () => {
    const n = await outcomes(120.8);
    expect(n.statusCode, n.body).toBe(200);
    expect(n.json()).toMatchObject({ fitnessSpaceM2: '120.80', stateOwnedRoomsM2: '0.00' });
    expect((await outcomes('120.8')).json().fitnessSpaceM2).toBe('120.80');
    for (const a of inexact) {
      const res = await outcomes(a);
      expect(res.statusCode, `${a}: ${res.body}`).toBe(422);
      expect(paths(res)).toEqual(['body.fitnessSpaceM2']);
    }
    expect((await t.call('GET', `/api/v1/projects/${projectId}/outcomes`, 'hemu')).json().fitnessSpaceM2).toBe('120.80');
  });

  it('of a compound and its households take exact numbers, and refuse inexact ones naming the field', async () => {
    const compound = (floorAreaM2: unknown, name: string) =>
      t.call('POST', '/api/v1/compounds', 'hemu', {
        name,
        communityCode: '330105004003',
        address: '和睦路9号',
        yearBuilt: 1990,
        floorAreaM2,
      });
    const made = await compound(1234.5, '数字面积小区');
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().floorAreaM2).toBe('1234.50');
    const bad = await compound(0.1 + 0.2, '不精确面积小区');
    expect(bad.statusCode).toBe(422);
    expect(paths(bad)).toEqual(['body.floorAreaM2']);

    const households = (items: unknown[]) => t.call('POST', `/api/v1/compounds/${made.json().id}/households`, 'hemu', { items });
    const room = (room: string, floorAreaM2: unknown) => ({ building: '1幢', unit: '1单元', room, floorAreaM2 });
    const refused = await households([room('101', 86.5), room('102', 0.1 + 0.2), room('103', 1e-7)]);
    expect(refused.statusCode).toBe(422);
    expect(paths(refused)).toEqual(['body.items.1.floorAreaM2', 'body.items.2.floorAreaM2']);
    const taken = await households([room('101', 86.5), room('102', '90.25')]);
    expect(taken.statusCode, taken.body).toBe(201);
    const listed = (await t.call('GET', `/api/v1/compounds/${made.json().id}/households?limit=10`, 'hemu')).json().items as {
      room: string;
      floorAreaM2: string;
    }[];
    expect(listed.map((h) => [h.room, h.floorAreaM2]).sort()).toEqual([
      ['101', '86.50'],
      ['102', '90.25'],
    ]);
  });
});
