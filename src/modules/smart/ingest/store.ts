// The database side of the ingest: devices by key (cached briefly), and committing a batch of accepted
// events with the refusals counted beside them. Large batches go through COPY into a session's staging
// table, then one `INSERT … ON CONFLICT DO NOTHING RETURNING` (DESIGN §3: a multi-row insert costs
// PostgreSQL 1.7× the CPU of COPY); only the newly stored events reach the alarm engine, in the same
// transaction, so a redelivered message can neither be stored twice nor counted twice.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { pgArray } from '../../../platform/db/sql.ts';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { ruleAt } from '../../../platform/policy.ts';
import { applyEvents } from '../alarms.engine.ts';
import type { AlarmChange, DeviceEvent } from '../pipeline.ts';
import type { IngestLimits, KnownDevice, RejectReason } from './validate.ts';

export const LIMITS_RULE = 'smart.ingest_limits';
export const limitsAt = async (db: Db | Tx): Promise<IngestLimits> => (await ruleAt<IngestLimits>(db, LIMITS_RULE)).value;

/** A refused message, counted per claimed device key and reason (and on the device's status when it is one). */
export interface Refusal {
  deviceKey: string;
  deviceId?: string;
  reason: RejectReason;
}

const DEVICE_TTL_MS = 10_000;

/**
 * Devices by key for checking events. Entries live ten seconds: a device registered a moment ago is found
 * soon, and a revoked one is refused by the broker at its next connect (the broker's check is never cached).
 */
export class DeviceDirectory {
  private readonly cache = new Map<string, { device: KnownDevice | null; until: number }>();

  constructor(private readonly db: Db) {}

  cached(key: string): KnownDevice | null | undefined {
    const hit = this.cache.get(key);
    return hit && hit.until > Date.now() ? hit.device : undefined;
  }

  /**
   * The devices of these keys (null: unknown or revoked), loading every key not cached in one query. The answer is
   * a snapshot: an entry expiring between loading and use must not read as an unknown device. `db`: the priority
   * lane passes its reserved connection, so an SOS never waits for a connection of the pool the batches use.
   */
  async load(keys: Iterable<string>, db: Db = this.db): Promise<Map<string, KnownDevice | null>> {
    const wanted = [...new Set(keys)];
    const found = new Map<string, KnownDevice | null>();
    const missing: string[] = [];
    for (const k of wanted) {
      const hit = this.cached(k);
      if (hit === undefined) missing.push(k);
      else found.set(k, hit);
    }
    if (!missing.length) return found;
    if (this.cache.size > 200_000) this.cache.clear();
    const rows = await knownDevices(db, missing);
    const until = Date.now() + DEVICE_TTL_MS;
    for (const k of missing) {
      this.cache.set(k, { device: null, until });
      found.set(k, null);
    }
    for (const device of rows) {
      this.cache.set(device.key, { until, device });
      found.set(device.key, device);
    }
    return found;
  }
}

/** Devices not revoked, by key, with what the ingest needs of them (and the secret's hash, for the HTTP check). */
export async function knownDevices(db: Db, keys: readonly string[]): Promise<(KnownDevice & { secretHash: string | null })[]> {
  const { rows } = await db.execute<{
    id: string;
    key: string;
    compound_id: string;
    community_code: string;
    profile: string;
    gateway_id: string | null;
    secret_hash: string | null;
  }>(sql`select id, key, compound_id, community_code, profile, gateway_id, secret_hash from devices
         where key = any(${pgArray(keys)}::text[]) and revoked_at is null`);
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    compoundId: r.compound_id,
    communityCode: r.community_code,
    profile: r.profile,
    gatewayId: r.gateway_id,
    secretHash: r.secret_hash,
  }));
}

export interface Committed {
  inserted: DeviceEvent[];
  duplicates: number;
  changes: AlarmChange[];
}

const COPY_FROM = 16;

// COPY's text format: backslash, tab and line ends escaped; nothing else needs it.
const copyText = (v: string) => v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));

/** The pg client under a drizzle transaction (node-postgres keeps it on the transaction's session). */
function clientOf(tx: Tx): pg.ClientBase {
  const client = (tx as unknown as { session?: { client?: pg.ClientBase } }).session?.client;
  if (!client || typeof client.query !== 'function') throw new Error('not a node-postgres transaction');
  return client;
}

async function insertEvents(tx: Tx, events: readonly DeviceEvent[]): Promise<{ device_id: string; message_id: string; at: Date }[]> {
  if (events.length < COPY_FROM) {
    const { rows } = await tx.execute<{ device_id: string; message_id: string; at: Date }>(sql`
      insert into device_events (device_id, message_id, at, received_at, compound_id, type, data)
      select * from unnest(${pgArray(events.map((e) => e.deviceId))}::uuid[], ${pgArray(events.map((e) => e.messageId))}::text[],
        ${pgArray(events.map((e) => e.at.toISOString()))}::timestamptz[], ${pgArray(events.map((e) => e.receivedAt.toISOString()))}::timestamptz[],
        ${pgArray(events.map((e) => e.compoundId))}::uuid[], ${pgArray(events.map((e) => e.type))}::text[], ${pgArray(events.map((e) => JSON.stringify(e.data)))}::jsonb[])
      on conflict do nothing
      returning device_id, message_id, at`);
    return rows;
  }
  const client = clientOf(tx);
  await client.query(`create temp table if not exists ingest_stage (
      device_id uuid, message_id text, at timestamptz, received_at timestamptz, compound_id uuid, type text, data jsonb
    ) on commit delete rows`);
  const lines = events.map(
    (e) =>
      `${e.deviceId}\t${copyText(e.messageId)}\t${e.at.toISOString()}\t${e.receivedAt.toISOString()}\t${e.compoundId}\t${copyText(e.type)}\t${copyText(JSON.stringify(e.data))}\n`,
  );
  await pipeline(Readable.from([lines.join('')]), client.query(copyFrom('copy ingest_stage from stdin')));
  const { rows } = await client.query<{ device_id: string; message_id: string; at: Date }>(`
    insert into device_events (device_id, message_id, at, received_at, compound_id, type, data)
    select device_id, message_id, at, received_at, compound_id, type, data from ingest_stage
    on conflict do nothing
    returning device_id, message_id, at`);
  return rows;
}

async function countRefusals(tx: Tx, refusals: readonly Refusal[], now: Date): Promise<void> {
  if (!refusals.length) return;
  const byKey = new Map<string, { key: string; reason: string; n: number }>();
  const byDevice = new Map<string, { id: string; reason: string; n: number }>();
  for (const r of refusals) {
    const k = `${r.deviceKey}\n${r.reason}`;
    const a = byKey.get(k) ?? { key: r.deviceKey, reason: r.reason, n: 0 };
    a.n++;
    byKey.set(k, a);
    if (r.deviceId) {
      const d = byDevice.get(r.deviceId) ?? { id: r.deviceId, reason: r.reason, n: 0 };
      d.n++;
      d.reason = r.reason;
      byDevice.set(r.deviceId, d);
    }
  }
  const keys = [...byKey.values()];
  await tx.execute(sql`
    insert into ingest_rejections (device_key, reason, count, last_at)
    select k, r, n, ${now.toISOString()}::timestamptz
    from unnest(${pgArray(keys.map((k) => k.key))}::text[], ${pgArray(keys.map((k) => k.reason))}::text[], ${pgArray(keys.map((k) => k.n))}::int[]) as v(k, r, n)
    order by k, r
    on conflict (device_key, reason) do update set count = ingest_rejections.count + excluded.count, last_at = excluded.last_at`);
  const devs = [...byDevice.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  if (devs.length)
    await tx.execute(sql`
      update device_status s set rejected = s.rejected + v.n, last_rejected_at = ${now.toISOString()}::timestamptz, last_reject_reason = v.r
      from unnest(${pgArray(devs.map((d) => d.id))}::uuid[], ${pgArray(devs.map((d) => d.n))}::int[], ${pgArray(devs.map((d) => d.reason))}::text[]) as v(d, n, r)
      where s.device_id = v.d`);
}

/** The domain event of a stored passage (a gate's or a barrier's `passage.*` event). */
export const PASSAGE_EVENT = 'smart.passage';
const PASSAGE_PREFIX = 'passage.';
export interface PassageEvent {
  deviceId: string;
  compoundId: string;
  profile: string;
  messageId: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}
const passageOf = (e: DeviceEvent): PassageEvent => ({
  deviceId: e.deviceId,
  compoundId: e.compoundId,
  profile: e.profile,
  messageId: e.messageId,
  type: e.type,
  at: e.at.toISOString(),
  data: e.data,
});

const eventKey = (deviceId: string, messageId: string, at: Date) => `${deviceId}\n${messageId}\n${at.getTime()}`;

/**
 * Stores events once each by (device, message id, time), hands only the new ones to the alarm engine in the
 * same transaction, and counts the refusals. Events are ordered by device and time first, so one device's
 * events reach the engine in order and row locks are taken in one order by every process.
 */
export async function commitBatch(
  ctx: AppContext,
  db: Db,
  events: readonly DeviceEvent[],
  refusals: readonly Refusal[],
  now: Date = new Date(),
): Promise<Committed> {
  const sorted = [...events].sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.at.getTime() - b.at.getTime()));
  return db.transaction(async (tx) => {
    const rows = sorted.length ? await insertEvents(tx, sorted) : [];
    const fresh = new Set(rows.map((r) => eventKey(r.device_id, r.message_id, new Date(r.at))));
    // A message repeated inside one batch is stored once; it reaches the engine once too.
    const inserted = sorted.filter((e) => fresh.delete(eventKey(e.deviceId, e.messageId, e.at)));
    const changes = inserted.length ? await applyEvents(ctx, tx, inserted) : [];
    // Passages at gates and barriers are other modules' business (passage, parking): told once each, with the store.
    const passages = inserted.filter((e) => e.type.startsWith(PASSAGE_PREFIX));
    if (passages.length) await ctx.events.recordMany(tx, PASSAGE_EVENT, passages.map(passageOf));
    await countRefusals(tx, refusals, now);
    return { inserted, duplicates: sorted.length - inserted.length, changes };
  });
}
