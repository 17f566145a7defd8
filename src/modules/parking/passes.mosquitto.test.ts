// A monthly pass reaches a barrier through Mosquitto (production's broker), started by the test on a free port with
// the product's own password and ACL files: a barrier connecting after the pass was sold reads the retained plate list
// with the plate and its month.
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../platform/testing/net.ts';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { passageWorld, type Device, type PassageWorld } from '../passage/fixtures.ts';
import type { PlateList } from '../passage/index.ts';
import { startMosquitto, type TestMosquitto } from '../smart/index.ts';
import { monthWindow, shanghaiDay } from './tariff.ts';

let t: TestApp;
let world: PassageWorld;
let mq: TestMosquitto;
const account = { username: `renova-ingest-${randomBytes(3).toString('hex')}`, password: randomBytes(24).toString('base64url') };

beforeAll(async () => {
  const port = await freePort();
  t = await testApp({ MQTT_URL: `mqtt://127.0.0.1:${port}`, MQTT_USERNAME: account.username, MQTT_PASSWORD: account.password });
  world = await passageWorld(t, '月卡道闸小区');
  mq = await startMosquitto(t.ctx.database.pool, { port, ingest: account });
});
afterAll(async () => {
  await mq?.close();
  await t?.close();
});

/** Connects as the device and resolves with the first retained plate list holding `plate` (bounded wait). */
async function retainedListWith(d: Device, plate: string): Promise<PlateList> {
  const client = mqtt.connect(mq.url, {
    clientId: `${d.key}-${randomBytes(2).toString('hex')}`,
    username: d.key,
    password: d.secret,
    reconnectPeriod: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no plate list with the plate')), 20_000);
      client.on('message', (_t, payload, packet) => {
        const body = JSON.parse(payload.toString()) as PlateList;
        if (!packet.retain || !body.plates.some((p) => p.plate === plate)) return;
        clearTimeout(timer);
        resolve(body);
      });
      client.once('error', reject);
      client.once('connect', () => void client.subscribeAsync(`renova/d/${d.key}/config/plates`, { qos: 1 }).catch(reject));
    });
  } finally {
    await new Promise<void>((r) => client.end(true, {}, () => r()));
  }
}

describe('monthly passes pushed to barriers (Mosquitto)', () => {
  it('a barrier connecting after a pass was sold reads the plate with its month, retained', async () => {
    const barrier = await world.device('barrier');
    await mq.sync();
    const month = shanghaiDay(Date.now()).slice(0, 7);
    const sold = await t.call('POST', `/api/v1/compounds/${world.compoundId}/parking-passes`, 'hemu-worker', {
      plate: '浙E12345',
      month,
      method: 'cash',
      reference: `mq-${randomBytes(3).toString('hex')}`,
    });
    expect(sold.statusCode, sold.body).toBe(201);
    await t.settled();
    const list = await retainedListWith(barrier, '浙E12345');
    expect(list.compoundId).toBe(world.compoundId);
    const w = monthWindow(month);
    expect(list.plates.find((p) => p.plate === '浙E12345')).toEqual({
      plate: '浙E12345',
      from: w.from.toISOString(),
      until: w.until.toISOString(),
    });
  });
});
