// The end-to-end figures of bench:iot, measured beside the telemetry load: an alarm cause published by a device
// (batched lane) and an SOS press (priority lane) until the alarm reaches a duty console's live feed (SSE, as a
// signed-in city account), and a device falling silent until its offline alarm reaches the same feed.
import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import type pg from 'pg';
import { newCredentials } from '../../src/modules/smart/index.ts';
import { sleep } from './run.ts';

export interface ProbeDevice {
  id: string;
  key: string;
  secret: string;
  profile: string;
}

/** Registers `n` devices of each profile in the compound (before the broker's password file is written). */
export async function registerProbes(pool: pg.Pool, compoundId: string, profiles: string[], n: number): Promise<ProbeDevice[]> {
  const out: ProbeDevice[] = [];
  for (const profile of profiles)
    for (let i = 0; i < n; i++) {
      const c = newCredentials();
      const id = randomUUID();
      await pool.query(
        `insert into devices (id, compound_id, community_code, profile, name, key, secret_hash, broker_hash)
         values ($1, $2, '330105004001', $3, $4, $5, $6, $7)`,
        [id, compoundId, profile, `probe-${profile}-${i}`, c.key, c.secretHash, c.brokerHash],
      );
      await pool.query(`insert into device_status (device_id) values ($1)`, [id]);
      out.push({ id, key: c.key, secret: c.secret, profile });
    }
  return out;
}

/** A duty console's live feed: every alarm item it receives, with the time it arrived. */
export class ConsoleFeed {
  readonly received: { at: number; deviceId: string; type: string; op: string }[] = [];
  private abort = new AbortController();

  static async open(baseUrl: string, username: string, password: string): Promise<ConsoleFeed> {
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!login.ok) throw new Error(`sign-in for the feed failed: ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    const feed = new ConsoleFeed();
    const res = await fetch(`${baseUrl}/api/v1/alarms/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: feed.abort.signal,
    });
    if (!res.ok || !res.body) throw new Error(`the alarm stream answered ${res.status}`);
    void feed.read(res.body);
    return feed;
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of body) {
        buf += decoder.decode(chunk, { stream: true });
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (!block.startsWith('event: alarm')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const item = JSON.parse(data.slice(6)) as { deviceId: string; type: string; status: string };
          this.received.push({ at: Date.now(), deviceId: item.deviceId, type: item.type, op: item.status });
        }
      }
    } catch {
      // closed
    }
  }

  /** When the first item of `type` for the device arrived after `since`, if it did. */
  firstAt(deviceId: string, type: string, since: number): number | undefined {
    return this.received.find((r) => r.deviceId === deviceId && r.type === type && r.at >= since)?.at;
  }

  close() {
    this.abort.abort();
  }
}

export async function connectProbes(url: string, devices: ProbeDevice[]): Promise<Map<string, MqttClient>> {
  const clients = new Map<string, MqttClient>();
  await Promise.all(
    devices.map(async (d) => {
      clients.set(
        d.id,
        await mqtt.connectAsync(url, { username: d.key, password: d.secret, clientId: `${d.key}-probe`, protocolVersion: 4 }),
      );
    }),
  );
  return clients;
}

export interface ProbeResult {
  sent: number;
  latencies: number[];
}

/**
 * Publishes one event of `type` per device, `perSecond` devices a second, on the event or the priority topic, and
 * measures publish → the alarm on the feed (each device raises a new alarm: one per device and cause).
 */
export async function probeAlarms(
  feed: ConsoleFeed,
  clients: Map<string, MqttClient>,
  devices: ProbeDevice[],
  opts: { type: string; cause: string; lane: 'events' | 'alert'; perSecond: number; data?: Record<string, unknown> },
): Promise<ProbeResult> {
  const sentAt = new Map<string, number>();
  for (const d of devices) {
    const at = Date.now();
    sentAt.set(d.id, at);
    const body = JSON.stringify({ id: `probe-${randomUUID()}`, type: opts.type, at: new Date(at).toISOString(), data: opts.data ?? {} });
    clients.get(d.id)!.publish(`renova/d/${d.key}/${opts.lane}`, body, { qos: 1 });
    await sleep(1000 / opts.perSecond);
  }
  const deadline = Date.now() + 30_000;
  const latencies = () =>
    devices.flatMap((d) => {
      const got = feed.firstAt(d.id, opts.cause, sentAt.get(d.id)!);
      return got === undefined ? [] : [got - sentAt.get(d.id)!];
    });
  while (latencies().length < devices.length && Date.now() < deadline) await sleep(50);
  return { sent: devices.length, latencies: latencies() };
}

/**
 * Each device says one heartbeat and falls silent; measures how long after its deadline (last seen + heartbeat +
 * grace) its offline alarm reaches the feed. Answers the delays in ms (negative: early).
 */
export async function probeOffline(
  feed: ConsoleFeed,
  clients: Map<string, MqttClient>,
  devices: ProbeDevice[],
  silenceSeconds: number,
  waitSeconds: number,
): Promise<ProbeResult> {
  const deadlineOf = new Map<string, number>();
  for (const d of devices) {
    const at = Date.now();
    deadlineOf.set(d.id, at + silenceSeconds * 1000);
    clients
      .get(d.id)!
      .publish(
        `renova/d/${d.key}/events`,
        JSON.stringify({ id: `hb-${randomUUID()}`, type: 'heartbeat', at: new Date(at).toISOString(), data: {} }),
        {
          qos: 1,
        },
      );
  }
  const until = Date.now() + (silenceSeconds + waitSeconds) * 1000;
  const delays = () =>
    devices.flatMap((d) => {
      const got = feed.firstAt(d.id, 'device.offline', 0);
      return got === undefined ? [] : [got - deadlineOf.get(d.id)!];
    });
  while (delays().length < devices.length && Date.now() < until) await sleep(200);
  return { sent: devices.length, latencies: delays() };
}

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
