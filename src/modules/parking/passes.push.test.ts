// Monthly passes reach the barriers: a plate sold a month's pass joins the compound's plate list (pushed retained
// through the embedded broker with real mqtt clients) with the month as its window, and the list is pushed again
// without it once the month is over (the sweep, with the clock moved past the month's end).
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { passageWorld, type Device, type PassageWorld } from '../passage/fixtures.ts';
import { pushEndedWindows, type PlateList } from '../passage/index.ts';
import { startIngest, type IngestRuntime } from '../smart/index.ts';
import { monthWindow, shanghaiDay } from './tariff.ts';
import { until } from '../../platform/testing/until.ts';

let t: TestApp;
let world: PassageWorld;
let ingest: IngestRuntime;
const clients: MqttClient[] = [];

beforeAll(async () => {
  t = await testApp();
  world = await passageWorld(t, '月卡推送小区');
  ingest = await startIngest(t.ctx, { broker: true, consume: true });
  await until('the ingest subscribed', () => ingest.subscribed());
});
afterAll(async () => {
  await Promise.all(clients.map((c) => new Promise<void>((r) => c.end(true, {}, () => r()))));
  await ingest?.close();
  await t?.close();
});

/** The barrier's own connection to its config topics: the plate lists it hears, in order. */
async function barrierListening(d: Device) {
  const lists: PlateList[] = [];
  const client = mqtt.connect(ingest.broker!.url, { clientId: `${d.key}-pass`, username: d.key, password: d.secret, reconnectPeriod: 0 });
  clients.push(client);
  client.on('message', (topic, payload) => {
    if (topic.endsWith('/plates')) lists.push(JSON.parse(payload.toString()) as PlateList);
  });
  await new Promise<void>((resolve, reject) => (client.once('connect', () => resolve()), client.once('error', reject)));
  await client.subscribeAsync(`renova/d/${d.key}/config/#`, { qos: 1 });
  return lists;
}

const month = (offset: number) => {
  const [y, m] = shanghaiDay(Date.now()).slice(0, 7).split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 7);
};

const sell = async (plate: string, m: string, reference: string) => {
  const res = await t.call('POST', `/api/v1/compounds/${world.compoundId}/parking-passes`, 'hemu-worker', {
    plate,
    month: m,
    method: 'wechat',
    reference,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; plate: string }>();
};

describe('monthly passes in the barriers’ plate lists', () => {
  it('pushes a sold pass’s plate with its month, and pushes the list again without it when the month is over', async () => {
    const barrier = await world.device('barrier');
    await t.settled();
    const heard = await barrierListening(barrier);
    const thisMonth = month(0);
    const window = monthWindow(thisMonth);
    await sell('浙D 12345', thisMonth, `pass-now-${Date.now()}`);
    await sell('浙D23456', month(-1), `pass-past-${Date.now()}`);
    await t.settled();

    const withPass = await until('a plate list with the pass', () => heard.findLast((l) => l.plates.some((p) => p.plate === '浙D12345')));
    expect(withPass.compoundId).toBe(world.compoundId);
    expect(withPass.plates.find((p) => p.plate === '浙D12345')).toEqual({
      plate: '浙D12345',
      from: window.from.toISOString(),
      until: window.until.toISOString(),
    });
    // Last month's pass is over already: it never reaches a barrier.
    expect(heard.some((l) => l.plates.some((p) => p.plate === '浙D23456'))).toBe(false);

    // Nothing has ended yet: the sweep pushes nothing.
    expect(await pushEndedWindows(t.ctx, new Date())).toBe(0);
    const after = new Date(window.until.getTime() + 60_000);
    expect(await pushEndedWindows(t.ctx, after)).toBe(1);
    const without = await until('a newer plate list without the pass', () =>
      heard.find((l) => l.version > withPass.version && !l.plates.some((p) => p.plate === '浙D12345')),
    );
    expect(without.at).toBe(after.toISOString());
    // Pushed once: the same moment finds nothing more to push.
    expect(await pushEndedWindows(t.ctx, after)).toBe(0);
  });

  it('lists a plate once when the household also registered it as its own vehicle (no window: it always passes)', async () => {
    const barrier = await world.device('barrier');
    await t.settled();
    const heard = await barrierListening(barrier);
    const added = await t.call('POST', '/api/v1/me/vehicles', 'hemu-resident', { compoundId: world.compoundId, plate: '浙D34567' });
    expect(added.statusCode, added.body).toBe(201);
    await sell('浙D34567', month(0), `pass-own-${Date.now()}`);
    await sell('浙D45678', month(1), `pass-next-${Date.now()}`);
    await t.settled();
    const list = await until('the list with next month’s pass', () => heard.findLast((l) => l.plates.some((p) => p.plate === '浙D45678')));
    expect(list.plates.filter((p) => p.plate === '浙D34567')).toEqual([{ plate: '浙D34567' }]);
    expect(list.plates.find((p) => p.plate === '浙D45678')).toMatchObject({ from: monthWindow(month(1)).from.toISOString() });
  });
});
