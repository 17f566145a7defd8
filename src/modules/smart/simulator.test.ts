import { Aedes, type AuthenticateError } from 'aedes';
import { eq, inArray } from 'drizzle-orm';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { prng } from '../../platform/random.ts';
import { secretMatches } from './credentials.ts';
import { smartWorld } from './fixtures.ts';
import { profilesAt, type ProfileSet } from './profiles.ts';
import { devices } from './schema.ts';
import { prepareSimulatedDevices, rotateSimulatorSecrets, SIMULATOR_VENDOR } from './simulator-devices.ts';
import { eventData, normalEvent, triggersRule } from './simulator-payloads.ts';
import { startDemoSimulator } from './simulator-run.ts';
import { Simulator, type SimDevice } from './simulator.ts';

const seeded = (n: number) => {
  const p = prng(n);
  return () => p.next();
};

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('simulated payloads', () => {
  let profiles: ProfileSet;
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
    profiles = await profilesAt(t.ctx.db);
  });
  afterAll(() => t.close());

  it('keeps normal readings clear of every threshold rule and every field within its bounds', () => {
    const r = seeded(7);
    for (const profile of profiles.byCode.values()) {
      for (let i = 0; i < 300; i++) {
        const e = normalEvent(profile, r);
        expect(triggersRule(profile, e.type, e.data), `${profile.code} ${JSON.stringify(e)}`).toBe(false);
        const spec = profile.eventTypes.find((x) => x.type === e.type)!;
        for (const [name, field] of Object.entries(spec.data)) {
          const v = e.data[name];
          if (field.type === 'integer') expect(Number.isInteger(v)).toBe(true);
          if (typeof v === 'number') expect(v).toBeGreaterThanOrEqual(field.min ?? -Infinity);
          if (typeof v === 'number') expect(v).toBeLessThanOrEqual(field.max ?? Infinity);
          if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(field.maxLength ?? Infinity);
        }
      }
    }
  });
  it('gives alarm events the fields their rules read', () => {
    const smoke = profiles.byCode.get('smoke_detector')!;
    expect(eventData(smoke, 'fire.smoke', seeded(1))).toHaveProperty('obscurationPercent');
    const watch = profiles.byCode.get('keyperson_camera')!;
    expect(eventData(watch, 'keyperson.match', seeded(1))).toHaveProperty('vendorRef');
  });
});

describe('the simulator over a real MQTT broker (embedded aedes)', () => {
  let t: TestApp;
  let broker: Aedes;
  let server: Server;
  let url: string;
  let profiles: ProfileSet;
  const received: { username: string; topic: string; body: { id: string; type: string; at: string; data: object } }[] = [];
  // What the ingest's broker hook does: the key's secret checked against its hash; a device publishes only to its own
  // topics, a gateway also to those of the devices it carries.
  const gatewayOf = new Map<string, string>();

  beforeAll(async () => {
    t = await testApp();
    profiles = await profilesAt(t.ctx.db);
    broker = await Aedes.createBroker({
      authenticate(_client, username, password, done) {
        t.ctx.db
          .select()
          .from(devices)
          .where(eq(devices.key, username ?? ''))
          .then(
            ([d]) => {
              if (d && secretMatches(password?.toString() ?? '', d.secretHash)) return done(null, true);
              const err = new Error('refused') as AuthenticateError;
              err.returnCode = 4;
              done(err, false);
            },
            (e: unknown) => done(e as AuthenticateError, false),
          );
      },
      authorizePublish(client, packet, done) {
        const m = /^renova\/d\/([\w-]+)\/(events|alert)$/.exec(packet.topic);
        const who = client?.id.replace(/^sim-/, '');
        if (m && m[1] === who) {
          received.push({ username: who!, topic: packet.topic, body: JSON.parse(packet.payload.toString()) });
          return done(null);
        }
        done(new Error('not your topic'));
      },
    });
    server = createServer(broker.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => broker.close(() => r()));
    await new Promise<void>((r) => server.close(() => r()));
    await t.close();
  });

  it('registers its devices once, reuses them, and re-issues their secrets at each start', async () => {
    const first = await prepareSimulatedDevices(t.ctx, { compounds: 3, devices: 10 });
    expect(first).toHaveLength(10);
    const again = await prepareSimulatedDevices(t.ctx, { compounds: 3, devices: 10 });
    expect(again.map((d) => d.id).sort()).toEqual(first.map((d) => d.id).sort());
    const rows = await t.ctx.db
      .select()
      .from(devices)
      .where(
        inArray(
          devices.id,
          again.map((d) => d.id),
        ),
      );
    expect(rows.every((r) => r.vendor === SIMULATOR_VENDOR)).toBe(true);
    for (const d of again) expect(secretMatches(d.secret!, rows.find((r) => r.id === d.id)!.secretHash)).toBe(true);
    for (const d of first) expect(secretMatches(d.secret!, rows.find((r) => r.id === d.id)!.secretHash)).toBe(false);
    expect(new Set(rows.map((r) => r.compoundId)).size).toBe(3);
  });

  it('never rotates the secret of a device of another vendor', async () => {
    const world = await smartWorld(t);
    const real = await world.device('smoke_detector', { vendor: '海康威视' });
    const [row] = await t.ctx.db.select().from(devices).where(eq(devices.id, real.id));
    expect(await rotateSimulatorSecrets(t.ctx.db, [row!])).toEqual([]);
    const [after] = await t.ctx.db.select().from(devices).where(eq(devices.id, real.id));
    expect(secretMatches(real.secret, after!.secretHash)).toBe(true);
  });

  it('publishes QoS 1 messages the broker acknowledges, each id once per device, SOS and fire on the priority topic', async () => {
    received.length = 0;
    const simDevices = await prepareSimulatedDevices(t.ctx, { compounds: 2, devices: 16 });
    const sim = await Simulator.start({
      url,
      devices: simDevices,
      profiles: profiles.byCode,
      rate: 400,
      alarmShare: 0.05,
      criticalEverySeconds: [0.05, 0.1],
      random: seeded(3),
    });
    expect(sim.stats()).toMatchObject({ connections: 16, connected: 16, refused: 0 });
    await until(
      '300 messages sent and some SOS or smoke alarms',
      () => sim.stats().sent >= 300 && received.some((m) => m.topic.endsWith('/alert')),
    );
    const stats = await sim.stop();
    expect(stats.failed).toBe(0);
    expect(stats.acked).toBe(stats.sent);
    expect(received).toHaveLength(stats.sent);
    const seen = new Set(received.map((m) => `${m.username}/${m.body.id}`));
    expect(seen.size).toBe(received.length);
    for (const m of received) {
      expect(Object.keys(m.body).sort()).toEqual(['at', 'data', 'id', 'type']);
      expect(m.topic.endsWith('/alert')).toBe(m.body.type === 'sos.pressed' || m.body.type === 'fire.smoke');
      expect(Math.abs(Date.parse(m.body.at) - Date.now())).toBeLessThan(60_000);
    }
    const types = new Set(received.map((m) => m.body.type));
    expect(types.has('heartbeat') || types.has('telemetry')).toBe(true);
    expect(types.has('sos.pressed') || types.has('fire.smoke')).toBe(true);
  });

  it('carries many devices over fewer connections through gateways', async () => {
    received.length = 0;
    const simDevices = await prepareSimulatedDevices(t.ctx, { compounds: 1, devices: 40, perConnection: 4 });
    // The broker of this test learns which gateway carries which device (the ingest reads gateway_id).
    const byId = new Map(simDevices.map((d) => [d.id, d]));
    for (const d of simDevices) if (d.gatewayKey) gatewayOf.set(d.key, d.gatewayKey);
    const carried = simDevices.filter((d) => d.gatewayKey);
    expect(carried.length).toBeGreaterThanOrEqual(20);
    const sim = await Simulator.start({ url, devices: simDevices, profiles: profiles.byCode, rate: 500, random: seeded(5) });
    expect(sim.stats().connections).toBeLessThanOrEqual(Math.ceil(simDevices.length / 2));
    await until('messages of carried devices', () => sim.stats().sent >= 300);
    const stats = await sim.stop();
    expect(stats.acked).toBe(stats.sent);
    // A carried device's message goes on its gateway's own topic and names the device it is about.
    const viaGateway = received.filter((m) => (m.body as { device?: string }).device !== undefined);
    expect(viaGateway.length).toBeGreaterThan(0);
    for (const m of viaGateway) {
      expect(m.topic.split('/')[2]).toBe(m.username);
      expect(gatewayOf.get((m.body as { device?: string }).device!)).toBe(m.username);
    }
    expect(byId.size).toBe(simDevices.length);
  });

  it('is refused at the broker with a secret that is no longer valid', async () => {
    const stale: SimDevice[] = await prepareSimulatedDevices(t.ctx, { compounds: 1, devices: 2 });
    await prepareSimulatedDevices(t.ctx, { compounds: 1, devices: 2 }); // re-issued: the first secrets are stale
    const sim = await Simulator.start({ url, devices: stale, profiles: profiles.byCode, rate: 10 });
    expect(sim.stats()).toMatchObject({ connected: 0, refused: 2 });
    await sim.stop(0);
  });

  it('runs gently on the demo devices when SIMULATOR is on, and stops cleanly, with or without a broker', async () => {
    received.length = 0;
    const on = { ...t.ctx, env: { ...t.ctx.env, SIMULATOR: true } };
    expect(await startDemoSimulator(t.ctx, url)).toBeNull(); // the setting is off in tests
    const demo = await startDemoSimulator(on, url);
    expect(demo).not.toBeNull();
    await until('a heartbeat from a demo device', () => received.some((m) => m.body.type === 'heartbeat'));
    await demo!.stop();

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const nowhere = `mqtt://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    const stranded = await startDemoSimulator(on, nowhere);
    const started = Date.now();
    await stranded!.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
