import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { devices, deviceStatus } from './schema.ts';
import { seedSmartDevices } from './seed.ts';
import { SIMULATOR_VENDOR } from './simulator-devices.ts';

// The demo city (the test template is seeded as `npm start` seeds it).
describe('the demo devices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('fits every 和睦 compound with the full set, and shows 和睦街道 devices online', async () => {
    const rows = await t.ctx.db
      .select({
        compoundId: devices.compoundId,
        profile: devices.profile,
        vendor: devices.vendor,
        status: deviceStatus.status,
        lastSeenAt: deviceStatus.lastSeenAt,
        offlineAt: deviceStatus.offlineAt,
      })
      .from(devices)
      .innerJoin(deviceStatus, eq(deviceStatus.deviceId, devices.id))
      .where(like(devices.communityCode, '330105004%'));
    const compounds = new Set(rows.map((r) => r.compoundId));
    expect(compounds.size).toBeGreaterThan(0);
    for (const c of compounds) {
      const profiles = new Set(rows.filter((r) => r.compoundId === c).map((r) => r.profile));
      for (const p of [
        'perimeter',
        'key_area',
        'throwing_camera',
        'smoke_detector',
        'lift',
        'water_pump',
        'sos_button',
        'keyperson_camera',
        'gateway',
      ])
        expect(profiles, `${c} has ${p}`).toContain(p);
    }
    const online = rows.filter((r) => r.status === 'online');
    expect(online.length / rows.length).toBeGreaterThan(0.8);
    for (const r of online) {
      expect(r.lastSeenAt).toBeInstanceOf(Date);
      expect(r.offlineAt!.getTime()).toBeGreaterThan(r.lastSeenAt!.getTime());
    }
    expect(rows.every((r) => r.vendor === SIMULATOR_VENDOR)).toBe(true);
  });

  it('places devices elsewhere in the city too, and a second seed adds none', async () => {
    const elsewhere = await t.ctx.db
      .select({ id: devices.id })
      .from(devices)
      .where(and(eq(devices.vendor, SIMULATOR_VENDOR), inArray(devices.profile, ['smoke_detector', 'sos_button'])));
    const outside = await t.ctx.database.pool.query(`select count(*)::int as n from devices where community_code not like '330105004%'`);
    expect(outside.rows[0].n).toBeGreaterThan(0);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(await t.ctx.db.transaction((tx) => seedSmartDevices(tx, []))).toBe(0);
  });
});
