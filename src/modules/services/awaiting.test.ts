// The orders list's awaiting=true (the provider's phone view lists what it has to answer): for a provider only the
// orders whose offer to it is still unanswered (not those it declined, which it still sees), for staff those with
// any offer unanswered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { servicesWorld, type ServicesWorld, type WorldProvider } from './fixtures.ts';

let t: TestApp;
let w: ServicesWorld;
let near: WorldProvider;
let far: WorldProvider;

beforeAll(async () => {
  t = await testApp();
  w = await servicesWorld(t);
  near = await w.provider({ north: 200 });
  far = await w.provider({ north: 2000 });
});
afterAll(async () => t?.close());

const list = async (who: string, query: string) => {
  const res = await t.call('GET', `/api/v1/services/orders?compoundId=${w.compoundA}${query}`, who);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
};

describe('orders awaiting an answer', () => {
  it('follows the offer from one provider to the next, and is empty once accepted', async () => {
    const order = await w.order(await w.elder());
    expect(order.offers.map((o) => o.providerId)).toEqual([near.id]);
    expect(await list(near.username, '&awaiting=true')).toEqual([order.id]);
    expect(await list(far.username, '&awaiting=true')).toEqual([]);
    expect(await list('hemu-worker', '&awaiting=true')).toEqual([order.id]);

    const declined = await t.call('POST', `/api/v1/services/orders/${order.id}/decline`, near.username, {});
    expect(declined.statusCode, declined.body).toBe(200);
    expect(await list(near.username, '&awaiting=true')).toEqual([]);
    // It was offered to the near one once, so the near one still sees it without the filter.
    expect(await list(near.username, '')).toEqual([order.id]);
    expect(await list(near.username, '&awaiting=false')).toEqual([order.id]);
    expect(await list(far.username, '&awaiting=true')).toEqual([order.id]);

    const accepted = await t.call('POST', `/api/v1/services/orders/${order.id}/accept`, far.username);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await list(far.username, '&awaiting=true')).toEqual([]);
    expect(await list('hemu-worker', '&awaiting=true')).toEqual([]);
  });

  it('refuses a value other than true or false, naming the field', async () => {
    const res = await t.call('GET', '/api/v1/services/orders?awaiting=yes', 'hemu-worker');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('awaiting');
  });
});
