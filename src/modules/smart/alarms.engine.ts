// Applies accepted events to each device's status and rule state, raising and clearing alarms.
// The ingest calls applyEvents in the transaction that stores the events; the offline timers call devicesSilent.
import { sql } from 'drizzle-orm';
import { pgArray } from '../../platform/db/sql.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AlarmChange, DeviceEvent } from './pipeline.ts';
import { profilesAt } from './profiles.ts';

/** Marks each device seen at its latest event and moves its offline deadline (heartbeat + grace). */
export async function applyEvents(ctx: AppContext, tx: Tx, events: readonly DeviceEvent[]): Promise<AlarmChange[]> {
  if (!events.length) return [];
  const profiles = await profilesAt(ctx.db);
  const latest = new Map<string, DeviceEvent>();
  for (const e of events) {
    const seen = latest.get(e.deviceId);
    if (!seen || seen.at < e.at) latest.set(e.deviceId, e);
  }
  const rows = [...latest.values()];
  const silence = rows.map((e) => {
    const p = profiles.byCode.get(e.profile);
    return p ? p.heartbeatSeconds + p.graceSeconds : 0;
  });
  await tx.execute(sql`
    insert into device_status (device_id, status, last_seen_at, offline_at)
    select d, 'online', a, a + make_interval(secs => s)
    from unnest(${pgArray(rows.map((e) => e.deviceId))}::uuid[], ${pgArray(rows.map((e) => e.at.toISOString()))}::timestamptz[], ${pgArray(silence)}::int[]) as v(d, a, s)
    on conflict (device_id) do update set status = 'online', last_seen_at = excluded.last_seen_at, offline_at = excluded.offline_at
    where device_status.last_seen_at is null or device_status.last_seen_at < excluded.last_seen_at`);
  return [];
}

/** Devices whose deadline has passed by `now` go offline; returns the offline alarms raised. */
export async function devicesSilent(ctx: AppContext, deviceIds: readonly string[], now: Date): Promise<AlarmChange[]> {
  if (!deviceIds.length) return [];
  await ctx.db.execute(sql`
    update device_status set status = 'offline'
    where device_id = any(${pgArray(deviceIds)}::uuid[]) and status = 'online' and offline_at <= ${now.toISOString()}::timestamptz`);
  return [];
}
