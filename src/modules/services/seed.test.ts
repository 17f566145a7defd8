// The demo's home care services, as the README promises them and the demo's browser walk-through needs them: the
// demo resident may order for her mother 王阿婆, the canteen (the demo account `provider`) ranks first for her
// lunch, the care centre's expired health certificate keeps it out of bathing help, and a second seed adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { matchForProfile, seedServices, SERVICES_DEMO, shanghaiDay } from './index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

describe('the demo services', () => {
  it('links 王阿婆 to the demo resident as her daughter and ranks the canteen first for tomorrow’s lunch', async () => {
    const res = await t.call('GET', '/api/v1/me/services/elders', 'hemu-resident');
    expect(res.statusCode, res.body).toBe(200);
    const elders = res.json().elders as { profileId: string; relation: string; nameMasked: string }[];
    expect(elders).toEqual([expect.objectContaining({ relation: 'daughter', nameMasked: '王**' })]);
    const tomorrow = shanghaiDay(new Date(Date.now() + 86_400_000));
    const lunch = await matchForProfile(t.ctx, elders[0]!.profileId, 'meal_delivery', new Date(`${tomorrow}T11:30:00+08:00`));
    expect(lunch.ranked[0]!.providerName).toBe(SERVICES_DEMO.canteen);
    const own = await t.call('GET', '/api/v1/services/providers', 'provider');
    expect(own.json().items.map((p: { name: string }) => p.name)).toEqual([SERVICES_DEMO.canteen]);
    const bath = await matchForProfile(t.ctx, elders[0]!.profileId, 'bathing', new Date(`${tomorrow}T09:00:00+08:00`));
    expect(bath.ranked).toEqual([]);
    expect(bath.ineligible).toEqual([expect.objectContaining({ reason: 'qualification_expired', qualification: 'health_certificate' })]);
  });

  it('seeds once', async () => {
    const { rows } = await t.ctx.database.pool.query<{ id: string }>(
      `select resident_id as id from users where username = 'hemu-resident'`,
    );
    const added = await t.ctx.db.transaction((tx) =>
      seedServices(tx, t.ctx.personalKey, ['00000000-0000-7000-8000-000000000000'], rows[0]!.id),
    );
    expect(added).toBe(0);
  });
});
