// The property desk's API beside the pages: monthly passes listed a page at a time, the occupancy now, stays by state, and visitor
// passes listed by page and revoked by staff; staff outside the compound's scope get 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { passageWorld, type Device, type PassageWorld } from '../passage/fixtures.ts';

let t: TestApp;
let world: PassageWorld;
let barrier: Device;

beforeAll(async () => {
  t = await testApp();
  world = await passageWorld(t, '停车台测试小区');
  barrier = await world.device('barrier');
});
afterAll(() => t?.close());

describe('the parking desk', () => {
  it('lists monthly passes the latest month first, a page at a time', async () => {
    for (const [i, month] of ['2026-10', '2026-12', '2026-11'].entries()) {
      const res = await t.call('POST', `/api/v1/compounds/${world.compoundId}/parking-passes`, 'hemu-worker', {
        plate: '浙F12345',
        month,
        method: 'cash',
        reference: `desk-${i}`,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const first = await t.call('GET', `/api/v1/compounds/${world.compoundId}/parking-passes?limit=2`, 'hemu-worker');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().items.map((p: { month: string }) => p.month)).toEqual(['2026-12', '2026-11']);
    const rest = await t.call(
      'GET',
      `/api/v1/compounds/${world.compoundId}/parking-passes?limit=2&cursor=${first.json().nextCursor as string}`,
      'hemu-worker',
    );
    expect(rest.json()).toMatchObject({ items: [{ month: '2026-10', reference: 'desk-0', plate: '浙F12345' }], nextCursor: null });
    const bad = await t.call('GET', `/api/v1/compounds/${world.compoundId}/parking-passes?cursor=nonsense`, 'hemu-worker');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.cursor');
  });

  it('counts spaces by kind and the cars inside', async () => {
    for (const [code, kind] of [
      ['D-001', 'shared'],
      ['D-002', 'charging'],
    ] as const) {
      const res = await t.call('POST', `/api/v1/compounds/${world.compoundId}/parking-spaces`, 'hemu-worker', { code, kind });
      expect(res.statusCode, res.body).toBe(201);
    }
    await world.send(barrier, 'passage.entry', { plate: '浙F54321', result: 'allowed' }, new Date(Date.now() - 60_000));
    await t.settled();
    const res = await t.call('GET', `/api/v1/compounds/${world.compoundId}/parking-occupancy`, 'hemu-worker');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      compoundId: world.compoundId,
      spaces: 2,
      byKind: { owned: 0, rented: 0, shared: 1, charging: 1 },
      occupied: 1,
      free: 1,
    });
  });

  it('lists the stays inside now (open=true), those ended (open=false), or both', async () => {
    await world.send(barrier, 'passage.entry', { plate: '浙F65432', result: 'allowed' }, new Date(Date.now() - 3_600_000));
    await world.send(barrier, 'passage.exit', { plate: '浙F65432', result: 'allowed' }, new Date(Date.now() - 60_000));
    await t.settled();
    const plates = async (query: string) =>
      (await t.call('GET', `/api/v1/compounds/${world.compoundId}/parking-sessions${query}`, 'hemu-worker'))
        .json<{ items: { plate: string }[] }>()
        .items.map((s) => s.plate);
    expect(await plates('?open=true')).toEqual(['浙F54321']);
    expect(await plates('?open=false')).toEqual(['浙F65432']);
    expect((await plates('')).sort()).toEqual(['浙F54321', '浙F65432']);
  });

  it('lets staff revoke a visitor pass they registered, once', async () => {
    const made = await t.call('POST', `/api/v1/compounds/${world.compoundId}/visitor-passes`, 'hemu-worker', {
      householdId: world.households[0],
      visitorName: '周九',
      validFrom: new Date().toISOString(),
      validUntil: new Date(Date.now() + 3_600_000).toISOString(),
      entry: 'single',
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json().id as string;
    expect((await t.call('POST', `/api/v1/visitor-passes/${id}/revocation`, 'property')).statusCode).toBe(404);
    const revoked = await t.call('POST', `/api/v1/visitor-passes/${id}/revocation`, 'hemu-worker');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id, status: 'revoked', visitorName: '周*' });
    expect((await t.call('POST', `/api/v1/visitor-passes/${id}/revocation`, 'hemu-worker')).statusCode).toBe(409);
    const list = await t.call('GET', `/api/v1/compounds/${world.compoundId}/visitor-passes?limit=1`, 'hemu-worker');
    expect(list.json()).toMatchObject({ items: [{ id, status: 'revoked' }] });
  });

  it('answers 404 to staff outside the compound’s scope', async () => {
    for (const path of ['parking-passes', 'parking-occupancy', 'visitor-passes'])
      expect((await t.call('GET', `/api/v1/compounds/${world.compoundId}/${path}`, 'property')).statusCode).toBe(404);
  });
});
