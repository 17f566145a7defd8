// Applies accepted events to each device's status and rule state, raising and clearing alarms.
// The ingest calls applyEvents in the transaction that stores the events; the offline timers call devicesSilent.
//
// Order: each device's status row is locked (FOR UPDATE, in device-id order so two batches never deadlock)
// before its rule state is read, so the events of one device are evaluated one batch after the other
// whichever ingest process received them. One open alarm per (device, cause) is the database's: the
// partial unique index `alarms_open_uq`; a raise that meets an open alarm merges into it and counts.
import { sql } from 'drizzle-orm';
import { pgArray } from '../../platform/db/sql.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { systemNote } from './alarms.service.ts';
import { firstEscalation, notifyRaised, scheduleEscalation, slaAt, type AlarmSla } from './escalation.ts';
import type { AlarmChange, DeviceEvent } from './pipeline.ts';
import { profilesAt, type DeviceProfile, type ProfileSet } from './profiles.ts';
import { evaluate, noDataRule, readState, type AlarmAction, type RuleState } from './rules.ts';
import type { Severity } from './schema.ts';

export const OFFLINE_CAUSE = 'device.offline';

type StatusRow = {
  device_id: string;
  status: 'online' | 'offline' | 'never';
  /** Raw rows may carry timestamps as text (drizzle's parsers): read through `new Date`. */
  last_seen_at: Date | string | null;
  rule_state: unknown;
};

interface Raise {
  deviceId: string;
  compoundId: string;
  communityCode: string;
  cause: string;
  rule: string;
  severity: Severity;
  restricted: boolean;
  at: Date;
  detail: Record<string, unknown>;
}

/** Marks each device seen at its latest event, moves its offline deadline, and runs its rules over the events. */
export async function applyEvents(ctx: AppContext, tx: Tx, events: readonly DeviceEvent[]): Promise<AlarmChange[]> {
  if (!events.length) return [];
  const profiles = await profilesAt(ctx.db);
  const byDevice = new Map<string, DeviceEvent[]>();
  for (const e of events) {
    const list = byDevice.get(e.deviceId);
    if (list) list.push(e);
    else byDevice.set(e.deviceId, [e]);
  }
  const ids = [...byDevice.keys()].sort();
  const lock = () =>
    tx.execute<StatusRow>(sql`
      select device_id, status, last_seen_at, rule_state from device_status
      where device_id = any(${pgArray(ids)}::uuid[]) order by device_id for update`);
  let locked = await lock();
  if (locked.rows.length < ids.length) {
    // A device registered without its status row still gets one (in order, like the locks).
    await tx.execute(sql`
      insert into device_status (device_id) select unnest(${pgArray(ids)}::uuid[]) order by 1 on conflict (device_id) do nothing`);
    locked = await lock();
  }
  const rows = new Map(locked.rows.map((r) => [r.device_id, r]));

  const seen: { id: string; at: string; silence: number; state: RuleState | null }[] = [];
  const raises: Raise[] = [];
  const clears: { deviceId: string; cause: string; at: Date; note: string }[] = [];
  for (const id of ids) {
    const list = byDevice.get(id)!;
    const first = list[0]!;
    const profile = profiles.byCode.get(first.profile);
    const row = rows.get(id);
    let latest = first.at;
    for (const e of list) if (e.at > latest) latest = e.at;
    const before = row?.last_seen_at ? new Date(row.last_seen_at) : null;
    // A device heard from again after going silent: its offline alarm ends.
    if (row?.status === 'offline') clears.push({ deviceId: id, cause: OFFLINE_CAUSE, at: latest, note: systemNote('note.device_back') });
    let state: RuleState | null = null;
    if (profile) {
      const out = evaluate(profile, readState(row?.rule_state), list);
      if (out.actions.length || JSON.stringify(out.state) !== JSON.stringify(readState(row?.rule_state))) state = out.state;
      for (const a of out.actions) collect(a, first, raises, clears);
    }
    const newest = before && before > latest ? before : latest;
    seen.push({ id, at: newest.toISOString(), silence: profile ? profile.heartbeatSeconds + profile.graceSeconds : 0, state });
  }

  await tx.execute(sql`
    update device_status set
      status = 'online',
      last_seen_at = v.a,
      offline_at = v.a + make_interval(secs => v.s),
      rule_state = coalesce(v.st, device_status.rule_state)
    from unnest(${pgArray(seen.map((s) => s.id))}::uuid[], ${pgArray(seen.map((s) => s.at))}::timestamptz[], ${pgArray(seen.map((s) => s.silence))}::int[],
                ${pgArray(seen.map((s) => (s.state ? JSON.stringify(s.state) : null)))}::jsonb[]) as v(d, a, s, st)
    where device_status.device_id = v.d`);
  return writeAlarms(ctx, tx, profiles, raises, clears);
}

function collect(a: AlarmAction, e: DeviceEvent, raises: Raise[], clears: { deviceId: string; cause: string; at: Date; note: string }[]) {
  if (a.kind === 'raise')
    raises.push({
      deviceId: e.deviceId,
      compoundId: e.compoundId,
      communityCode: e.communityCode,
      cause: a.cause,
      rule: a.rule,
      severity: a.severity,
      restricted: a.restricted,
      at: a.at,
      detail: a.detail,
    });
  else clears.push({ deviceId: e.deviceId, cause: a.cause, at: a.at, note: systemNote('note.cleared_by_rule') });
}

type Clear = { deviceId: string; cause: string; at: Date; note: string };

/**
 * Writes raises and clears in the order they happened per (device, cause): a batch may hold a raise, its
 * clear and a new raise of one cause. Each round takes the next step of every cause, so the usual batch is one round.
 */
async function writeAlarms(ctx: AppContext, tx: Tx, profiles: ProfileSet, raises: Raise[], clears: Clear[]): Promise<AlarmChange[]> {
  if (!raises.length && !clears.length) return [];
  const sequences = new Map<string, (Raise[] | Clear)[]>();
  const push = (key: string, item: Raise | Clear, isRaise: boolean) => {
    const seq = sequences.get(key) ?? [];
    const last = seq[seq.length - 1];
    if (isRaise && Array.isArray(last)) last.push(item as Raise);
    else seq.push(isRaise ? [item as Raise] : (item as Clear));
    sequences.set(key, seq);
  };
  // Clears are listed with the raises by time, so that order survives the split.
  const all = [...raises.map((r) => ({ r, at: r.at, raise: true })), ...clears.map((c) => ({ r: c, at: c.at, raise: false }))];
  all.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.raise === b.raise ? 0 : a.raise ? 1 : -1));
  for (const x of all) push(`${x.r.deviceId}|${x.r.cause}`, x.r, x.raise);
  const sla = await slaAt(ctx.db);
  const changes: AlarmChange[] = [];
  for (let round = 0; ; round++) {
    const groups: Raise[][] = [];
    const cl: Clear[] = [];
    for (const seq of sequences.values()) {
      const step = seq[round];
      if (!step) continue;
      if (Array.isArray(step)) groups.push(step);
      else cl.push(step);
    }
    if (!groups.length && !cl.length) return changes;
    if (cl.length) changes.push(...(await clearAlarms(tx, cl)));
    if (groups.length) changes.push(...(await raiseAlarms(ctx, tx, profiles, sla, groups)));
  }
}

type AlarmReturn = {
  id: string;
  device_id: string;
  compound_id: string;
  community_code: string;
  type: string;
  severity: Severity;
  inserted: boolean;
  escalate_at: Date | null;
  level: string;
};

/** One statement for the batch: new alarms are inserted, raises of an open cause merge into it and count. */
async function raiseAlarms(ctx: AppContext, tx: Tx, profiles: ProfileSet, sla: AlarmSla, groups: Raise[][]): Promise<AlarmChange[]> {
  const rows = groups.map((g) => {
    const first = g[0]!;
    const last = g[g.length - 1]!;
    return {
      ...first,
      id: uuidv7(),
      n: g.length,
      lastAt: last.at,
      detail: last.detail,
      // Watch-list alerts are public security's alone: the duty levels they would climb may not read them.
      escalateAt: first.restricted ? null : firstEscalation(sla, first.severity, first.at),
    };
  });
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const { rows: out } = await tx.execute<AlarmReturn>(sql`
    insert into alarms (id, device_id, compound_id, community_code, type, rule, rule_version, severity, count,
                        first_at, last_at, restricted, detail, escalate_at)
    select * from unnest(
      ${pgArray(col((r) => r.id))}::uuid[], ${pgArray(col((r) => r.deviceId))}::uuid[], ${pgArray(col((r) => r.compoundId))}::uuid[],
      ${pgArray(col((r) => r.communityCode))}::text[], ${pgArray(col((r) => r.cause))}::text[], ${pgArray(col((r) => r.rule))}::text[],
      ${pgArray(col(() => profiles.version))}::text[], ${pgArray(col((r) => r.severity))}::text[], ${pgArray(col((r) => r.n))}::int[],
      ${pgArray(col((r) => r.at.toISOString()))}::timestamptz[], ${pgArray(col((r) => r.lastAt.toISOString()))}::timestamptz[],
      ${pgArray(col((r) => (r.restricted ? 'keyperson' : 'no')))}::text[], ${pgArray(col((r) => JSON.stringify(r.detail)))}::jsonb[],
      ${pgArray(col((r) => r.escalateAt?.toISOString() ?? null))}::timestamptz[])
    order by 2, 5
    on conflict (device_id, type) where status <> 'cleared' do update set
      count = alarms.count + excluded.count,
      last_at = greatest(alarms.last_at, excluded.last_at),
      detail = case when excluded.last_at >= alarms.last_at then excluded.detail else alarms.detail end
    returning id, device_id, compound_id, community_code, type, severity, level, (xmax = 0) as inserted, escalate_at`);
  const byKey = new Map(rows.map((r) => [`${r.deviceId}|${r.cause}`, r]));
  const steps = out.map((a) => {
    const r = byKey.get(`${a.device_id}|${a.type}`)!;
    return { alarmId: a.id, action: a.inserted ? 'raised' : 'repeated', at: (a.inserted ? r.at : r.lastAt).toISOString(), level: a.level };
  });
  await tx.execute(sql`
    insert into alarm_steps (id, alarm_id, action, at, level)
    select * from unnest(${pgArray(steps.map(() => uuidv7()))}::uuid[], ${pgArray(steps.map((s) => s.alarmId))}::uuid[],
      ${pgArray(steps.map((s) => s.action))}::text[], ${pgArray(steps.map((s) => s.at))}::timestamptz[], ${pgArray(steps.map((s) => s.level))}::text[])`);
  for (const a of out)
    if (a.inserted && a.escalate_at) {
      await scheduleEscalation(ctx, tx, a.id, new Date(a.escalate_at));
      await notifyRaised(ctx, tx, sla, a.id, a.severity);
    }
  return out.map((a) => ({
    alarmId: a.id,
    deviceId: a.device_id,
    compoundId: a.compound_id,
    communityCode: a.community_code,
    type: a.type,
    severity: a.severity,
    change: a.inserted ? ('raised' as const) : ('repeated' as const),
  }));
}

async function clearAlarms(tx: Tx, cl: Clear[]): Promise<AlarmChange[]> {
  const { rows } = await tx.execute<Omit<AlarmReturn, 'inserted' | 'escalate_at'> & { note: string; at: Date }>(sql`
    update alarms set status = 'cleared', cleared_at = v.at, escalate_at = null
    from unnest(${pgArray(cl.map((c) => c.deviceId))}::uuid[], ${pgArray(cl.map((c) => c.cause))}::text[], ${pgArray(cl.map((c) => c.at.toISOString()))}::timestamptz[],
                ${pgArray(cl.map((c) => c.note))}::text[]) as v(d, c, at, n)
    where alarms.device_id = v.d and alarms.type = v.c and alarms.status <> 'cleared'
    returning alarms.id, alarms.device_id, alarms.compound_id, alarms.community_code, alarms.type, alarms.severity, alarms.level, v.n as note, v.at`);
  if (rows.length)
    await tx.execute(sql`
      insert into alarm_steps (id, alarm_id, action, at, level, note)
      select v.id, v.alarm, 'cleared', v.at, v.level, v.note
      from unnest(${pgArray(rows.map(() => uuidv7()))}::uuid[], ${pgArray(rows.map((r) => r.id))}::uuid[], ${pgArray(rows.map((r) => new Date(r.at).toISOString()))}::timestamptz[],
                  ${pgArray(rows.map((r) => r.level))}::text[], ${pgArray(rows.map((r) => r.note))}::text[]) as v(id, alarm, at, level, note)`);
  return rows.map((a) => ({
    alarmId: a.id,
    deviceId: a.device_id,
    compoundId: a.compound_id,
    communityCode: a.community_code,
    type: a.type,
    severity: a.severity,
    change: 'cleared' as const,
  }));
}

type SilentRow = {
  device_id: string;
  profile: string;
  compound_id: string;
  community_code: string;
  offline_at: Date;
  last_seen_at: Date | null;
};

/** Devices whose deadline has passed by `now` go offline, each with one offline alarm (its profile's noData rule). */
export async function devicesSilent(ctx: AppContext, deviceIds: readonly string[], now: Date): Promise<AlarmChange[]> {
  if (!deviceIds.length) return [];
  const profiles = await profilesAt(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.execute<SilentRow>(sql`
      select s.device_id, d.profile, d.compound_id, d.community_code, s.offline_at, s.last_seen_at
      from device_status s join devices d on d.id = s.device_id
      where s.device_id = any(${pgArray([...deviceIds].sort())}::uuid[]) and s.status = 'online' and s.offline_at <= ${now.toISOString()}::timestamptz
      order by s.device_id
      for update of s`);
    if (!rows.length) return [];
    await tx.execute(
      sql`update device_status set status = 'offline' where device_id = any(${pgArray(rows.map((r) => r.device_id))}::uuid[])`,
    );
    const raises: Raise[] = [];
    for (const r of rows) {
      const profile: DeviceProfile | undefined = profiles.byCode.get(r.profile);
      const rule = profile && noDataRule(profile);
      if (!rule) continue;
      raises.push({
        deviceId: r.device_id,
        compoundId: r.compound_id,
        communityCode: r.community_code,
        cause: rule.cause,
        rule: rule.code,
        severity: rule.severity,
        restricted: !!(rule.restricted || profile.restricted),
        at: new Date(r.offline_at),
        detail: { lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null },
      });
    }
    return writeAlarms(ctx, tx, profiles, raises, []);
  });
}
