// The reminder before a grant ends reaches the staff who granted it: the clock (passed in) reminds, the event's
// handler raises one work order in the space's compound that the community's staff and the subdistrict above see in
// their lists, and a second reminder or a redelivered event raises nothing more.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { HEMU_COMMUNITY } from './fixtures.ts';
import { EXPIRING_TOPIC, remindExpiring } from './reminders.ts';

let t: TestApp;
let compoundId: string;
beforeAll(async () => {
  t = await testApp();
  const tag = randomBytes(3).toString('hex');
  const res = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `到期提醒小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路提醒${tag}号`,
    yearBuilt: 1992,
    floorAreaM2: '6000.00',
  });
  expect(res.statusCode, res.body).toBe(201);
  compoundId = res.json().id;
});
afterAll(() => t.close());

const DAY = 86_400_000;
const day = (at: Date, offset: number) => new Date(at.getTime() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10);

async function grantEnding(name: string, startsOn: string, endsOn: string) {
  const space = await t.call('POST', '/api/v1/public-spaces', 'hemu-worker', { compoundId, kind: 'canteen_room', name });
  expect(space.statusCode, space.body).toBe(201);
  const grant = await t.call('POST', `/api/v1/public-spaces/${space.json().id}/grants`, 'hemu-worker', {
    operatorName: '和睦长者食堂运营公司',
    startsOn,
    endsOn,
    feeFen: 360_000,
  });
  expect(grant.statusCode, grant.body).toBe(201);
  return grant.json<{ id: string }>().id;
}

const ordersOf = async (username: string, grantId: string) => {
  const res = await t.call('GET', `/api/v1/work-orders?sourceKind=space_grant&sourceId=${grantId}`, username);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { title: string; compoundId: string; status: string; sourceId: string }[] }>().items;
};

describe('a grant about to end', () => {
  it('reaches the granting community’s staff once, when the clock brings it within the reminder days', async () => {
    const now = new Date('2034-03-01T01:00:00Z');
    const grantId = await grantEnding('二楼助餐室', day(now, -300), day(now, 40));

    // Forty days out is beyond market.space_grant_reminder_days (30): nobody is told yet.
    await remindExpiring(t.ctx, now);
    await t.settled();
    expect(await ordersOf('hemu-worker', grantId)).toEqual([]);

    // Fifteen days on, it is due: one work order in the space's compound, for the community and the subdistrict.
    const later = new Date(now.getTime() + 15 * DAY);
    expect((await remindExpiring(t.ctx, later)).map((r) => r.id)).toContain(grantId);
    await t.settled();
    const [order, ...more] = await ordersOf('hemu-worker', grantId);
    expect(more).toEqual([]);
    expect(order).toMatchObject({ compoundId, status: 'open', sourceId: grantId });
    expect(order!.title).toContain('二楼助餐室');
    expect(order!.title).toContain(day(now, 40));
    expect(order!.title).toContain('和睦长者食堂运营公司');
    expect(await ordersOf('hemu', grantId)).toHaveLength(1);

    // The next day's sweep, and the same event delivered again, tell nobody twice.
    expect((await remindExpiring(t.ctx, new Date(later.getTime() + DAY))).map((r) => r.id)).not.toContain(grantId);
    await t.ctx.db.transaction((tx) => t.ctx.events.record(tx, EXPIRING_TOPIC, { grantId, spaceId: 'redelivered', endsOn: day(now, 40) }));
    await t.settled();
    expect(await ordersOf('hemu-worker', grantId)).toHaveLength(1);
  });

  it('tells nobody of a grant terminated before its reminder was handled', async () => {
    const now = new Date('2034-06-01T01:00:00Z');
    const grantId = await grantEnding('一楼活动室', day(now, -100), day(now, 5));
    const ended = await t.call('POST', `/api/v1/space-grants/${grantId}/terminate`, 'hemu-worker');
    expect(ended.statusCode, ended.body).toBe(200);
    await t.ctx.db.transaction((tx) => t.ctx.events.record(tx, EXPIRING_TOPIC, { grantId, spaceId: 'x', endsOn: day(now, 5) }));
    await t.settled();
    expect(await ordersOf('hemu-worker', grantId)).toEqual([]);
  });
});
