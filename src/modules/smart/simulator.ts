// The device simulator (R20 item 9): real MQTT clients that behave like a compound's devices. Each device
// heartbeats at its profile's interval; beyond heartbeats, events flow at the requested rate (telemetry, now and then
// an alarm event: smoke, intrusion, throwing, faults, SOS presses); devices go silent now and then and come back.
// Messages are `{"id","type","at","data"}` published with QoS 1 to the device's topic (SOS and fire to the priority
// topic), ids unique per device across runs. Devices behind a gateway publish through the gateway's connection, so
// many devices need fewer connections. Counts of sent and acknowledged messages are kept for the CLI and the bench.
import mqtt, { type MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import { eventTopic, priorityTopic } from './ingest/topics.ts';
import { PRIORITY_TYPES, type DeviceProfile } from './profiles.ts';
import { alarmTypes, eventData, normalEvent, type Random } from './simulator-payloads.ts';

export interface SimDevice {
  id: string;
  key: string;
  profile: string;
  /** Held in memory only: the secret issued at the simulator's start. Null for devices behind a gateway. */
  secret: string | null;
  /** The gateway whose connection carries this device's messages, if any. */
  gatewayKey: string | null;
}

export interface SentEvent {
  device: SimDevice;
  messageId: string;
  type: string;
  at: Date;
  topic: string;
}

export interface SimulatorOptions {
  url: string;
  devices: readonly SimDevice[];
  profiles: ReadonlyMap<string, DeviceProfile>;
  /** Events per second in all, heartbeats included (heartbeats are sent on time even beyond it). */
  rate: number;
  /** False: `rate` is the events beyond heartbeats (the gentle demo, whose many devices' heartbeats alone exceed it). */
  rateIncludesHeartbeats?: boolean;
  /** From `atSecond`, for `seconds`, the rate is multiplied by `factor`. */
  burst?: { factor: number; atSecond: number; seconds: number } | null;
  /** The share of non-heartbeat events that are alarm events of the device's profile. */
  alarmShare?: number;
  /** An SOS press or a smoke alarm at a random time within this range of seconds, again and again. */
  criticalEverySeconds?: readonly [number, number] | null;
  /** A device goes silent (past its heartbeat and grace, so it is seen offline) at this range of seconds, then speaks again. */
  silentEverySeconds?: readonly [number, number] | null;
  /** Heartbeats on their interval (true) or none at all (a bench measuring only the rate). */
  heartbeats?: boolean;
  /** Every device's first heartbeat within this many seconds (so devices last seen long ago are back at once). */
  firstHeartbeatWithinSeconds?: number;
  random?: Random;
  /** Connections opened at once while connecting. */
  connectConcurrency?: number;
  onSent?: (event: SentEvent) => void;
  log?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

export interface SimulatorStats {
  connections: number;
  connected: number;
  refused: number;
  sent: number;
  acked: number;
  failed: number;
  byType: Record<string, number>;
  seconds: number;
  /** Acknowledged messages per second over the run. */
  ackedPerSecond: number;
}

interface Link {
  key: string;
  client: MqttClient;
  devices: SimDevice[];
}

export class Simulator {
  private readonly links = new Map<string, Link>();
  private readonly linkOf = new Map<string, Link>();
  private readonly seq = new Map<string, number>();
  private readonly silentUntil = new Map<string, number>();
  private readonly wheel = new Map<number, SimDevice[]>();
  private readonly run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  private readonly random: Random;
  private readonly active: SimDevice[];
  private counts = { sent: 0, acked: 0, failed: 0, refused: 0 };
  private byType: Record<string, number> = {};
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private lastTick = 0;
  private wheelSecond = 0;
  private budget = 0;
  private nextCritical = Infinity;
  private nextSilence = Infinity;
  private stopping = false;

  private constructor(private readonly opts: SimulatorOptions) {
    this.random = opts.random ?? Math.random;
    this.active = opts.devices.filter((d) => opts.profiles.has(d.profile) && (d.secret || d.gatewayKey));
  }

  /** Connects every device (or its gateway) and starts sending. */
  static async start(opts: SimulatorOptions, started?: (sim: Simulator) => void): Promise<Simulator> {
    const sim = new Simulator(opts);
    // The caller may stop it while it is still connecting (a server shutting down before the broker answered).
    started?.(sim);
    await sim.connect();
    if (!sim.stopping) sim.begin();
    return sim;
  }

  private async connect(): Promise<void> {
    const byKey = new Map(this.opts.devices.map((d) => [d.key, d]));
    for (const d of this.active) {
      const carrierKey = d.gatewayKey ?? d.key;
      const carrier = byKey.get(carrierKey);
      if (!carrier?.secret) continue;
      let link = this.links.get(carrierKey);
      if (!link) {
        link = { key: carrierKey, client: undefined as unknown as MqttClient, devices: [] };
        this.links.set(carrierKey, link);
      }
      link.devices.push(d);
      this.linkOf.set(d.id, link);
    }
    const pending = [...this.links.values()];
    const concurrency = this.opts.connectConcurrency ?? 100;
    const open = async (link: Link) => {
      const secret = byKey.get(link.key)!.secret!;
      link.client = mqtt.connect(this.opts.url, {
        username: link.key,
        password: secret,
        clientId: `sim-${link.key}`,
        protocolVersion: 4,
        clean: true,
        keepalive: 60,
        reconnectPeriod: 2000,
        connectTimeout: 15_000,
      });
      await new Promise<void>((resolve) => {
        const done = () => {
          link.client.off('connect', done);
          link.client.off('end', done);
          link.client.off('error', refused);
          resolve();
        };
        const refused = (err: Error & { code?: number }) => {
          this.counts.refused++;
          this.opts.log?.warn({ device: link.key, err: err.message }, 'simulated device refused by the broker');
          // Refused credentials (4: bad user name or password, 5: not authorised) are tried again only slowly: no
          // reconnecting storm, yet a broker whose password file catches up with the new secrets is reached.
          if (err.code === 4 || err.code === 5) link.client.options.reconnectPeriod = 30_000;
          done();
        };
        setTimeout(done, 20_000).unref();
        link.client.once('connect', done);
        // Ended while still connecting: the simulator is stopping.
        link.client.once('end', done);
        link.client.once('error', refused);
      });
    };
    for (let i = 0; i < pending.length && !this.stopping; i += concurrency) await Promise.all(pending.slice(i, i + concurrency).map(open));
  }

  private begin(): void {
    this.startedAt = this.lastTick = Date.now();
    this.wheelSecond = Math.floor(this.startedAt / 1000);
    if (this.opts.heartbeats !== false)
      for (const d of this.active) {
        const every = this.opts.profiles.get(d.profile)!.heartbeatSeconds;
        const first = Math.min(every, this.opts.firstHeartbeatWithinSeconds ?? every);
        this.schedule(d, this.startedAt + this.random() * first * 1000);
      }
    this.nextCritical = this.after(this.opts.criticalEverySeconds);
    this.nextSilence = this.after(this.opts.silentEverySeconds);
    this.timer = setInterval(() => this.tick(), 20);
  }

  private after(range: readonly [number, number] | null | undefined): number {
    return range ? Date.now() + (range[0] + this.random() * (range[1] - range[0])) * 1000 : Infinity;
  }

  private schedule(d: SimDevice, at: number) {
    const second = Math.floor(at / 1000);
    const bucket = this.wheel.get(second);
    if (bucket) bucket.push(d);
    else this.wheel.set(second, [d]);
  }

  private rateAt(now: number): number {
    const b = this.opts.burst;
    const s = (now - this.startedAt) / 1000;
    return b && s >= b.atSecond && s < b.atSecond + b.seconds ? this.opts.rate * b.factor : this.opts.rate;
  }

  private tick(): void {
    const now = Date.now();
    this.budget += (this.rateAt(now) * (now - this.lastTick)) / 1000;
    this.lastTick = now;
    // Heartbeats due by now, on time whatever the rate.
    for (const second = Math.floor(now / 1000); this.wheelSecond <= second; this.wheelSecond++) {
      const due = this.wheel.get(this.wheelSecond);
      if (!due) continue;
      this.wheel.delete(this.wheelSecond);
      for (const d of due) {
        const profile = this.opts.profiles.get(d.profile)!;
        if (!this.silent(d, now)) {
          this.send(d, 'heartbeat', eventData(profile, 'heartbeat', this.random));
          if (this.opts.rateIncludesHeartbeats !== false) this.budget--;
        }
        this.schedule(d, Math.max(now, this.silentUntil.get(d.id) ?? 0) + profile.heartbeatSeconds * 1000);
      }
    }
    if (now >= this.nextCritical) {
      this.nextCritical = this.after(this.opts.criticalEverySeconds);
      this.critical(now);
    }
    if (now >= this.nextSilence) {
      this.nextSilence = this.after(this.opts.silentEverySeconds);
      this.silence(now);
    }
    if (!this.active.length) return;
    const share = this.opts.alarmShare ?? 0.002;
    for (; this.budget >= 1; this.budget--) {
      const d = this.active[Math.floor(this.random() * this.active.length)]!;
      if (this.silent(d, now)) continue;
      const profile = this.opts.profiles.get(d.profile)!;
      const alarms = alarmTypes(profile);
      if (alarms.length && this.random() < share) {
        const type = alarms[Math.floor(this.random() * alarms.length)]!;
        this.send(d, type, eventData(profile, type, this.random));
      } else {
        const e = normalEvent(profile, this.random);
        this.send(d, e.type, e.data);
      }
    }
  }

  private silent(d: SimDevice, now: number): boolean {
    const until = this.silentUntil.get(d.id);
    if (until === undefined) return false;
    if (until > now) return true;
    this.silentUntil.delete(d.id);
    return false;
  }

  /** An SOS press or a smoke alarm on a device that can raise one. */
  private critical(now: number) {
    const able = this.active.filter((d) => (d.profile === 'sos_button' || d.profile === 'smoke_detector') && !this.silent(d, now));
    if (!able.length) return;
    const d = able[Math.floor(this.random() * able.length)]!;
    const profile = this.opts.profiles.get(d.profile)!;
    const type = d.profile === 'sos_button' ? 'sos.pressed' : 'fire.smoke';
    this.send(d, type, eventData(profile, type, this.random));
  }

  private silence(now: number) {
    const d = this.active[Math.floor(this.random() * this.active.length)];
    if (!d) return;
    const profile = this.opts.profiles.get(d.profile)!;
    const seconds = profile.heartbeatSeconds + profile.graceSeconds + 30 + this.random() * 60;
    this.silentUntil.set(d.id, now + seconds * 1000);
    this.opts.log?.info({ device: d.key, seconds: Math.round(seconds) }, 'simulated device goes silent');
  }

  /** Publishes one event of a device now; answers what was sent. */
  send(d: SimDevice, type: string, data: Record<string, unknown>): SentEvent | null {
    const link = this.linkOf.get(d.id);
    if (!link) return null;
    const n = (this.seq.get(d.id) ?? 0) + 1;
    this.seq.set(d.id, n);
    const at = new Date();
    const messageId = `${this.run}-${n}`;
    // A device behind a gateway is published on the gateway's own topic, naming itself in `device` (the
    // broker lets a key write only its own topics; the ingest checks the device is registered under that gateway).
    const publisher = d.gatewayKey ?? d.key;
    const topic = PRIORITY_TYPES.has(type) ? priorityTopic(publisher) : eventTopic(publisher);
    const envelope = { id: messageId, type, at: at.toISOString(), data, ...(d.gatewayKey ? { device: d.key } : {}) };
    const payload = JSON.stringify(envelope);
    this.counts.sent++;
    this.byType[type] = (this.byType[type] ?? 0) + 1;
    link.client.publish(topic, payload, { qos: 1 }, (err) => {
      if (err) this.counts.failed++;
      else this.counts.acked++;
    });
    const sent = { device: d, messageId, type, at, topic };
    this.opts.onSent?.(sent);
    return sent;
  }

  stats(): SimulatorStats {
    const seconds = ((this.lastTick || Date.now()) - this.startedAt) / 1000;
    return {
      connections: this.links.size,
      connected: [...this.links.values()].filter((l) => l.client?.connected).length,
      refused: this.counts.refused,
      sent: this.counts.sent,
      acked: this.counts.acked,
      failed: this.counts.failed,
      byType: { ...this.byType },
      seconds,
      ackedPerSecond: seconds > 0 ? Math.round(this.counts.acked / seconds) : 0,
    };
  }

  /** Stops sending, waits (bounded) for the broker to acknowledge what was sent, and disconnects. */
  async stop(drainMs = 10_000): Promise<SimulatorStats> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    const stats = this.stats();
    const deadline = Date.now() + drainMs;
    while (this.counts.acked + this.counts.failed < this.counts.sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    // A client still trying to reach the broker is ended at once; a connected one is given a moment to say goodbye.
    await Promise.all(
      [...this.links.values()].map(
        (l) =>
          new Promise<void>((resolve) => {
            if (!l.client) return resolve();
            setTimeout(resolve, 2_000).unref();
            l.client.end(!l.client.connected, {}, () => resolve());
          }),
      ),
    );
    return {
      ...stats,
      acked: this.counts.acked,
      failed: this.counts.failed,
      ackedPerSecond: stats.seconds > 0 ? Math.round(this.counts.acked / stats.seconds) : 0,
    };
  }
}
