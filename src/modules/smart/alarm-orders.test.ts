import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { smartWorld, type SmartWorld } from './fixtures.ts';
import { alarms } from './schema.ts';

describe('a work order raised from an alarm', () => {
  let t: TestApp;
  let world: SmartWorld;
  // The alarm engine is not what is tested here: alarms are written as it would write them.
  const alarm = async (
    profile: string,
    type: string,
    rule: string,
    severity: 'critical' | 'major',
    restricted: 'no' | 'keyperson' = 'no',
  ) => {
    const device = await world.device(profile);
    const id = uuidv7();
    const now = new Date();
    await t.ctx.db.insert(alarms).values({
      id,
      deviceId: device.id,
      compoundId: world.compoundId,
      communityCode: '330105004001',
      type,
      rule,
      ruleVersion: 'test',
      severity,
      restricted,
      firstAt: now,
      lastAt: now,
    });
    return id;
  };
  beforeAll(async () => {
    t = await testApp();
    world = await smartWorld(t);
  });
  afterAll(() => t.close());

  it("carries the alarm's compound and urgency, needs a call-back for SOS, and is raised once per alarm", async () => {
    const sos = await alarm('sos_button', 'sos.pressed', 'sos.pressed', 'critical');
    const res = await t.call('POST', `/api/v1/alarms/${sos}/work-order`, 'hemu-worker', { note: '独居老人' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      sourceKind: 'alarm',
      sourceId: sos,
      compoundId: world.compoundId,
      priority: 'urgent',
      callbackRequired: true,
      status: 'open',
    });
    expect(res.json().title).toContain('居民一键报警');
    const twice = await t.call('POST', `/api/v1/alarms/${sos}/work-order`, 'hemu-worker', {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().workOrderId).toBe(res.json().id);

    const fault = await alarm('water_pump', 'equipment.fault', 'pump.fault', 'major');
    const pump = await t.call('POST', `/api/v1/alarms/${fault}/work-order`, 'hemu-worker', {});
    expect(pump.json()).toMatchObject({ priority: 'high', callbackRequired: false });
  });

  it('is refused for an alarm the user cannot see, and for a watch-list alert', async () => {
    const sos = await alarm('sos_button', 'sos.pressed', 'sos.pressed', 'critical');
    // The property company's scope is three demo compounds, not this test's compound; the contractor raises no orders.
    expect((await t.call('POST', `/api/v1/alarms/${sos}/work-order`, 'property', {})).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/alarms/${sos}/work-order`, 'contractor', {})).statusCode).toBe(403);
    expect((await t.call('POST', `/api/v1/alarms/${uuidv7()}/work-order`, 'hemu-worker', {})).statusCode).toBe(404);
    const watch = await alarm('keyperson_camera', 'keyperson.match', 'keyperson.match', 'major', 'keyperson');
    expect((await t.call('POST', `/api/v1/alarms/${watch}/work-order`, 'hemu-worker', {})).statusCode).toBe(404);
  });
});
