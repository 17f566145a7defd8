// Community commerce through the API and its service with the clock passed in: shops with opening hours (open now
// in Shanghai at the edges, past midnight), offers in their days, the distance from the compound and the rule's
// radius, residents' list of their own compound only, validation naming the field, and scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { registry } from '../registry/index.ts';
import { shopsNear } from './commerce.service.ts';
import { communityWorld, HEMU_COMMUNITY, LAT, LNG, type CommunityWorld } from './fixtures.ts';
import { addDays, shanghaiDay } from './rules.ts';

// Far from every other test compound and the demo city's points, so "near" holds only this file's shops.
const HERE = { lat: LAT + 0.2, lng: LNG + 0.2 };

describe('community commerce', () => {
  let t: TestApp;
  let w: CommunityWorld;
  let resident: { username: string };

  beforeAll(async () => {
    t = await testApp();
    w = await communityWorld(t, HERE);
    resident = await w.resident(0);
  });
  afterAll(() => t.close());

  const shop = (body: Record<string, unknown>, as = 'hemu-worker') =>
    t.call('POST', '/api/v1/shops', as, {
      communityCode: HEMU_COMMUNITY,
      name: '便民超市',
      category: 'grocery',
      address: '和睦路 2 号',
      lat: HERE.lat + 0.002,
      lng: HERE.lng,
      hours: [{ days: [1, 2, 3, 4, 5], open: '08:00', close: '20:00' }],
      ...body,
    });

  it('refuses bad hours and places naming the field, and communities out of scope', async () => {
    const close = await shop({ hours: [{ days: [1], open: '08:00', close: '25:00' }] });
    expect(close.statusCode).toBe(422);
    expect(close.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(close.json().errors[0].path).toBe('body.hours.0.close');
    const open = await shop({ hours: [{ days: [1], open: '24:00', close: '10:00' }] });
    expect(open.json().errors[0].path).toBe('body.hours.0.open');
    const day = await shop({ hours: [{ days: [1, 8], open: '08:00', close: '10:00' }] });
    expect(day.json().errors[0].path).toBe('body.hours.0.days.1');
    const lat = await shop({ lat: 91 });
    expect(lat.statusCode).toBe(400);
    expect(lat.json().errors[0].path).toBe('body.lat');
    const scope = await shop({ communityCode: '330102001001' });
    expect(scope.json().errors[0].path).toBe('body.communityCode');
    expect((await shop({}, 'property')).statusCode).toBe(403);
  });

  it('lists shops within the radius nearest first, open now by Shanghai time, with offers in their days', async () => {
    const grocery = (await shop({})).json();
    const late = (
      await shop({ name: '夜宵', category: 'restaurant', lat: HERE.lat + 0.001, hours: [{ days: [5], open: '18:00', close: '02:00' }] })
    ).json();
    await shop({ name: '太远的店', lat: HERE.lat + 0.05 });
    const today = shanghaiDay(new Date());
    const offer = await t.call('POST', `/api/v1/shops/${grocery.id}/offers`, 'hemu-worker', {
      title: '鸡蛋特价',
      priceFen: 990,
      validFrom: today,
      validUntil: addDays(today, 3),
    });
    expect(offer.statusCode, offer.body).toBe(201);
    const backwards = await t.call('POST', `/api/v1/shops/${grocery.id}/offers`, 'hemu-worker', {
      title: '错的',
      validFrom: today,
      validUntil: addDays(today, -1),
    });
    expect(backwards.json().errors[0].path).toBe('body.validUntil');
    await t.call('POST', `/api/v1/shops/${grocery.id}/offers`, 'hemu-worker', {
      title: '过期活动',
      validFrom: addDays(today, -10),
      validUntil: addDays(today, -1),
    });

    const place = (await registry.compoundPlaces(t.ctx.db, [w.compoundId])).get(w.compoundId)!;
    // Saturday 01:30 in Shanghai (2026-06-20): the late shop's Friday span is still open, the grocery is closed.
    const saturdayNight = new Date('2026-06-20T01:30:00+08:00');
    const near = await shopsNear(t.ctx, place, saturdayNight);
    expect(near.map((s) => s.name)).toEqual(['夜宵', '便民超市']);
    expect(near.map((s) => s.openNow)).toEqual([true, false]);
    expect(near.map((s) => s.distanceM)).toEqual([111, 222]);
    // Monday 08:00 exactly: the grocery opens; the late shop closed at 02:00 on Saturday.
    const monday = await shopsNear(t.ctx, place, new Date('2026-06-22T08:00:00+08:00'));
    expect(monday.map((s) => [s.name, s.openNow])).toEqual([
      ['夜宵', false],
      ['便民超市', true],
    ]);

    const mine = await t.call('GET', '/api/v1/me/shops', resident.username);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().compound.id).toBe(w.compoundId);
    const listed = mine.json().items.find((s: { id: string }) => s.id === grocery.id);
    expect(listed.offers.map((o: { title: string }) => o.title)).toEqual(['鸡蛋特价']);
    expect(mine.json().items.map((s: { id: string }) => s.id)).toContain(late.id);
    expect(mine.json().items.map((s: { name: string }) => s.name)).not.toContain('太远的店');
    const category = await t.call('GET', '/api/v1/me/shops?category=restaurant', resident.username);
    expect(category.json().items.map((s: { name: string }) => s.name)).toEqual(['夜宵']);
  });

  it('lists only the resident’s own compounds', async () => {
    const other = await communityWorld(t);
    const res = await t.call('GET', `/api/v1/me/shops?compoundId=${other.compoundId}`, resident.username);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('querystring.compoundId');
    expect((await t.call('GET', '/api/v1/me/shops', 'hemu-worker')).statusCode).toBe(403);
  });
});
