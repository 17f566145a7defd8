// Lists pushed to gates and barriers as RETAINED messages through the smart community core, on the embedded broker
// (aedes, what `npm start` runs) with real mqtt clients: a barrier that connects after a plate was registered finds the
// plate list waiting; a gate's passage event travels the ingest like any other event, and a single-entry visitor pass
// used at one gate reaches every gate's revocation list.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { startIngest, type IngestRuntime } from '../smart/index.ts';
import { passageWorld, type Device, type PassageWorld } from './fixtures.ts';
import type { PlateList, RevocationList } from './lists.ts';
import { until } from '../../platform/testing/until.ts';

let t: TestApp;
let world: PassageWorld;
let ingest: IngestRuntime;
const clients: MqttClient[] = [];

beforeAll(async () => {
  t = await testApp();
  world = await passageWorld(t);
  ingest = await startIngest(t.ctx, { broker: true, consume: true });
  await until('the ingest subscribed', () => ingest.subscribed());
});
afterAll(async () => {
  await Promise.all(clients.map((c) => new Promise<void>((r) => c.end(true, {}, () => r()))));
  await ingest?.close();
  await t?.close();
});

/** The device's own connection, subscribed to its config topics; what it hears, by topic's last level. */
async function listen(url: string, d: Device) {
  const heard: { name: string; body: unknown; retained: boolean }[] = [];
  const client = mqtt.connect(url, {
    clientId: `${d.key}-test`,
    username: d.key,
    password: d.secret,
    protocolVersion: 4,
    reconnectPeriod: 0,
  });
  clients.push(client);
  client.on('message', (topic, payload, packet) =>
    heard.push({ name: topic.split('/').pop()!, body: JSON.parse(payload.toString()), retained: packet.retain }),
  );
  await new Promise<void>((resolve, reject) => (client.once('connect', () => resolve()), client.once('error', reject)));
  await client.subscribeAsync(`renova/d/${d.key}/config/#`, { qos: 1 });
  return { client, heard };
}

describe('lists pushed to devices (embedded broker)', () => {
  it('keeps the plate list retained: a barrier connecting later gets the latest at once', async () => {
    const barrier = await world.device('barrier');
    const added = await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { compoundId: world.compoundId, plate: '浙A11111' });
    expect(added.statusCode, added.body).toBe(201);
    await t.settled();
    const b = await listen(ingest.broker!.url, barrier);
    const list = await until('the retained plate list', () => b.heard.find((h) => h.name === 'plates' && h.retained));
    const body = list.body as PlateList;
    expect(body.compoundId).toBe(world.compoundId);
    expect(body.plates).toEqual(expect.arrayContaining([{ plate: '浙A11111' }]));
    const { rows } = await t.ctx.database.pool.query(
      "select version, devices, pushed_at from passage_lists where compound_id = $1 and list = 'plates'",
      [world.compoundId],
    );
    expect(rows[0]).toMatchObject({ version: body.version, devices: 1 });
  });

  it('stores a gate’s passage event in the ingest, and a single-entry pass used once is revoked at every gate', async () => {
    const [gate, other] = [await world.device('gate'), await world.device('gate')];
    const watcher = await listen(ingest.broker!.url, other);
    const from = new Date(Date.now() - 60_000).toISOString();
    const until2h = new Date(Date.now() + 2 * 3_600_000).toISOString();
    const pass = (
      await t.call('POST', '/api/v1/me/visitor-passes', 'hemu-resident', {
        compoundId: world.compoundId,
        visitorName: '孙八',
        validFrom: from,
        validUntil: until2h,
        entry: 'single',
      })
    ).json<{ id: string }>();
    const g = await listen(ingest.broker!.url, gate);
    await new Promise<void>((resolve, reject) =>
      g.client.publish(
        `renova/d/${gate.key}/events`,
        JSON.stringify({
          id: 'entry-1',
          type: 'passage.entry',
          at: new Date().toISOString(),
          data: { credentialId: pass.id, kind: 'visitor', result: 'allowed' },
        }),
        { qos: 1 },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    await until('the passage stored', async () => {
      const { rows } = await t.ctx.database.pool.query("select data from device_events where device_id = $1 and type = 'passage.entry'", [
        gate.id,
      ]);
      return rows.length === 1 && rows[0].data.credentialId === pass.id;
    });
    await t.settled();
    const mine = await t.call('GET', '/api/v1/me/visitor-passes', 'hemu-resident');
    expect(mine.json().items.find((p: { id: string }) => p.id === pass.id)).toMatchObject({ status: 'used', entries: 1 });
    const heard = await until('the revocation list at the other gate', () =>
      watcher.heard.find((h) => h.name === 'revocations' && (h.body as RevocationList).revoked.some((r) => r.id === pass.id)),
    );
    expect((heard.body as RevocationList).revoked.find((r) => r.id === pass.id)!.until).toBe(new Date(until2h).toISOString());
  });

  it('pushes the lists to a gate as soon as it is registered, with no change of its own', async () => {
    const issued = await t.call('POST', '/api/v1/access/credentials', 'hemu-resident', { compoundId: world.compoundId });
    expect(issued.statusCode).toBe(201);
    await t.call('POST', '/api/v1/access/credentials/revocation', 'hemu-resident');
    await t.settled();
    const gate = await world.device('gate');
    await t.settled();
    const g = await listen(ingest.broker!.url, gate);
    const list = await until('the retained revocation list at the new gate', () =>
      g.heard.find((h) => h.name === 'revocations' && h.retained),
    );
    const { rows } = await t.ctx.database.pool.query<{ id: string }>(
      'select id from access_credentials where compound_id = $1 and revoked_at is not null and expires_at > now()',
      [world.compoundId],
    );
    expect((list.body as RevocationList).revoked.map((r) => r.id)).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
  });
});
