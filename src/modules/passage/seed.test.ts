// The demo's passage and parking (the test template is seeded as `npm start` seeds it): the demo resident's compound
// has its key, their household two vehicles and a visitor pass, the car park four spaces and a stay under way; the
// resident's code verifies with the seeded key; seeding again adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { seedParking } from '../parking/index.ts';
import { verifyAccessQr } from './qr.ts';
import { DEMO_PLATES, seedPassage } from './seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t?.close());

const counts = async () =>
  (
    await t.ctx.database.pool.query<{ keys: number; vehicles: number; passes: number; spaces: number; stays: number }>(`
      select (select count(*)::int from compound_access_keys) as keys, (select count(*)::int from vehicles) as vehicles,
             (select count(*)::int from visitor_passes) as passes, (select count(*)::int from parking_spaces) as spaces,
             (select count(*)::int from parking_sessions) as stays`)
  ).rows[0]!;

describe('the demo passage', () => {
  it('gives the demo resident’s compound a key, vehicles, a visitor pass, spaces and a stay; a second seed adds nothing', async () => {
    const passes = await t.call('GET', '/api/v1/me/visitor-passes', 'hemu-resident');
    expect(passes.json().items).toEqual([expect.objectContaining({ status: 'approved', entry: 'multiple', plate: '浙B67890' })]);
    const compoundId = passes.json().items[0].compoundId as string;
    const vehicles = await t.call('GET', '/api/v1/me/vehicles', 'hemu-resident');
    expect(
      vehicles
        .json()
        .items.map((v: { plate: string }) => v.plate)
        .sort(),
    ).toEqual([...DEMO_PLATES].sort());
    const parking = await t.call('GET', '/api/v1/me/parking', 'hemu-resident');
    expect(parking.json().compounds.find((c: { compoundId: string }) => c.compoundId === compoundId)).toMatchObject({
      spaces: 4,
      occupied: 1,
      free: 3,
    });

    const code = await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', { compoundId });
    const key = await t.app.inject({ method: 'GET', url: `/api/v1/compounds/${compoundId}/access-key` });
    expect(verifyAccessQr(key.json().publicKey, code.json().qr, new Date(), new Set()).ok).toBe(true);

    const before = await counts();
    const { rows } = await t.ctx.database.pool.query<{ resident_id: string }>(
      "select resident_id from users where username = 'hemu-resident'",
    );
    await t.ctx.db.transaction(async (tx) => seedParking(tx, await seedPassage(tx, t.ctx.personalKey, rows[0]!.resident_id)));
    expect(await counts()).toEqual(before);
  });
});
