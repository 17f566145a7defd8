// The HTTP batch endpoint: device credentials in the header, all or nothing, idempotent by message id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../platform/testing/harness.ts';
import { smartWorld, type SmartWorld } from '../fixtures.ts';

let t: TestApp;
let world: SmartWorld;

beforeAll(async () => {
  t = await testApp();
  world = await smartWorld(t);
});
afterAll(() => t?.close());

const post = (authorization: string | undefined, body: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/ingest/events',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    payload: JSON.stringify(body),
  });
const count = async (deviceId: string) =>
  (await t.ctx.database.pool.query<{ n: number }>('select count(*)::int as n from device_events where device_id = $1', [deviceId])).rows[0]!
    .n;

describe('POST /api/v1/ingest/events', () => {
  it('stores a batch, and counts a batch sent again as duplicates', async () => {
    const d = await world.device('smoke_detector');
    const at = new Date().toISOString();
    const events = [
      { id: 'h-1', type: 'heartbeat', at, data: { batteryPercent: 90 } },
      { id: 'f-1', type: 'fire.smoke', at, data: { obscurationPercent: 30 } },
    ];
    const res = await post(`Device ${d.key}:${d.secret}`, { events });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await post(`Device ${d.key}:${d.secret}`, { events: [...events, { id: 'h-2', type: 'heartbeat', at }] });
    expect(again.json()).toEqual({ accepted: 1, duplicates: 2 });
    expect(await count(d.id)).toBe(3);
    const { rows } = await t.ctx.database.pool.query('select status from device_status where device_id = $1', [d.id]);
    expect(rows[0]!.status).toBe('online');
  });

  it('answers 401 problem+json for missing, malformed or wrong credentials, and for a revoked device', async () => {
    const d = await world.device('perimeter');
    const body = { events: [{ id: 'x', type: 'heartbeat', at: new Date().toISOString() }] };
    for (const auth of [undefined, 'Bearer abc', `Device ${d.key}:wrong`, `Device d-nobody:${d.secret}`]) {
      const res = await post(auth, body);
      expect(res.statusCode, auth).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('ingest.device_unauthorized');
    }
    await t.ctx.database.pool.query('update devices set revoked_at = now() where id = $1', [d.id]);
    expect((await post(`Device ${d.key}:${d.secret}`, body)).statusCode).toBe(401);
    expect(await count(d.id)).toBe(0);
  });

  it('answers 422 naming each bad event and field, and stores nothing of the batch', async () => {
    const d = await world.device('lift');
    const at = new Date().toISOString();
    const res = await post(`Device ${d.key}:${d.secret}`, {
      events: [
        { id: 'ok', type: 'heartbeat', at },
        { id: 'bad-type', type: 'sos.pressed', at },
        { id: 'bad-data', type: 'telemetry', at, data: { floor: 'top' } },
        { id: 'future', type: 'heartbeat', at: new Date(Date.now() + 86_400_000).toISOString() },
        { type: 'heartbeat', at },
      ],
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['body.events.1.type', 'reason.unknown_type'],
      ['body.events.2.data.floor', 'reason.invalid_data'],
      ['body.events.3.at', 'reason.future'],
      ['body.events.4.id', 'reason.malformed'],
    ]);
    expect(await count(d.id)).toBe(0);
    const { rows } = await t.ctx.database.pool.query<{ reason: string; count: string }>(
      'select reason, count from ingest_rejections where device_key = $1 order by reason',
      [d.key],
    );
    expect(rows.map((r) => [r.reason, Number(r.count)])).toEqual([
      ['future', 1],
      ['invalid_data', 1],
      ['malformed', 1],
      ['unknown_type', 1],
    ]);
  });

  it('limits a batch by the rule smart.ingest_limits', async () => {
    const d = await world.device('lift');
    const { rows } = await t.ctx.database.pool.query<{ value: { maxBatchEvents: number } }>(
      `select value from policy_rules where key = 'smart.ingest_limits' order by effective_from desc limit 1`,
    );
    const max = rows[0]!.value.maxBatchEvents;
    const at = new Date().toISOString();
    const events = Array.from({ length: max + 1 }, (_, i) => ({ id: `m-${i}`, type: 'heartbeat', at }));
    const res = await post(`Device ${d.key}:${d.secret}`, { events });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.events');
    expect(await count(d.id)).toBe(0);
    const ok = await post(`Device ${d.key}:${d.secret}`, { events: events.slice(0, max) });
    expect(ok.json()).toEqual({ accepted: max, duplicates: 0 });
  });

  it('takes events a gateway sends for its own children only', async () => {
    const gw = await world.device('gateway');
    const child = await world.device('smoke_detector', { gatewayId: gw.id });
    const stranger = await world.device('smoke_detector');
    const at = new Date().toISOString();
    const refused = await post(`Device ${gw.key}:${gw.secret}`, { events: [{ id: 's', type: 'heartbeat', at, device: stranger.key }] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].path).toBe('body.events.0.device');
    const res = await post(`Device ${gw.key}:${gw.secret}`, {
      events: [
        { id: 'c', type: 'fire.smoke', at, device: child.key, data: { obscurationPercent: 5 } },
        { id: 'g', type: 'heartbeat', at },
      ],
    });
    expect(res.json()).toEqual({ accepted: 2, duplicates: 0 });
    expect([await count(child.id), await count(gw.id), await count(stranger.id)]).toEqual([1, 1, 0]);
  });

  it('tells installers where devices connect (devices.read)', async () => {
    const res = await t.call('GET', '/api/v1/ingest/info', 'property');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ eventTopic: 'renova/d/{key}/events', priorityTopic: 'renova/d/{key}/alert' });
    expect(res.json().mqttUrl).toMatch(/^mqtts?:\/\//);
  });
});
