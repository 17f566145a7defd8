// Orders end to end against the real database: automatic dispatch to the best-ranked provider, the next one on a
// decline or a timeout (the clock passed in), unmatched when nobody is left, dispatch by hand, the slot's capacity,
// check-in and check-out with time and place, the rating, a complaint followed up, the subsidy to the fen, the
// no-show sweep, and the matching figures moving with all of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { acceptOffer } from './dispatch.ts';
import { expireOffer, servicesSweep } from './index.ts';
import { servicesWorld, type ServicesWorld } from './fixtures.ts';

let t: TestApp;
let w: ServicesWorld;

beforeAll(async () => {
  t = await testApp();
  w = await servicesWorld(t);
});
afterAll(async () => t?.close());

const MIN = 60_000;

async function pendingOffer(orderId: string) {
  const { rows } = await t.ctx.database.pool.query<{ id: string; provider_id: string; expires_at: Date }>(
    `select id, provider_id, expires_at from service_offers where order_id = $1 and answer = 'pending'`,
    [orderId],
  );
  return rows[0];
}

async function figures() {
  const res = await t.call('GET', '/api/v1/services/figures?division=330105004001', 'hemu-worker');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().byKind.find((k: { kind: string }) => k.kind === 'meal_delivery');
}

describe('dispatch', () => {
  it('offers the best-ranked provider first, the next on a decline, the next on a timeout, then none: unmatched', async () => {
    const near = await w.provider({ north: 200 });
    const middle = await w.provider({ north: 1500 });
    const far = await w.provider({ north: 3000 });
    const before = await figures();
    const elder = await w.elder();
    const order = await w.order(elder);
    expect(order.status).toBe('offered');
    expect(order.offers).toEqual([expect.objectContaining({ providerId: near.id, answer: 'pending', rank: 1 })]);
    // The timeout is a job queued for the offer's expiry.
    const { rows: jobs } = await t.ctx.database.pool.query(
      `select 1 from jobs where kind = 'services.offer_timeout' and status = 'queued'`,
    );
    expect(jobs.length).toBeGreaterThan(0);

    const declined = await t.call('POST', `/api/v1/services/orders/${order.id}/decline`, near.username, { reason: '人手不足' });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await pendingOffer(order.id))!.provider_id).toBe(middle.id);
    expect((await t.call('POST', `/api/v1/services/orders/${order.id}/accept`, near.username)).statusCode).toBe(409);

    const offer = (await pendingOffer(order.id))!;
    // Not yet due: nothing moves.
    expect(await expireOffer(t.ctx, offer.id, new Date(offer.expires_at.getTime() - 1000))).toBe(false);
    expect(await expireOffer(t.ctx, offer.id, new Date(offer.expires_at.getTime() + 1000))).toBe(true);
    const third = (await pendingOffer(order.id))!;
    expect(third.provider_id).toBe(far.id);
    // Too late to accept an offer that has run out, even before the job ran: 409, and the order moves on.
    const late = await expireOffer(t.ctx, third.id, new Date(third.expires_at.getTime() + MIN));
    expect(late).toBe(true);
    const detail = (await t.call('GET', `/api/v1/services/orders/${order.id}`, 'hemu-worker')).json();
    expect(detail.status).toBe('unmatched');
    expect(detail.offers.map((o: { providerId: string; answer: string }) => [o.providerId, o.answer])).toEqual([
      [near.id, 'declined'],
      [middle.id, 'expired'],
      [far.id, 'expired'],
    ]);
    const after = await figures();
    expect(after.unmet - before.unmet).toBe(1);
    expect(after.demand - before.demand).toBe(1);
    expect(after.matched - before.matched).toBe(0);
  });

  it('leaves out a provider whose required qualification has expired, and says why', async () => {
    const expired = await w.provider({ north: 100, qualifications: [{ code: 'health_certificate', validUntil: '2020-01-01' }] });
    const valid = await w.provider({ north: 2500 });
    const order = await w.order(await w.elder(), { dispatch: 'manual' });
    expect(order.status).toBe('requested');
    const cands = await t.call('GET', `/api/v1/services/orders/${order.id}/candidates`, 'hemu-worker');
    expect(cands.statusCode, cands.body).toBe(200);
    const body = cands.json();
    expect(body.items.map((c: { providerId: string }) => c.providerId)).toContain(valid.id);
    expect(body.items.map((c: { providerId: string }) => c.providerId)).not.toContain(expired.id);
    expect(body.ineligible).toContainEqual(
      expect.objectContaining({ providerId: expired.id, reason: 'qualification_expired', qualification: 'health_certificate' }),
    );
    const refused = await t.call('POST', `/api/v1/services/orders/${order.id}/dispatch`, 'hemu-worker', { providerId: expired.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('body.providerId');
    // By hand: offered to the chosen one; declined, it comes back to the worker instead of moving on.
    const byHand = await t.call('POST', `/api/v1/services/orders/${order.id}/dispatch`, 'hemu-worker', { providerId: valid.id });
    expect(byHand.statusCode, byHand.body).toBe(200);
    expect(byHand.json().offers).toEqual([expect.objectContaining({ providerId: valid.id, byHand: true, answer: 'pending' })]);
    await t.call('POST', `/api/v1/services/orders/${order.id}/decline`, valid.username, {});
    expect((await t.call('GET', `/api/v1/services/orders/${order.id}`, 'hemu-worker')).json().status).toBe('requested');
  });

  it('refuses an acceptance after the offer ran out (before its job ran) and moves the order on', async () => {
    const late = await w.provider({
      north: 10,
      offerings: [{ kind: 'escort_care', priceFen: 9000 }],
      qualifications: [{ code: 'caregiver_certificate', validUntil: '2099-12-31' }],
    });
    const order = await w.order(await w.elder(), { kind: 'escort_care' });
    const offer = (await pendingOffer(order.id))!;
    expect(offer.provider_id).toBe(late.id);
    const caller = await authUserByUsername(t.ctx, late.username);
    await expect(acceptOffer(t.ctx, caller, order.id, new Date(offer.expires_at.getTime() + 1000))).rejects.toMatchObject({
      status: 409,
      code: 'services.offer_expired',
    });
    const after = (await t.call('GET', `/api/v1/services/orders/${order.id}`, 'hemu-worker')).json();
    expect(after.status).toBe('unmatched');
    expect(after.offers).toEqual([expect.objectContaining({ providerId: late.id, answer: 'expired' })]);
  });

  it('books the slot on acceptance and refuses once it is full', async () => {
    const only = await w.provider({
      north: 300,
      offerings: [{ kind: 'housekeeping', priceFen: 8000, capacity: 1 }],
      qualifications: [{ code: 'housekeeping_certificate', validUntil: '2099-12-31' }],
    });
    const e1 = await w.elder();
    const first = await w.order(e1, { kind: 'housekeeping' });
    expect(first.offers[0]!.providerId).toBe(only.id);
    expect((await t.call('POST', `/api/v1/services/orders/${first.id}/accept`, only.username)).statusCode).toBe(200);
    const { rows } = await t.ctx.database.pool.query(`select booked, capacity from service_slots where offering_id = $1`, [
      only.offeringIds[0],
    ]);
    expect(rows[0]).toEqual({ booked: 1, capacity: 1 });
    // The slot is full: nobody else has room at that time, so the next order finds no one.
    const second = await w.order(await w.elder(), { kind: 'housekeeping' });
    expect(second.status).toBe('unmatched');
  });
});

describe('an order from request to rating', () => {
  it('is matched, accepted, checked in and out with time and place, rated once, and subsidised by the rule to the fen', async () => {
    const provider = await w.provider({ north: 150, offerings: [{ kind: 'meal_delivery', priceFen: 1550 }] });
    const before = await figures();
    // Born 1941-03-15: 85 on the service day (by 2026), in the 80+ meal band of services.subsidies (300 fen).
    const elder = await w.elder();
    const daughter = await w.resident(w.householdB);
    await t.call('POST', `/api/v1/services/care-profiles/${elder}/family`, 'hemu-worker', {
      residentId: daughter.residentId,
      relation: 'daughter',
    });
    const placed = await t.call('POST', '/api/v1/me/services/orders', daughter.username, {
      profileId: elder,
      kind: 'meal_delivery',
      startsAt: w.serviceAt,
      note: '少盐',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const order = placed.json();
    expect(order).toMatchObject({ status: 'offered', orderedAs: 'family', priceFen: 1550, subsidyFen: 300, payFen: 1250 });
    expect(order.subsidyRule).toMatchObject({ key: 'services.subsidies', minAge: 80 });
    expect(order.offers).toEqual([]);

    const accepted = await t.call('POST', `/api/v1/services/orders/${order.id}/accept`, provider.username);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', providerId: provider.id, subsidyFen: 300 });
    expect(
      (await t.call('POST', `/api/v1/services/orders/${order.id}/check-out`, provider.username, { lat: w.lat, lng: w.lng })).statusCode,
    ).toBe(409);
    const inn = await t.call('POST', `/api/v1/services/orders/${order.id}/check-in`, provider.username, { lat: w.lat, lng: w.lng });
    expect(inn.statusCode, inn.body).toBe(200);
    expect(inn.json()).toMatchObject({ status: 'in_service', checkIn: { lat: w.lat, lng: w.lng } });
    const out = await t.call('POST', `/api/v1/services/orders/${order.id}/check-out`, provider.username, {
      lat: w.lat,
      lng: w.lng,
      note: '已送达',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: 'completed', serviceNote: '已送达' });
    expect(Date.parse(out.json().checkOut.at)).toBeGreaterThanOrEqual(Date.parse(out.json().checkIn.at));

    const rated = await t.call('POST', `/api/v1/me/services/orders/${order.id}/rating`, daughter.username, { stars: 5, comment: '很好' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json().rating).toMatchObject({ stars: 5 });
    expect((await t.call('POST', `/api/v1/me/services/orders/${order.id}/rating`, daughter.username, { stars: 1 })).statusCode).toBe(409);
    const p = (await t.call('GET', `/api/v1/services/providers/${provider.id}`, 'hemu-worker')).json();
    expect(p).toMatchObject({ ratingCount: 1, ratingAverage: '5.00' });
    // She may complain about it too; the provider may not rate or complain.
    const complaint = await t.call('POST', `/api/v1/me/services/orders/${order.id}/complaints`, daughter.username, { text: '饭菜偏凉' });
    expect(complaint.statusCode, complaint.body).toBe(201);
    expect(complaint.json()).toMatchObject({ status: 'open', orderId: order.id, providerId: provider.id });

    const after = await figures();
    expect(after.matched - before.matched).toBe(1);
    expect(after.completed - before.completed).toBe(1);
    expect(after.fillRate.numerator - before.fillRate.numerator).toBe(1);
    expect(after.meanSecondsToMatch).not.toBeNull();
  });

  it('follows a complaint up through its lifecycle, refusing a step back out of closed', async () => {
    const provider = await w.provider({ north: 60 });
    const order = await w.order(await w.elder());
    expect(order.offers[0]!.providerId).toBe(provider.id);
    await t.call('POST', `/api/v1/services/orders/${order.id}/accept`, provider.username);
    await t.call('POST', `/api/v1/services/orders/${order.id}/check-in`, provider.username, { lat: w.lat, lng: w.lng });
    const out = await t.call('POST', `/api/v1/services/orders/${order.id}/check-out`, provider.username, { lat: w.lat, lng: w.lng });
    expect(out.json().status).toBe('completed');
    const filed = await t.call('POST', `/api/v1/services/orders/${order.id}/complaints`, 'hemu-worker', { text: '送餐迟到半小时' });
    expect(filed.statusCode, filed.body).toBe(201);
    const c = filed.json();
    expect(c.status).toBe('open');
    for (const status of ['handling', 'resolved', 'closed'])
      expect(
        (await t.call('POST', `/api/v1/services/complaints/${c.id}/follow-up`, 'hemu-worker', { status, note: `${status} 说明` }))
          .statusCode,
      ).toBe(200);
    const reopen = await t.call('POST', `/api/v1/services/complaints/${c.id}/follow-up`, 'hemu-worker', { status: 'handling' });
    expect(reopen.statusCode).toBe(409);
    const list = await t.call('GET', '/api/v1/services/complaints?status=closed', 'hemu-worker');
    const found = list.json().items.find((x: { id: string }) => x.id === c.id);
    expect(found.steps.map((s: { status: string }) => s.status)).toEqual(['open', 'handling', 'resolved', 'closed']);
  });

  it('marks an accepted order nobody checked in to a no-show once its time and the grace have passed', async () => {
    const provider = await w.provider({ north: 40 });
    const before = await figures();
    const order = await w.order(await w.elder());
    expect(order.offers[0]!.providerId).toBe(provider.id);
    await t.call('POST', `/api/v1/services/orders/${order.id}/accept`, provider.username);
    const endsAt = Date.parse((await t.call('GET', `/api/v1/services/orders/${order.id}`, 'hemu-worker')).json().endsAt);
    expect((await servicesSweep(t.ctx, new Date(endsAt + 29 * MIN))).noShows).toBe(0);
    expect((await servicesSweep(t.ctx, new Date(endsAt + 31 * MIN))).noShows).toBeGreaterThanOrEqual(1);
    expect((await t.call('GET', `/api/v1/services/orders/${order.id}`, 'hemu-worker')).json().status).toBe('no_show');
    expect((await figures()).noShows - before.noShows).toBe(1);
  });

  it('refuses bad orders naming the field, and a past time', async () => {
    const elder = await w.elder();
    const unknown = await t.call('POST', '/api/v1/services/orders', 'hemu-worker', {
      profileId: elder,
      kind: 'space_travel',
      startsAt: w.serviceAt,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('body.kind');
    const past = await t.call('POST', '/api/v1/services/orders', 'hemu-worker', {
      profileId: elder,
      kind: 'meal_delivery',
      startsAt: '2020-01-01T11:00:00+08:00',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].path).toBe('body.startsAt');
    const badTime = await t.call('POST', '/api/v1/services/orders', 'hemu-worker', {
      profileId: elder,
      kind: 'meal_delivery',
      startsAt: 'tomorrow',
    });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().errors[0].path).toBe('body.startsAt');
    const figuresOutside = await t.call('GET', '/api/v1/services/figures?division=330106001001', 'hemu-worker');
    expect(figuresOutside.statusCode).toBe(404);
  });
});
