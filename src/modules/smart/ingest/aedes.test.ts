// The ingest on the embedded broker (aedes, what `npm start` runs): devices sign in with their key and
// secret, publish to their own topics only, an SOS is stored at once, bad messages are refused and counted
// without stalling the stream, and a silent device is declared offline by its timer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../platform/testing/harness.ts';
import { smartWorld, type SmartWorld } from '../fixtures.ts';
import { startIngest, type IngestRuntime } from './runtime.ts';
import { connectDevice, until } from './testing.ts';
import { eventTopic, priorityTopic } from './topics.ts';

let t: TestApp;
let world: SmartWorld;
let ingest: IngestRuntime;
let url: string;

beforeAll(async () => {
  t = await testApp();
  world = await smartWorld(t);
  ingest = await startIngest(t.ctx, { broker: true, consume: true });
  url = ingest.broker!.url;
});
afterAll(async () => {
  await ingest?.close();
  await t?.close();
});

const stored = async (deviceId: string) =>
  (
    await t.ctx.database.pool.query<{ message_id: string; type: string }>(
      'select message_id, type from device_events where device_id = $1 order by at, message_id',
      [deviceId],
    )
  ).rows;

describe('the embedded broker', () => {
  it('listens on a free port of its own and tells installers where to connect', async () => {
    expect(ingest.broker!.port).toBeGreaterThan(0);
    const res = await t.call('GET', '/api/v1/ingest/info', 'hemu');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ mqttUrl: url, eventTopic: 'renova/d/{key}/events', priorityTopic: 'renova/d/{key}/alert' });
  });

  it('stores an SOS pressed on the priority topic, and one sent on the event topic too', async () => {
    const sos = await world.device('sos_button');
    const d = await connectDevice(url, sos.key, sos.secret);
    try {
      await d.publish(priorityTopic(sos.key), { id: 'sos-1', type: 'sos.pressed', at: new Date().toISOString(), data: { room: '302' } });
      await d.publish(eventTopic(sos.key), { id: 'sos-2', type: 'sos.pressed', at: new Date().toISOString(), data: {} });
      const rows = await until('both SOS stored', async () => {
        const r = await stored(sos.id);
        return r.length === 2 && r;
      });
      expect(rows.map((r) => r.message_id).sort()).toEqual(['sos-1', 'sos-2']);
      const { rows: status } = await t.ctx.database.pool.query('select status from device_status where device_id = $1', [sos.id]);
      expect(status[0]!.status).toBe('online');
    } finally {
      await d.close();
    }
  });

  it('refuses wrong credentials and revoked devices at CONNECT', async () => {
    const dev = await world.device('perimeter');
    await expect(connectDevice(url, dev.key, 'not-the-secret')).rejects.toMatchObject({ code: 4 });
    await expect(connectDevice(url, 'd-nobody', dev.secret)).rejects.toMatchObject({ code: 4 });
    const ok = await connectDevice(url, dev.key, dev.secret);
    await ok.close();
    await t.ctx.database.pool.query('update devices set revoked_at = now() where id = $1', [dev.id]);
    await expect(connectDevice(url, dev.key, dev.secret)).rejects.toMatchObject({ code: 4 });
  });

  it("lets a device publish only under its own key: another device's topic costs it the connection", async () => {
    const a = await world.device('perimeter');
    const b = await world.device('perimeter');
    const da = await connectDevice(url, a.key, a.secret);
    const closed = new Promise<void>((r) => da.client.once('close', () => r()));
    void da
      .publish(eventTopic(b.key), { id: 'forged', type: 'perimeter.intrusion', at: new Date().toISOString(), data: { zone: 'N' } })
      .catch(() => undefined);
    await closed;
    await da.close();
    const db = await connectDevice(url, b.key, b.secret);
    await db.publish(eventTopic(b.key), { id: 'own', type: 'heartbeat', at: new Date().toISOString() });
    await until('b stored', async () => (await stored(b.id)).length > 0);
    expect((await stored(b.id)).map((r) => r.message_id)).toEqual(['own']);
    await db.close();
  });

  it('refuses bad messages, counts them per device and reason, and goes on with the next ones', async () => {
    const smoke = await world.device('smoke_detector');
    const d = await connectDevice(url, smoke.key, smoke.secret);
    const at = new Date().toISOString();
    try {
      await d.publish(eventTopic(smoke.key), '{"id": "broken"');
      await d.publish(eventTopic(smoke.key), { id: 'b1', type: 'sos.pressed', at });
      await d.publish(eventTopic(smoke.key), { id: 'b2', type: 'telemetry', at, data: { temperatureC: 'hot' } });
      await d.publish(eventTopic(smoke.key), { id: 'b3', type: 'heartbeat', at: new Date(Date.now() + 3_600_000).toISOString() });
      await d.publish(eventTopic(smoke.key), { id: 'b4', type: 'heartbeat', at, data: { note: 'x'.repeat(9000) } });
      await d.publish(eventTopic(smoke.key), { id: 'good', type: 'telemetry', at, data: { temperatureC: 21.5, batteryPercent: 80 } });
      await until('the good one stored', async () => (await stored(smoke.id)).length > 0);
      expect((await stored(smoke.id)).map((r) => r.message_id)).toEqual(['good']);
      const { rows } = await t.ctx.database.pool.query<{ reason: string; count: string }>(
        'select reason, count from ingest_rejections where device_key = $1 order by reason',
        [smoke.key],
      );
      expect(rows.map((r) => [r.reason, Number(r.count)])).toEqual([
        ['future', 1],
        ['invalid_data', 1],
        ['malformed', 1],
        ['oversized', 1],
        ['unknown_type', 1],
      ]);
      const { rows: status } = await t.ctx.database.pool.query(
        'select rejected, last_reject_reason from device_status where device_id = $1',
        [smoke.id],
      );
      expect(Number(status[0]!.rejected)).toBe(5);
    } finally {
      await d.close();
    }
  });

  it('stores a message sent twice once', async () => {
    const lift = await world.device('lift');
    const d = await connectDevice(url, lift.key, lift.secret);
    const m = { id: 'twice', type: 'telemetry', at: new Date().toISOString(), data: { floor: 3 } };
    await d.publish(eventTopic(lift.key), m);
    await d.publish(eventTopic(lift.key), m);
    await d.publish(eventTopic(lift.key), { ...m, id: 'after' });
    await until('after stored', async () => (await stored(lift.id)).length === 2);
    expect((await stored(lift.id)).map((r) => r.message_id).sort()).toEqual(['after', 'twice']);
    await d.close();
  });

  it('declares a device silent when its deadline passes (a precise timer, not a scan)', async () => {
    const pump = await world.device('water_pump');
    const d = await connectDevice(url, pump.key, pump.secret);
    // Last heard 89 s ago: heartbeat 60 s + grace 30 s runs out in about a second.
    await d.publish(eventTopic(pump.key), { id: 'hb', type: 'heartbeat', at: new Date(Date.now() - 89_000).toISOString() });
    await d.close();
    await until(
      'online',
      async () =>
        (await t.ctx.database.pool.query('select status from device_status where device_id = $1', [pump.id])).rows[0]?.status === 'online',
    );
    await until(
      'offline',
      async () =>
        (await t.ctx.database.pool.query('select status from device_status where device_id = $1', [pump.id])).rows[0]?.status === 'offline',
      10_000,
    );
  });
});
