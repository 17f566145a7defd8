// Notices through the API: targeting by compound, building and group (owners, tenants, elders from the canteen's
// records), the unread marker and the read receipt, counts read/targeted and the homes that read, withdrawal,
// validation naming the field, and scope (staff outside the compound, residents elsewhere).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { communityWorld, type CommunityWorld } from './fixtures.ts';

describe('notices', () => {
  let t: TestApp;
  let w: CommunityWorld;
  let one: { username: string; residentId: string };
  let two: { username: string; residentId: string };
  let tenant: { username: string; residentId: string };

  beforeAll(async () => {
    t = await testApp();
    w = await communityWorld(t);
    one = await w.resident(0);
    two = await w.resident(1);
    tenant = await w.resident(2, 'tenant');
  });
  afterAll(() => t.close());

  const publish = (body: Record<string, unknown>, as = 'hemu-worker') =>
    t.call('POST', '/api/v1/notices', as, { compoundId: w.compoundId, title: '停水通知', body: '明天 9:00—15:00 停水', ...body });

  it('reaches only the building named; the resident there sees it unread until opening it, and the count moves', async () => {
    const b2 = w.buildings.find((b) => b.name === '2幢')!;
    const res = await publish({ buildingIds: [b2.id] });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    expect(notice).toMatchObject({
      targeted: 1,
      read: 0,
      readers: [],
      buildings: [{ id: b2.id, name: '2幢' }],
      publisherRole: 'community_worker',
    });

    const mineTwo = (await t.call('GET', '/api/v1/me/notices', two.username)).json();
    expect(mineTwo.unread).toBe(1);
    expect(mineTwo.items[0]).toMatchObject({ id: notice.id, unread: true });
    const mineOne = (await t.call('GET', '/api/v1/me/notices', one.username)).json();
    expect(mineOne.items.some((n: { id: string }) => n.id === notice.id)).toBe(false);
    expect((await t.call('GET', `/api/v1/me/notices/${notice.id}`, one.username)).statusCode).toBe(404);

    const opened = await t.call('GET', `/api/v1/me/notices/${notice.id}`, two.username);
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toMatchObject({ unread: false, body: '明天 9:00—15:00 停水' });
    expect((await t.call('GET', '/api/v1/me/notices', two.username)).json().unread).toBe(0);
    // A second opening is no second receipt.
    await t.call('GET', `/api/v1/me/notices/${notice.id}`, two.username);
    const detail = (await t.call('GET', `/api/v1/notices/${notice.id}`, 'hemu-worker')).json();
    expect(detail).toMatchObject({ targeted: 1, read: 1 });
    expect(detail.readers).toEqual([{ home: '2幢 1单元 201', readAt: expect.any(String) }]);
    const list = (await t.call('GET', `/api/v1/notices?compoundId=${w.compoundId}`, 'hemu-worker')).json();
    expect(list.items.find((n: { id: string }) => n.id === notice.id)).toMatchObject({ targeted: 1, read: 1 });
  });

  it('reaches the whole compound when no building is named, and groups by relation or age', async () => {
    const all = (await publish({ title: '全体通知' })).json();
    expect(all.targeted).toBe(3);
    const tenants = (await publish({ title: '租户通知', groups: ['tenants'] })).json();
    expect(tenants.targeted).toBe(1);
    expect((await t.call('GET', '/api/v1/me/notices', tenant.username)).json().items.map((n: { title: string }) => n.title)).toContain(
      '租户通知',
    );
    expect((await t.call('GET', '/api/v1/me/notices', one.username)).json().items.map((n: { title: string }) => n.title)).not.toContain(
      '租户通知',
    );
    // Elders: residents whose birth date the community workers recorded puts them at or over community.elder_age.
    const elders = (await publish({ title: '老人通知', groups: ['elders'] })).json();
    expect(elders.targeted).toBe(0);
    await t.call('PUT', `/api/v1/diners/${one.residentId}`, 'hemu-worker', { birthDate: '1950-01-01', livesAlone: false });
    expect((await t.call('GET', `/api/v1/notices/${elders.id}`, 'hemu-worker')).json().targeted).toBe(1);
    expect((await t.call('GET', '/api/v1/me/notices', one.username)).json().items.map((n: { title: string }) => n.title)).toContain(
      '老人通知',
    );
  });

  it('hides withdrawn and expired notices from residents', async () => {
    const gone = (await publish({ title: '撤回的通知' })).json();
    expect((await t.call('POST', `/api/v1/notices/${gone.id}/withdraw`, 'hemu-worker')).json().withdrawnAt).toEqual(expect.any(String));
    const titles = (await t.call('GET', '/api/v1/me/notices', one.username)).json().items.map((n: { title: string }) => n.title);
    expect(titles).not.toContain('撤回的通知');
    const past = await publish({ expiresAt: '2020-01-01T00:00:00+08:00' });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('body.expiresAt');
  });

  it('refuses bad notices as problem+json naming the field', async () => {
    const other = await communityWorld(t);
    const wrongBuilding = await publish({ buildingIds: [other.buildings[0]!.id] });
    expect(wrongBuilding.statusCode).toBe(422);
    expect(wrongBuilding.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrongBuilding.json().errors[0]).toMatchObject({ path: 'body.buildingIds.0' });
    const noTitle = await publish({ title: '' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().errors[0].path).toBe('body.title');
    const badGroup = await publish({ groups: ['cats'] });
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.json().errors[0].path).toMatch(/^body\.groups/);
  });

  it('lets only staff in scope publish and read receipts', async () => {
    // The demo property manager serves three demo compounds, not this one.
    const property = await publish({}, 'property');
    expect(property.statusCode).toBe(422);
    expect(property.json().errors[0].path).toBe('body.compoundId');
    expect((await publish({}, one.username)).statusCode).toBe(403);
    const mine = (await publish({ title: '范围测试' })).json();
    expect((await t.call('GET', `/api/v1/notices/${mine.id}`, 'property')).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/notices/${mine.id}`, one.username)).statusCode).toBe(403);
    // A resident of another compound never sees it.
    const elsewhere = await communityWorld(t);
    const stranger = await elsewhere.resident(0);
    expect((await t.call('GET', `/api/v1/me/notices/${mine.id}`, stranger.username)).statusCode).toBe(404);
  });
});
