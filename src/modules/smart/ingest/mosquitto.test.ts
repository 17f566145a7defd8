// The ingest on a real Mosquitto (what production runs), started here on a free port with persistence on:
// device sign-in at the broker, the priority lane, two consumers sharing one MQTT 5 subscription group,
// and a broker restart that everything survives without a storm of offline devices.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../platform/testing/harness.ts';
import { smartWorld, type SmartWorld } from '../fixtures.ts';
import { startIngest, type IngestRuntime } from './runtime.ts';
import { connectDevice, startMosquitto, until, type TestDevice, type TestMosquitto } from './testing.ts';
import { eventTopic, priorityTopic } from './topics.ts';

let t: TestApp;
let world: SmartWorld;
let broker: TestMosquitto;
let first: IngestRuntime;
let second: IngestRuntime;
let devices: Record<'sos' | 'fault' | 'kept' | 'quiet' | 'pump', { id: string; key: string; secret: string }>;

beforeAll(async () => {
  t = await testApp();
  world = await smartWorld(t);
  devices = {
    sos: await world.device('sos_button'),
    fault: await world.device('lift'),
    kept: await world.device('perimeter'),
    quiet: await world.device('perimeter'),
    pump: await world.device('water_pump'),
  };
  // Devices are registered before the broker starts, so its password file has them.
  broker = await startMosquitto(t.ctx.database.pool);
  first = await startIngest(t.ctx, { broker: false, consume: true, account: broker.ingest });
  second = await startIngest(t.ctx, { broker: false, consume: true, account: broker.ingest });
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await broker?.close();
  await t?.close();
});

const q = async <T extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await t.ctx.database.pool.query<T>(text, values)).rows;
const stored = (deviceId: string) =>
  q<{ message_id: string }>('select message_id from device_events where device_id = $1 order by at, message_id', [deviceId]);
const statusOf = async (deviceId: string) =>
  (await q<{ status: string }>('select status from device_status where device_id = $1', [deviceId]))[0]!.status;

describe('ingest through Mosquitto', () => {
  it('two consumers hold distinct, stable slots (their client ids survive a restart)', () => {
    expect(new Set([first.slot, second.slot]).size).toBe(2);
  });

  it('stores an SOS within a bounded wait, through the priority lane', async () => {
    const d = await connectDevice(broker.url, devices.sos.key, devices.sos.secret);
    try {
      const pressed = Date.now();
      await d.publish(priorityTopic(devices.sos.key), {
        id: 'sos-1',
        type: 'sos.pressed',
        at: new Date().toISOString(),
        data: { room: '101' },
      });
      await until('the SOS stored', async () => (await stored(devices.sos.id)).length === 1, 5000);
      // Generous on purpose (a shared CI machine): the budget itself is measured by bench:iot.
      expect(Date.now() - pressed).toBeLessThan(5000);
    } finally {
      await d.close();
    }
  });

  it('refuses wrong credentials at CONNECT', async () => {
    await expect(connectDevice(broker.url, devices.kept.key, 'wrong-secret')).rejects.toMatchObject({ code: 5 });
    await expect(connectDevice(broker.url, 'd-nobody', devices.kept.secret)).rejects.toMatchObject({ code: 5 });
  });

  it('two identical cause events of one device 1 ms apart, through two consumers in one group: each stored once', async () => {
    const d = await connectDevice(broker.url, devices.fault.key, devices.fault.secret);
    try {
      const at = Date.now();
      const before = first.stats.received + second.stats.received;
      const firstBefore = first.stats.received;
      const secondBefore = second.stats.received;
      const fault = (id: string, ms: number) => ({
        id,
        type: 'equipment.fault',
        at: new Date(at + ms).toISOString(),
        data: { code: 'E12', trapped: false },
      });
      await Promise.all([
        d.publish(eventTopic(devices.fault.key), fault('f-1', 0)),
        d.publish(eventTopic(devices.fault.key), fault('f-2', 1)),
      ]);
      await until('both stored', async () => (await stored(devices.fault.id)).length === 2);
      expect((await stored(devices.fault.id)).map((r) => r.message_id)).toEqual(['f-1', 'f-2']);
      expect(first.stats.received + second.stats.received - before).toBe(2);
      // The group shares the stream: one message each.
      expect([first.stats.received - firstBefore, second.stats.received - secondBefore]).toEqual([1, 1]);
    } finally {
      await d.close();
    }
  });

  it('…and they make exactly one active alarm with count 2 (needs the alarm engine)', async () => {
    await t.settled();
    const alarms = await q<{ count: number; status: string }>('select count, status from alarms where device_id = $1', [devices.fault.id]);
    expect(alarms).toEqual([{ count: 2, status: 'active' }]);
  });

  it('restarting the broker: consumers reconnect, devices that keep publishing are not declared offline', async () => {
    const live: TestDevice[] = [];
    try {
      const kept = await connectDevice(broker.url, devices.kept.key, devices.kept.secret, { reconnect: true });
      live.push(kept);
      const quiet = await connectDevice(broker.url, devices.quiet.key, devices.quiet.secret);
      live.push(quiet);
      // Both last heard 88 s ago: heartbeat 60 s + grace 30 s runs out about 2 s from now, while the broker is down.
      const old = new Date(Date.now() - 88_000).toISOString();
      await kept.publish(eventTopic(devices.kept.key), { id: 'k-0', type: 'heartbeat', at: old });
      await quiet.publish(eventTopic(devices.quiet.key), { id: 'q-0', type: 'heartbeat', at: old });
      await until(
        'both online',
        async () => (await statusOf(devices.kept.id)) === 'online' && (await statusOf(devices.quiet.id)) === 'online',
      );
      await quiet.close();
      live.pop();
      const deadline = Date.now() + 2500;

      await broker.stop();
      // The deadlines pass while the broker is down.
      await until('the deadlines passed', () => Date.now() > deadline);
      await broker.start();
      // Mosquitto 2.0 restores the consumers' sessions without their shared subscriptions: what devices publish
      // before the consumers have subscribed again has no subscriber (README, "Devices and MQTT"). So a fresh
      // device probes until one of its messages is stored: then the ingest hears the broker again.
      const d = await connectDevice(broker.url, devices.pump.key, devices.pump.secret);
      live.push(d);
      let n = 0;
      await until('a probe stored', async () => {
        if ((await stored(devices.pump.id)).length) return true;
        await d.publish(eventTopic(devices.pump.key), { id: `p-${++n}`, type: 'heartbeat', at: new Date().toISOString() });
        return until('this probe', async () => (await stored(devices.pump.id)).length > 0, 1000).catch(() => false);
      });
      await until('the device reconnected', () => kept.client.connected);
      await kept.publish(eventTopic(devices.kept.key), { id: 'k-1', type: 'heartbeat', at: new Date().toISOString() });
      await until('its heartbeat stored', async () => (await stored(devices.kept.id)).length === 2);
      expect(await statusOf(devices.kept.id)).toBe('online');
      // Silent since before the restart, but it has its heartbeat + grace after the broker came back to be heard.
      expect(await statusOf(devices.quiet.id)).toBe('online');
      expect(await q('select type from alarms where device_id = any($1::uuid[])', [[devices.kept.id, devices.quiet.id]])).toEqual([]);
    } finally {
      for (const d of live) await d.close();
    }
  });
});
