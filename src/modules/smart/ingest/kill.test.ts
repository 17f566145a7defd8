// Acceptance 3 (transport): two ingest PROCESSES (`renova ingest`) in one shared-subscription group on a real
// Mosquitto; one is killed with SIGKILL mid-stream and started again. Its unacknowledged messages wait in its
// persistent session (the same client ids: its slot is free again once its connection died) and come back to
// it; every message id is in the database once, and each pump's faults make one alarm.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../../platform/testing/harness.ts';
import { testSettings } from '../../../platform/testing/settings.ts';
import { smartWorld } from '../fixtures.ts';
import { connectDevice, startMosquitto, until, type TestDevice, type TestMosquitto } from './testing.ts';
import { eventTopic } from './topics.ts';

let t: TestApp;
let broker: TestMosquitto;
const procs: ChildProcess[] = [];
const pumps: { id: string; key: string; secret: string }[] = [];
let lift: { id: string; key: string; secret: string };

function startIngestProcess(): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['bin/renova.mjs', 'ingest'], {
    env: {
      ...process.env,
      ...testSettings,
      DATABASE_URL: t.url,
      LOG_LEVEL: 'info',
      MQTT_URL: broker.url,
      MQTT_USERNAME: broker.ingest.username,
      MQTT_PASSWORD: broker.ingest.password,
      MQTT_SHARE_GROUP: 'killtest',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.push(proc);
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Renova ingest is running')) resolve(proc);
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => reject(new Error(`ingest exited (${code}) before it was ready:\n${out.slice(-2000)}`)));
  });
}

const storedCount = async () =>
  (
    await t.ctx.database.pool.query<{ n: number; ids: number }>(
      `select count(*)::int as n, count(distinct (device_id, message_id))::int as ids from device_events where device_id = any($1::uuid[])`,
      [pumps.map((p) => p.id)],
    )
  ).rows[0]!;

beforeAll(async () => {
  t = await testApp({}, { role: 'api' });
  const world = await smartWorld(t);
  for (let i = 0; i < 8; i++) pumps.push(await world.device('water_pump'));
  lift = await world.device('lift');
  broker = await startMosquitto(t.ctx.database.pool);
});
afterAll(async () => {
  const running = procs.filter((p) => p.exitCode === null && p.signalCode === null);
  await Promise.all(running.map((p) => new Promise((r) => (p.once('exit', r), p.kill('SIGTERM')))));
  await broker?.close();
  await t?.close();
});

describe('an ingest process killed mid-stream', () => {
  it('loses nothing and stores nothing twice', async () => {
    const first = await startIngestProcess();
    await startIngestProcess();
    const devices: TestDevice[] = await Promise.all(pumps.map((p) => connectDevice(broker.url, p.key, p.secret)));
    const rounds = 300;
    const total = rounds * pumps.length;
    let killed = false;
    try {
      const publishing = (async () => {
        for (let r = 0; r < rounds; r++) {
          const at = new Date().toISOString();
          await Promise.all(
            devices.map((d, i) =>
              d.publish(
                eventTopic(pumps[i]!.key),
                // Every tenth message a fault: causes merge into one alarm per pump, counted once per stored event.
                r % 10 === 5
                  ? { id: `m-${r}`, type: 'equipment.fault', at, data: { code: 'E7' } }
                  : { id: `m-${r}`, type: 'telemetry', at, data: { pressureKpa: 300 + (r % 50) } },
              ),
            ),
          );
          await new Promise((res) => setTimeout(res, 10));
        }
      })();
      await until('a fifth stored', async () => (await storedCount()).n >= total / 5, 60_000);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      killed = true;
      const before = (await storedCount()).n;
      expect(before).toBeLessThan(total);
      await startIngestProcess();
      await publishing;
      const done = await until(
        'every message stored',
        async () => {
          const c = await storedCount();
          return c.n >= total && c;
        },
        60_000,
      );
      expect(killed).toBe(true);
      expect(done).toEqual({ n: total, ids: total });
      const { rows } = await t.ctx.database.pool.query<{ device_id: string; n: number }>(
        `select device_id, count(*)::int as n from device_events where device_id = any($1::uuid[]) group by device_id`,
        [pumps.map((p) => p.id)],
      );
      expect(rows.map((r) => r.n)).toEqual(pumps.map(() => rounds));
      // No duplicate alarm: one per pump, its count the faults sent (a redelivered message is not a new event).
      const { rows: open } = await t.ctx.database.pool.query<{ device_id: string; n: number; count: number }>(
        `select device_id, count(*)::int as n, sum(count)::int as count from alarms
         where device_id = any($1::uuid[]) and type = 'equipment.fault' group by device_id`,
        [pumps.map((p) => p.id)],
      );
      expect(open).toHaveLength(pumps.length);
      expect(open.every((a) => a.n === 1 && a.count === rounds / 10)).toBe(true);
    } finally {
      await Promise.all(devices.map((d) => d.close()));
    }
  });

  it('two identical cause events 1 ms apart, through the two ingest processes of one group: one alarm, count 2', async () => {
    // The two processes left running by the test above share the group `killtest`.
    expect(procs.filter((p) => p.exitCode === null && p.signalCode === null)).toHaveLength(2);
    const device = await connectDevice(broker.url, lift.key, lift.secret);
    try {
      const at = new Date();
      const first = device.publish(eventTopic(lift.key), {
        id: 'twin-1',
        type: 'equipment.fault',
        at: at.toISOString(),
        data: { code: 'E9' },
      });
      await new Promise((r) => setTimeout(r, 1));
      const second = device.publish(eventTopic(lift.key), {
        id: 'twin-2',
        type: 'equipment.fault',
        at: new Date(at.getTime() + 1).toISOString(),
        data: { code: 'E9' },
      });
      await Promise.all([first, second]);
      const alarms = await until('both counted', async () => {
        const { rows } = await t.ctx.database.pool.query<{ count: number; status: string }>(
          `select count, status from alarms where device_id = $1 and type = 'equipment.fault'`,
          [lift.id],
        );
        return rows[0]?.count === 2 && rows;
      });
      expect(alarms).toEqual([{ count: 2, status: 'active' }]);
    } finally {
      await device.close();
    }
  });
});
