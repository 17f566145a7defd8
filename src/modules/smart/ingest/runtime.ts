// The ingest in one process: the embedded broker when there is no MQTT_URL (role `all`), two subscribers
// (events, batched; the priority lane, one event per transaction on a reserved connection), and the offline
// timers. Role `api` keeps only the timers, for devices it hears over HTTP.
import { sql } from 'drizzle-orm';
import { pgArray } from '../../../platform/db/sql.ts';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { AppContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { devicesSilent } from '../alarms.engine.ts';
import type { DeviceEvent } from '../pipeline.ts';
import { PRIORITY_TYPES, profilesAt } from '../profiles.ts';
import { startBroker, type EmbeddedBroker } from './broker.ts';
import { startConsumer, type BrokerAccount, type Consumer, type Received } from './consumer.ts';
import { OfflineTimers } from './offline.ts';
import { maintainPartitions } from './partitions.ts';
import { commitBatch, DeviceDirectory, limitsAt, type Refusal } from './store.ts';
import { EVENTS_FILTER, parseTopic, PRIORITY_FILTER } from './topics.ts';
import { checkEnvelope, checkEvent, parsePayload, targetDevice, type Envelope, type IngestLimits } from './validate.ts';

/** A batch is committed at this many events, or this long after its first one. */
export const BATCH_MAX = 2000;
export const BATCH_MS = 20;
const SLOT_LOCK = 7263013;
const MAX_SLOTS = 256;

interface Item {
  recv: Received;
  key: string;
  env?: Envelope;
  refusal?: Refusal;
}

export interface IngestRuntime {
  /** Where devices connect (the embedded broker's address, or MQTT_URL). */
  mqttUrl: string;
  broker?: EmbeddedBroker;
  timers: OfflineTimers;
  /** Stable across restarts: the client ids are `<group>-ingest-<slot>-events|alert`. */
  slot?: number;
  directory: DeviceDirectory;
  /** Messages this process received and events it stored (new ones), since it started. */
  stats: { received: number; stored: number; refused: number };
  /** Every subscriber of this process is connected and subscribed. */
  subscribed(): boolean;
  /** After events of this process committed: their devices' deadlines move. */
  committed(events: readonly DeviceEvent[]): void;
  close(): Promise<void>;
}

const runtimes = new WeakMap<AppContext, IngestRuntime>();
/** The runtime of this context's process, if it ingests (the HTTP endpoint tells its timers). */
export const runtimeOf = (ctx: AppContext) => runtimes.get(ctx);

export interface IngestOptions {
  /** Run the embedded broker (no MQTT_URL; role `all`). */
  broker: boolean;
  /** Subscribe and consume (roles `all` and `ingest`); without, only the timers for HTTP devices. */
  consume: boolean;
  /** The broker and account to consume from, instead of MQTT_URL, MQTT_USERNAME and MQTT_PASSWORD. */
  account?: BrokerAccount;
}

export async function startIngest(ctx: AppContext, opts: IngestOptions): Promise<IngestRuntime> {
  const { env, log } = ctx;
  const directory = new DeviceDirectory(ctx.db);
  const silence = new Map<string, number>();
  const profiles = await profilesAt(ctx.db);
  const silenceOf = (profile: string) => {
    const p = profiles.byCode.get(profile);
    return p ? (p.heartbeatSeconds + p.graceSeconds) * 1000 : 0;
  };
  const timers = new OfflineTimers({
    async deadlines(ids) {
      const { rows } = await ctx.db.execute<{ device_id: string; offline_at: Date }>(
        sql`select device_id, offline_at from device_status where device_id = any(${pgArray(ids)}::uuid[]) and status = 'online' and offline_at is not null`,
      );
      return new Map(rows.map((r) => [r.device_id, new Date(r.offline_at).getTime()]));
    },
    async silent(ids, now) {
      await devicesSilent(ctx, ids, now);
    },
    silenceMs: (id) => silence.get(id) ?? 0,
    onError: (err) => log.error({ message: (err as Error).message }, 'offline timers: the database did not answer'),
  });
  const committed = (events: readonly DeviceEvent[]) => {
    for (const e of events) {
      const ms = silenceOf(e.profile);
      silence.set(e.deviceId, ms);
      timers.set(e.deviceId, e.at.getTime() + ms, true);
    }
  };

  if (opts.consume) {
    await maintainPartitions(ctx);
    const { rows } = await ctx.db.execute<{ device_id: string; offline_at: Date; profile: string }>(sql`
      select s.device_id, s.offline_at, d.profile from device_status s join devices d on d.id = s.device_id
      where s.status = 'online' and s.offline_at is not null`);
    for (const r of rows) {
      silence.set(r.device_id, silenceOf(r.profile));
      timers.set(r.device_id, new Date(r.offline_at).getTime());
    }
  } else timers.brokerUp();

  let broker: EmbeddedBroker | undefined;
  let account: BrokerAccount | undefined;
  if (opts.broker) {
    broker = await startBroker(ctx, { port: env.MQTT_PORT });
    account = { url: broker.url, ...broker.internal, protocolVersion: 4 };
  } else if (opts.consume && opts.account) {
    account = opts.account;
  } else if (opts.consume) {
    if (!env.MQTT_URL) throw new Error('an ingest process needs MQTT_URL (the broker it consumes from)');
    account = { url: env.MQTT_URL, username: env.MQTT_USERNAME ?? '', password: env.MQTT_PASSWORD ?? '', protocolVersion: 5 };
  }
  const mqttUrl =
    broker?.url ?? account?.url ?? env.MQTT_URL ?? `mqtt://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.MQTT_PORT}`;

  let consumers: Consumer[] = [];
  let reserved: pg.Client | undefined;
  let slot: number | undefined;
  let stopping = false;
  let flushTimer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> | undefined;
  let lane: Promise<void> = Promise.resolve();
  let batch: Item[] = [];
  let limits: IngestLimits = await limitsAt(ctx.db);

  const stats = { received: 0, stored: 0, refused: 0 };
  const receive = (priority: (item: Item) => void) => (recv: Received) => {
    stats.received++;
    const t = parseTopic(recv.topic);
    if (!t) return recv.ack();
    const item: Item = { recv, key: t.key };
    const now = new Date();
    const parsed = parsePayload(recv.payload, limits);
    const env = parsed.ok ? checkEnvelope(parsed.value, limits, now) : parsed;
    if (!env.ok) item.refusal = { deviceKey: t.key, reason: env.rejection.reason };
    else item.env = env.value;
    if (item.env && (t.lane === 'alert' || PRIORITY_TYPES.has(item.env.type))) return priority(item);
    batch.push(item);
    if (batch.length >= BATCH_MAX) void flush();
    else flushTimer ??= setTimeout(() => void flush(), BATCH_MS);
  };

  /** Turns received items into events and refusals (devices looked up in one query). */
  const resolve = async (db: Db, items: Item[]): Promise<{ events: DeviceEvent[]; refusals: Refusal[] }> => {
    const keys = new Set<string>();
    for (const i of items) {
      keys.add(i.key);
      if (i.env?.device) keys.add(i.env.device);
    }
    const known = await directory.load(keys, db);
    const events: DeviceEvent[] = [];
    const refusals: Refusal[] = [];
    const now = new Date();
    for (const i of items) {
      const publisher = known.get(i.key) ?? undefined;
      if (i.refusal) {
        refusals.push({ ...i.refusal, ...(publisher ? { deviceId: publisher.id } : {}) });
        continue;
      }
      if (!publisher) {
        refusals.push({ deviceKey: i.key, reason: 'unknown_device' });
        continue;
      }
      const env = i.env!;
      const target = targetDevice(env, publisher, env.device ? (known.get(env.device) ?? undefined) : undefined, profiles);
      if (!target.ok) {
        refusals.push({ deviceKey: i.key, deviceId: publisher.id, reason: target.rejection.reason });
        continue;
      }
      const event = checkEvent(env, target.value, profiles, now);
      if (event.ok) events.push(event.value);
      else refusals.push({ deviceKey: target.value.key, deviceId: target.value.id, reason: event.rejection.reason });
    }
    return { events, refusals };
  };

  const report = (refusals: readonly Refusal[]) => {
    if (!refusals.length) return;
    const counts = new Map<string, number>();
    for (const r of refusals) counts.set(`${r.deviceKey} ${r.reason}`, (counts.get(`${r.deviceKey} ${r.reason}`) ?? 0) + 1);
    // Which device and why, never what it sent.
    for (const [k, n] of counts) {
      const [deviceKey, reason] = k.split(' ');
      log.warn({ deviceKey, reason, count: n }, 'device messages refused');
    }
  };

  const commitItems = async (db: Db, items: Item[]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { events, refusals } = await resolve(db, items);
        const done = await commitBatch(ctx, db, events, refusals);
        for (const i of items) i.recv.ack();
        stats.stored += done.inserted.length;
        stats.refused += refusals.length;
        committed(done.inserted);
        report(refusals);
        return;
      } catch (err) {
        // Not acknowledged: the broker keeps the messages; here they are tried again, in order.
        log.error({ message: (err as Error).message, events: items.length, attempt }, 'ingest batch not committed; retrying');
        if (stopping) return;
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  };

  const flush = (): Promise<void> => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    flushing ??= (async () => {
      while (batch.length && !stopping) {
        const items = batch.slice(0, BATCH_MAX);
        batch = batch.slice(items.length);
        await commitItems(ctx.db, items);
        limits = await limitsAt(ctx.db).catch(() => limits);
      }
    })().finally(() => (flushing = undefined));
    return flushing;
  };

  if (account) {
    // A reserved connection: the priority lane's transactions, and the lock that holds this process's slot.
    reserved = new pg.Client({ connectionString: ctx.database.url });
    await reserved.connect();
    reserved.on('error', (err) => log.error({ message: err.message }, 'priority lane connection lost'));
    for (let n = 0; n < MAX_SLOTS && slot === undefined; n++) {
      const { rows } = await reserved.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', [SLOT_LOCK, n]);
      if (rows[0]!.ok) slot = n;
    }
    if (slot === undefined) throw new Error(`more than ${MAX_SLOTS} ingest processes on one database`);
    const priorityDb = drizzle(reserved) as unknown as Db;
    const priority = (item: Item) => {
      lane = lane.then(() => commitItems(priorityDb, [item]));
    };
    const share = (filter: string) => (account.protocolVersion === 5 ? `$share/${env.MQTT_SHARE_GROUP}/${filter}` : filter);
    const id = (what: string) => `${env.MQTT_SHARE_GROUP}-ingest-${slot}-${what}`;
    const onError = (err: Error) => log.warn({ message: err.message }, 'ingest broker connection');
    consumers = [
      startConsumer(account, {
        clientId: id('events'),
        filter: share(EVENTS_FILTER),
        onMessage: receive(priority),
        onUp: () => timers.brokerUp(),
        onDown: () => timers.brokerDown(),
        onError,
      }),
      startConsumer(account, {
        clientId: id('alert'),
        filter: share(PRIORITY_FILTER),
        onMessage: receive(priority),
        onUp: () => undefined,
        onDown: () => undefined,
        onError,
      }),
    ];
  }

  const runtime: IngestRuntime = {
    mqttUrl,
    broker,
    timers,
    slot,
    directory,
    stats,
    subscribed: () => consumers.length > 0 && consumers.every((c) => c.subscribed()),
    committed,
    async close() {
      // Commit what has arrived, then leave: the broker keeps anything still unacknowledged for our session.
      await flush();
      await lane;
      stopping = true;
      timers.close();
      await Promise.all(consumers.map((c) => c.close()));
      await broker?.close();
      await reserved?.end().catch(() => undefined);
      if (runtimes.get(ctx) === runtime) runtimes.delete(ctx);
    },
  };
  runtimes.set(ctx, runtime);
  return runtime;
}
