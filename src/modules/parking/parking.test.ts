// Parking end to end against a real database: a barrier's entry and exit (sent through the ingest like any device's
// events) open and close a stay, priced by the tariff rule across midnight; payments recorded and never more than due;
// a monthly pass frees its days; the occupancy residents see; staff see only compounds in their scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { passageWorld, type Device, type PassageWorld } from '../passage/fixtures.ts';
import { shanghaiDay } from './tariff.ts';

let t: TestApp;
let world: PassageWorld;
let barrier: Device;

beforeAll(async () => {
  t = await testApp();
  world = await passageWorld(t, '停车测试小区');
  barrier = await world.device('barrier');
});
afterAll(() => t?.close());

const DAY = 86_400_000;
/** `daysAgo` days before today (Asia/Shanghai) at `time` local. */
const local = (daysAgo: number, time: string) => new Date(new Date(`${shanghaiDay(Date.now() - daysAgo * DAY)}T${time}+08:00`).getTime());

type Session = {
  id: string;
  plate: string;
  feeFen: number | null;
  quotedFen: number | null;
  dueFen: number;
  exitedAt: string | null;
  days: { hours: number; fen: number; capped: boolean; pass: boolean }[];
};
const sessions = async (open = false) => {
  const res = await t.call('GET', `/api/v1/compounds/${world.compoundId}/parking-sessions${open ? '?open=true' : ''}`, 'hemu-worker');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Session[] }>().items;
};
const stay = async (plate: string, from: Date, to?: Date) => {
  await world.send(barrier, 'passage.entry', { plate, result: 'allowed' }, from);
  if (to) await world.send(barrier, 'passage.exit', { plate, result: 'allowed' }, to);
  await t.settled();
  return (await sessions()).find((s) => s.plate === plate.replace(/\s/g, '').toUpperCase())!;
};

describe('stays from barrier events', () => {
  it('opens a stay at entry and closes it at exit, capped day by day across midnight', async () => {
    const s = await stay('浙C12345', local(2, '20:00:00'), local(1, '10:00:00'));
    expect(s).toMatchObject({ feeFen: 5000, dueFen: 5000 });
    expect(s.days.map((d) => [d.hours, d.fen, d.capped])).toEqual([
      [4, 2000, false],
      [10, 3000, true],
    ]);
  });

  it('charges nothing within the free minutes, and ignores a refused entry', async () => {
    const s = await stay('浙C23456', new Date(Date.now() - 40 * 60_000), new Date(Date.now() - 15 * 60_000));
    expect(s).toMatchObject({ feeFen: 0, dueFen: 0 });
    await world.send(barrier, 'passage.entry', { plate: '浙C99999', result: 'refused' });
    await t.settled();
    expect((await sessions()).some((x) => x.plate === '浙C99999')).toBe(false);
  });

  it('records payments with their reference, never more than is due, each reference once', async () => {
    const s = (await sessions()).find((x) => x.plate === '浙C12345')!;
    const pay = (amountFen: number, reference: string) =>
      t.call('POST', `/api/v1/parking-sessions/${s.id}/payments`, 'hemu-worker', { amountFen, method: 'wechat', reference });
    const over = await pay(5001, 'WX-0');
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ code: 'parking.payment.too_much', errors: [{ path: 'body.amountFen' }] });
    const first = await pay(3000, 'WX-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ amountFen: 3000, sessionPaidFen: 3000, sessionDueFen: 2000 });
    expect((await pay(1000, 'WX-1')).statusCode).toBe(409);
    expect((await pay(2000, 'WX-2')).json()).toMatchObject({ sessionDueFen: 0 });
    expect((await pay(1, 'WX-3')).statusCode).toBe(422);
  });

  it('frees the days of a monthly pass sold at the tariff’s price', async () => {
    const from = local(2, '20:00:00');
    const to = local(1, '10:00:00');
    for (const month of new Set([shanghaiDay(from.getTime()).slice(0, 7), shanghaiDay(to.getTime()).slice(0, 7)])) {
      const sold = await t.call('POST', `/api/v1/compounds/${world.compoundId}/parking-passes`, 'hemu-worker', {
        plate: '浙C34567',
        month,
        method: 'cash',
        reference: `PASS-${month}`,
      });
      expect(sold.statusCode, sold.body).toBe(201);
      expect(sold.json().amountFen).toBe(30000);
    }
    const s = await stay('浙C34567', from, to);
    expect(s.feeFen).toBe(0);
    expect(s.days.every((d) => d.pass)).toBe(true);
  });

  it('quotes an open stay’s fee so far', async () => {
    const s = await stay('浙C45678', new Date(Date.now() - 90 * 60_000));
    expect(s).toMatchObject({ exitedAt: null, feeFen: null, quotedFen: 1000, dueFen: 1000 });
  });
});

describe('spaces and occupancy', () => {
  it('keeps spaces by kind; residents see their compound’s occupancy and their own spaces', async () => {
    const add = (code: string, kind: string, householdId?: string) =>
      t.call('POST', `/api/v1/compounds/${world.compoundId}/parking-spaces`, 'hemu-worker', {
        code,
        kind,
        ...(householdId ? { householdId } : {}),
      });
    expect((await add('A-001', 'owned', world.households[0])).statusCode).toBe(201);
    expect((await add('B-001', 'rented', world.households[1])).statusCode).toBe(201);
    expect((await add('S-001', 'shared')).statusCode).toBe(201);
    expect((await add('C-001', 'charging')).statusCode).toBe(201);
    const noHousehold = await add('A-002', 'owned');
    expect(noHousehold.statusCode).toBe(422);
    expect(noHousehold.json().errors[0].path).toBe('body.householdId');
    expect((await add('A-001', 'shared')).statusCode).toBe(409);
    const open = (await sessions(true)).length;
    expect(open).toBeGreaterThanOrEqual(1);
    const mine = await t.call('GET', '/api/v1/me/parking', 'hemu-resident');
    expect(mine.statusCode, mine.body).toBe(200);
    const here = mine.json().compounds.find((c: { compoundId: string }) => c.compoundId === world.compoundId);
    expect(here).toMatchObject({ spaces: 4, byKind: { owned: 1, rented: 1, shared: 1, charging: 1 }, occupied: open, free: 4 - open });
    expect(mine.json().mySpaces.map((s: { code: string }) => s.code)).toContain('A-001');
    expect(mine.json().mySpaces.map((s: { code: string }) => s.code)).not.toContain('B-001');
  });

  it('answers 404 to staff outside the compound’s scope', async () => {
    const res = await t.call('GET', `/api/v1/compounds/${world.compoundId}/parking-spaces`, 'property');
    expect(res.statusCode).toBe(404);
    expect((await t.call('GET', '/api/v1/me/parking', 'hemu-worker')).statusCode).toBe(403);
  });
});
