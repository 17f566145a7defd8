// The lobby information screen through the API: no screen without its token (missing: 400 naming it; wrong or
// replaced: 403), rotation by staff in scope only, and what it shows: notices to the compound and its buildings
// (not group notices), today's menu of the canteen serving it, shops nearby, and today's alarms by severity.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { canteenWith, communityWorld, HEMU_COMMUNITY, LAT, LNG, type CommunityWorld } from './fixtures.ts';
import { shanghaiDay } from './rules.ts';

describe('the lobby information screen', () => {
  let t: TestApp;
  let w: CommunityWorld;
  let token: string;

  beforeAll(async () => {
    t = await testApp();
    w = await communityWorld(t);
  });
  afterAll(() => t.close());

  const screen = (q: string, id = w.compoundId) => t.app.inject({ method: 'GET', url: `/api/v1/screen/${id}${q}` });

  it('needs its token: missing names the field, wrong or unset is refused', async () => {
    const missing = await screen('');
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.json().errors[0].path).toBe('querystring.token');
    // No screen configured yet for this compound.
    expect((await screen('?token=aaaaaaaaaaaaaaaaaaaaaaaa')).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/compounds/${w.compoundId}/screen`, 'hemu-worker')).json()).toMatchObject({ configured: false });
  });

  it('is made and replaced only by staff in scope; a replaced token stops working at once', async () => {
    expect((await t.call('POST', `/api/v1/compounds/${w.compoundId}/screen/token`, 'property')).statusCode).toBe(404);
    const first = await t.call('POST', `/api/v1/compounds/${w.compoundId}/screen/token`, 'hemu-worker');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().path).toBe(`/screen/${w.compoundId}?token=${first.json().token}`);
    expect(first.json().token.length).toBeGreaterThanOrEqual(32);
    expect((await screen(`?token=${first.json().token}`)).statusCode).toBe(200);
    // Another compound's id with this token is refused too.
    expect((await screen(`?token=${first.json().token}`, randomUUID())).statusCode).toBe(403);
    const second = await t.call('POST', `/api/v1/compounds/${w.compoundId}/screen/token`, 'hemu-worker');
    token = second.json().token;
    expect(token).not.toBe(first.json().token);
    const old = await screen(`?token=${first.json().token}`);
    expect(old.statusCode).toBe(403);
    expect(old.json().code).toBe('community.screen.token_invalid');
    expect((await screen(`?token=${token}`)).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/compounds/${w.compoundId}/screen`, 'hemu-worker')).json()).toMatchObject({ configured: true });
  });

  it('shows the compound’s notices, today’s menu, shops nearby and today’s alarms by severity', async () => {
    const today = shanghaiDay(new Date());
    const { canteenId } = await canteenWith(
      t,
      { date: today, meal: 'dinner', capacity: 30, dishes: [{ name: '西湖醋鱼', priceFen: 1400 }] },
      w.compoundId,
    );
    await t.call('POST', '/api/v1/notices', 'hemu-worker', { compoundId: w.compoundId, title: '消防演练', body: '周六上午演练' });
    await t.call('POST', '/api/v1/notices', 'hemu-worker', {
      compoundId: w.compoundId,
      title: '二幢停水',
      body: '明天停水',
      buildingIds: [w.buildings[1]!.id],
    });
    await t.call('POST', '/api/v1/notices', 'hemu-worker', {
      compoundId: w.compoundId,
      title: '租户专题',
      body: '只给租户',
      groups: ['tenants'],
    });
    await t.call('POST', '/api/v1/shops', 'hemu-worker', {
      communityCode: HEMU_COMMUNITY,
      name: '楼下药房',
      category: 'pharmacy',
      address: '和睦路 1 号',
      lat: LAT + 0.001,
      lng: LNG,
      hours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }],
    });
    // Two alarms today (one cleared), one yesterday, one watch-list alert: counts only what a lobby may show.
    const alarm = (severity: string, status: string, firstAt: string, restricted = 'no') =>
      t.ctx.database.pool.query(
        `insert into alarms (id, device_id, compound_id, community_code, type, rule, rule_version, severity, status, first_at, last_at, restricted)
         values ($1, $2, $3, $4, 'fire.smoke', 'smoke', 'test', $5, $6, $7, $7, $8)`,
        [randomUUID(), randomUUID(), w.compoundId, HEMU_COMMUNITY, severity, status, firstAt, restricted],
      );
    const now = new Date();
    await alarm('critical', 'active', now.toISOString());
    await alarm('minor', 'cleared', now.toISOString());
    await alarm('major', 'active', new Date(now.getTime() - 2 * 86_400_000).toISOString());
    await alarm('critical', 'active', now.toISOString(), 'keyperson');

    const res = await screen(`?token=${token}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.compound.id).toBe(w.compoundId);
    expect(body.notices.map((n: { title: string }) => n.title).sort()).toEqual(['二幢停水', '消防演练']);
    expect(body.notices.find((n: { title: string }) => n.title === '二幢停水').buildings).toEqual(['2幢']);
    // The community's canteens serve it too (the demo's among them): this compound's own is listed by its id.
    const canteen = body.canteens.find((c: { id: string }) => c.id === canteenId);
    expect(canteen.menus).toHaveLength(1);
    expect(canteen.menus[0]).toMatchObject({ meal: 'dinner', dishes: [{ name: '西湖醋鱼', priceFen: 1400 }], left: 30 });
    expect(body.shops.find((s: { name: string }) => s.name === '楼下药房')).toMatchObject({ openNow: true, distanceM: 111 });
    expect(body.alarms).toEqual({ today: { critical: 1, major: 0, minor: 1, warning: 0 }, open: 1 });
  });
});
