// The simulator against the product's own ingest on the embedded broker (what `npm start` runs): every message the
// simulator sent and the broker acknowledged is in device_events once, under its device and message id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { startIngest, type IngestRuntime } from './ingest/runtime.ts';
import { until } from './ingest/testing.ts';
import { profilesAt } from './profiles.ts';
import { prepareSimulatedDevices } from './simulator-devices.ts';
import { runSimulation } from './simulator-run.ts';
import { Simulator, type SentEvent } from './simulator.ts';

describe('the simulator through the ingest', () => {
  let t: TestApp;
  let ingest: IngestRuntime;
  beforeAll(async () => {
    t = await testApp();
    ingest = await startIngest(t.ctx, { broker: true, consume: true });
  });
  afterAll(async () => {
    await ingest?.close();
    await t?.close();
  });

  it('has every acknowledged message stored once, SOS and smoke included', async () => {
    const devices = await prepareSimulatedDevices(t.ctx, { compounds: 2, devices: 24 });
    const sent: SentEvent[] = [];
    const sim = await Simulator.start({
      url: ingest.broker!.url,
      devices,
      profiles: (await profilesAt(t.ctx.db)).byCode,
      rate: 300,
      alarmShare: 0.02,
      criticalEverySeconds: [0.1, 0.2],
      onSent: (e) => sent.push(e),
    });
    expect(sim.stats()).toMatchObject({ connected: 24, refused: 0 });
    await until('400 messages sent', () => sim.stats().sent >= 400);
    const stats = await sim.stop();
    expect(stats.acked).toBe(stats.sent);
    const ids = devices.map((d) => d.id);
    const rows = await until('every message stored', async () => {
      const { rows } = await t.ctx.database.pool.query<{ device_id: string; message_id: string; type: string }>(
        'select device_id, message_id, type from device_events where device_id = any($1::uuid[])',
        [ids],
      );
      return rows.length >= sent.length && rows;
    });
    expect(rows).toHaveLength(sent.length);
    expect(new Set(rows.map((r) => `${r.device_id}/${r.message_id}`))).toEqual(new Set(sent.map((e) => `${e.device.id}/${e.messageId}`)));
    expect(rows.some((r) => r.type === 'sos.pressed' || r.type === 'fire.smoke')).toBe(true);
    const { rows: online } = await t.ctx.database.pool.query<{ n: number }>(
      `select count(*)::int as n from device_status where device_id = any($1::uuid[]) and status = 'online'`,
      [ids],
    );
    expect(online[0]!.n).toBeGreaterThan(0);
  });

  it('runs for a duration as `renova simulate` does, the burst sending more, and says so when nothing can connect', async () => {
    const plain = await runSimulation(t.ctx, { compounds: 2, devices: 10, rate: 100, durationSeconds: 1.5, url: ingest.broker!.url });
    expect(plain.acked).toBe(plain.sent);
    const burst = await runSimulation(t.ctx, {
      compounds: 2,
      devices: 10,
      rate: 100,
      durationSeconds: 1.5,
      burst: true,
      url: ingest.broker!.url,
    });
    expect(burst.acked).toBe(burst.sent);
    // A third of the run at three times the rate: about 5/3 of the plain run's events.
    expect(burst.sent).toBeGreaterThan(plain.sent * 1.3);
    await expect(
      runSimulation(t.ctx, { compounds: 1, devices: 2, rate: 10, durationSeconds: 1, url: 'mqtt://127.0.0.1:1' }),
    ).rejects.toThrow('is the broker running?');
  });
});
