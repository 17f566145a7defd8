// Acceptance 6: a provider sees only orders of the compounds it serves (and only those offered or given to it); a
// resident only their own household's orders, and those of the elders they are linked to as family.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';
import { servicesWorld, type ServicesWorld, type WorldProvider } from './fixtures.ts';

let t: TestApp;
let w: ServicesWorld;
let pa: WorldProvider;
let pb: WorldProvider;
let idle: WorldProvider;
let orderA: string;
let orderB: string;
let home: { username: string; residentId: string };
let neighbour: { username: string };
let daughter: { username: string; residentId: string };
let elderA: string;

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

beforeAll(async () => {
  t = await testApp();
  w = await servicesWorld(t);
  pa = await w.provider({ compounds: ['A'], north: 200 });
  // Serves A too, but farther: ranked below pa, so it is never offered these orders.
  idle = await w.provider({ compounds: ['A'], north: 3000 });
  pb = await w.provider({ compounds: ['B'], north: 800 });
  home = await w.resident(w.householdsA[0]!);
  neighbour = await w.resident(w.householdsA[1]!);
  daughter = await w.resident(w.householdsA[2]!);
  elderA = await w.elder({ householdId: w.householdsA[0] });
  const elderB = await w.elder({ compoundId: w.compoundB, householdId: w.householdB, name: '李大爷', gender: 'male' });
  const link = await t.call('POST', `/api/v1/services/care-profiles/${elderA}/family`, 'hemu-worker', {
    residentId: daughter.residentId,
    relation: 'daughter',
  });
  expect(link.statusCode, link.body).toBe(201);
  const a = await w.order(elderA);
  const b = await w.order(elderB);
  orderA = a.id;
  orderB = b.id;
  expect(a.offers.map((o) => o.providerId)).toEqual([pa.id]);
  expect(b.offers.map((o) => o.providerId)).toEqual([pb.id]);
});
afterAll(async () => t?.close());

describe('who sees which order (Acceptance 6)', () => {
  it('a provider sees only the orders of the compounds it serves that reached it', async () => {
    const listA = await t.call('GET', '/api/v1/services/orders', pa.username);
    expect(listA.statusCode, listA.body).toBe(200);
    expect(ids(listA.json())).toEqual([orderA]);
    expect((await t.call('GET', `/api/v1/services/orders/${orderB}`, pa.username)).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/services/orders/${orderB}/accept`, pa.username)).statusCode).toBe(404);
    expect(ids((await t.call('GET', '/api/v1/services/orders', pb.username)).json())).toEqual([orderB]);
    // Serving compound A is not enough: an order never offered to it stays out of its sight.
    expect(ids((await t.call('GET', '/api/v1/services/orders', idle.username)).json())).toEqual([]);
    expect((await t.call('GET', `/api/v1/services/orders/${orderA}`, idle.username)).statusCode).toBe(404);
  });

  it('a provider that stops serving a compound stops seeing its orders', async () => {
    const accepted = await t.call('POST', `/api/v1/services/orders/${orderA}/accept`, pa.username);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await t.call('GET', `/api/v1/services/orders/${orderA}`, pa.username)).statusCode).toBe(200);
    const moved = await t.call('PUT', `/api/v1/services/providers/${pa.id}/compounds`, 'hemu-worker', { compoundIds: [w.compoundB] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await t.call('GET', `/api/v1/services/orders/${orderA}`, pa.username)).statusCode).toBe(404);
    expect(ids((await t.call('GET', '/api/v1/services/orders', pa.username)).json())).toEqual([]);
    const back = await t.call('PUT', `/api/v1/services/providers/${pa.id}/compounds`, 'hemu-worker', { compoundIds: [w.compoundA] });
    expect(back.statusCode).toBe(200);
  });

  it("a resident sees their own household's orders, and a linked daughter her mother's; a neighbour sees none", async () => {
    const mine = await t.call('GET', '/api/v1/me/services/orders', home.username);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(ids(mine.json())).toEqual([orderA]);
    expect((await t.call('GET', `/api/v1/me/services/orders/${orderA}`, home.username)).statusCode).toBe(200);
    expect((await t.call('GET', `/api/v1/me/services/orders/${orderB}`, home.username)).statusCode).toBe(404);

    expect(ids((await t.call('GET', '/api/v1/me/services/orders', daughter.username)).json())).toEqual([orderA]);
    const hers = await t.call('GET', `/api/v1/me/services/orders/${orderA}`, daughter.username);
    expect(hers.statusCode).toBe(200);
    // Residents never see who declined or was offered: the offers stay with staff.
    expect(hers.json().offers).toEqual([]);

    expect(ids((await t.call('GET', '/api/v1/me/services/orders', neighbour.username)).json())).toEqual([]);
    expect((await t.call('GET', `/api/v1/me/services/orders/${orderA}`, neighbour.username)).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/me/services/orders/${orderA}/cancel`, neighbour.username)).statusCode).toBe(404);
  });

  it('a resident orders only for an elder they may order for, naming the field otherwise', async () => {
    const refused = await t.call('POST', '/api/v1/me/services/orders', neighbour.username, {
      profileId: elderA,
      kind: 'meal_delivery',
      startsAt: w.serviceAt,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('body.profileId');
    const elders = await t.call('GET', '/api/v1/me/services/elders', daughter.username);
    expect(elders.json().elders).toEqual([expect.objectContaining({ profileId: elderA, relation: 'daughter', nameMasked: '王**' })]);
    expect((await t.call('GET', '/api/v1/me/services/elders', neighbour.username)).json().elders).toEqual([]);
  });

  it('staff see the orders of their division; another community’s worker and another provider do not', async () => {
    await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username: `other-${w.tag}`,
        displayName: '其他社区社工',
        password: 'Demo@2026',
        role: 'community_worker',
        scopeDivision: '330105004002',
      }),
    );
    expect(ids((await t.call('GET', '/api/v1/services/orders', `other-${w.tag}`)).json())).not.toContain(orderA);
    expect((await t.call('GET', `/api/v1/services/orders/${orderA}`, `other-${w.tag}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/services/orders/${orderA}`, 'hemu')).statusCode).toBe(200);
    // The demo's provider serves the demo's compounds, not this world's.
    expect((await t.call('GET', `/api/v1/services/orders/${orderA}`, 'provider')).statusCode).toBe(404);
  });

  it('an elder with an account of their own orders for themselves', async () => {
    const elder = await w.resident(w.householdsA[1]!);
    const profile = await w.elder({ residentId: elder.residentId, householdId: undefined, name: '赵大爷', gender: 'male' });
    const mine = await t.call('GET', '/api/v1/me/services/elders', elder.username);
    expect(mine.json().elders).toEqual([expect.objectContaining({ profileId: profile, relation: 'self' })]);
    const placed = await t.call('POST', '/api/v1/me/services/orders', elder.username, {
      profileId: profile,
      kind: 'meal_delivery',
      startsAt: w.serviceAt,
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect(placed.json()).toMatchObject({ orderedAs: 'self', status: 'offered' });
    // Kept in the household the registry binds him to (102), so his household's other resident sees it too.
    expect(ids((await t.call('GET', '/api/v1/me/services/orders', neighbour.username)).json())).toContain(placed.json().id);
  });
});
