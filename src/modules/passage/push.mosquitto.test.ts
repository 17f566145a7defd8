// The same retained push on Mosquitto (production's broker), started by the test on a free port with the product's
// own password and ACL files: the worker publishes with the city broker's account (MQTT_URL, MQTT_USERNAME), the ACL
// lets it write config topics and each device read only its own; a gate connecting after a revocation gets the list.
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../platform/testing/net.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { startMosquitto, type TestMosquitto } from '../smart/index.ts';
import { passageWorld, type Device, type PassageWorld } from './fixtures.ts';
import type { RevocationList } from './lists.ts';

let t: TestApp;
let world: PassageWorld;
let mq: TestMosquitto;
const account = { username: `renova-ingest-${randomBytes(3).toString('hex')}`, password: randomBytes(24).toString('base64url') };

beforeAll(async () => {
  const port = await freePort();
  t = await testApp({ MQTT_URL: `mqtt://127.0.0.1:${port}`, MQTT_USERNAME: account.username, MQTT_PASSWORD: account.password });
  world = await passageWorld(t, '门禁测试小区');
  mq = await startMosquitto(t.ctx.database.pool, { port, ingest: account });
});
afterAll(async () => {
  await mq?.close();
  await t?.close();
});

/** Connects as the device, subscribes to `topic`, and resolves with the first message on it (bounded wait). */
async function firstMessage(d: Device, topic: string): Promise<{ body: unknown; retained: boolean }> {
  const client = mqtt.connect(mq.url, {
    clientId: `${d.key}-${randomBytes(2).toString('hex')}`,
    username: d.key,
    password: d.secret,
    protocolVersion: 5,
    reconnectPeriod: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message on ${topic}`)), 20_000);
      client.on('message', (_t, payload, packet) => {
        clearTimeout(timer);
        resolve({ body: JSON.parse(payload.toString()), retained: packet.retain });
      });
      client.once('error', reject);
      client.once('connect', () => void client.subscribeAsync(topic, { qos: 1 }).catch(reject));
    });
  } finally {
    await new Promise<void>((r) => client.end(true, {}, () => r()));
  }
}

describe('lists pushed to devices (Mosquitto)', () => {
  it('publishes the revocation list retained with the city broker’s account; a gate connecting later reads it', async () => {
    const gate = await world.device('gate');
    await mq.sync();
    const issued = await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', { compoundId: world.compoundId });
    expect(issued.statusCode, issued.body).toBe(201);
    const revoked = await t.call('POST', '/api/v1/access/credentials/revocation', 'hemu-resident');
    expect(revoked.json().revoked).toBeGreaterThanOrEqual(1);
    await t.settled();
    const { rows } = await t.ctx.database.pool.query<{ id: string }>(
      'select id from access_credentials where compound_id = $1 and revoked_at is not null',
      [world.compoundId],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const got = await firstMessage(gate, `renova/d/${gate.key}/config/revocations`);
    expect(got.retained).toBe(true);
    const body = got.body as RevocationList;
    expect(body.compoundId).toBe(world.compoundId);
    expect(body.revoked.map((r) => r.id)).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    // Retained, so a second connection reads the same list again.
    expect((await firstMessage(gate, `renova/d/${gate.key}/config/revocations`)).body).toEqual(body);
  });
});
