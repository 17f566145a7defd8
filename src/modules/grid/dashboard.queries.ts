// The governance dashboard's counts over this module's own tables, each one query filtered by the same condition
// (the place asked for, the period, and what the caller may see). Merged duplicates are left out: they were closed
// with the event they duplicate and would count one matter twice.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { eventRef } from './lifecycle.ts';
import type { GridEventSource, GridEventState, GridLevel } from './schema.ts';

type Reader = Db | Tx;

/** Open and past its state's time at `now`, or flagged overdue by the clock (grid's slaSweep). */
export const overdueSql = (now: Date): SQL =>
  sql`(grid_events.state <> 'closed' and (grid_events.overdue_since is not null or grid_events.due_at <= ${now.toISOString()}::timestamptz))`;

/** Closed without ever running past a state's time: no `overdue` step in its history. */
const inTimeSql = sql`(grid_events.state = 'closed' and not exists (select 1 from grid_event_steps s where s.event_id = grid_events.id and s.action = 'overdue'))`;

export interface Combo {
  state: GridEventState;
  category: string;
  source: GridEventSource;
  level: GridLevel;
  n: number;
  overdue: number;
  closedInTime: number;
}

/** Counts by every (state, category, source, level): a few hundred rows at most, summed every way in memory. */
export async function combos(db: Reader, where: SQL, now: Date): Promise<Combo[]> {
  const { rows } = await db.execute<Combo & Record<string, unknown>>(sql`
    select grid_events.state, grid_events.category, grid_events.source, grid_events.level, count(*)::int as n,
      count(*) filter (where ${overdueSql(now)})::int as overdue,
      count(*) filter (where ${inTimeSql})::int as "closedInTime"
    from grid_events where ${where}
    group by grid_events.state, grid_events.category, grid_events.source, grid_events.level`);
  return rows;
}

export interface ChildCount {
  key: string;
  events: number;
  open: number;
  overdue: number;
  closed: number;
  closedInTime: number;
}

/** The same counts one level down: `keySql` names the child (a division code's prefix, a compound, a grid). */
export async function childCounts(db: Reader, where: SQL, keySql: SQL, now: Date): Promise<ChildCount[]> {
  const { rows } = await db.execute<ChildCount & Record<string, unknown>>(sql`
    select ${keySql} as key, count(*)::int as events,
      count(*) filter (where grid_events.state <> 'closed')::int as open,
      count(*) filter (where ${overdueSql(now)})::int as overdue,
      count(*) filter (where grid_events.state = 'closed')::int as closed,
      count(*) filter (where ${inTimeSql})::int as "closedInTime"
    from grid_events where ${where} and ${keySql} is not null
    group by 1 order by 2 desc, 1`);
  return rows;
}

export interface ResponseFigures {
  actorId: string | null;
  samples: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

/**
 * Reported → accepted (事件接收): the first acceptance of each event, in seconds; overall (actorId null, the
 * first row) and per accepting account. Self-resolved events (never accepted) are left out.
 */
export async function responseTimes(db: Reader, where: SQL): Promise<ResponseFigures[]> {
  const { rows } = await db.execute<{
    actor_id: string | null;
    overall: boolean;
    samples: number;
    p50: number | null;
    p90: number | null;
  }>(sql`
    with r as (
      select a.actor_id, extract(epoch from (a.at - grid_events.reported_at))::float8 as secs
      from grid_events
      join lateral (select s.at, s.actor_id from grid_event_steps s
                    where s.event_id = grid_events.id and s.to_state = 'accepted' order by s.at limit 1) a on true
      where ${where})
    select actor_id, grouping(actor_id) = 1 as overall, count(*)::int as samples,
      percentile_cont(0.5) within group (order by secs) as p50,
      percentile_cont(0.9) within group (order by secs) as p90
    from r group by grouping sets ((), (actor_id))`);
  const shape = (r: (typeof rows)[number]): ResponseFigures => ({
    actorId: r.overall ? null : r.actor_id,
    samples: r.samples,
    medianSeconds: r.p50 === null ? null : Math.round(Number(r.p50)),
    p90Seconds: r.p90 === null ? null : Math.round(Number(r.p90)),
  });
  const overall = rows.find((r) => r.overall);
  return [
    overall ? shape(overall) : { actorId: null, samples: 0, medianSeconds: null, p90Seconds: null },
    ...rows.filter((r) => !r.overall && r.actor_id !== null).map(shape),
  ];
}

/** Open and all events per assignee, and the grid workers of the grids in `gridWhere` with none. */
export async function workerLoad(
  db: Reader,
  where: SQL,
  gridWhere: SQL,
): Promise<{ accountId: string; open: number; assigned: number; grids: number }[]> {
  const { rows } = await db.execute<{ account_id: string; open: number; assigned: number; grids: number }>(sql`
    with load as (
      select grid_events.assignee_id as account_id, count(*) filter (where grid_events.state <> 'closed')::int as open, count(*)::int as assigned
      from grid_events where ${where} and grid_events.assignee_id is not null group by 1),
    workers as (
      select w.account_id, count(*)::int as grids from grid_workers w join grids g on g.id = w.grid_id where ${gridWhere} group by 1)
    select coalesce(l.account_id, w.account_id) as account_id, coalesce(l.open, 0) as open, coalesce(l.assigned, 0) as assigned,
      coalesce(w.grids, 0) as grids
    from load l full join workers w on w.account_id = l.account_id
    order by 2 desc, 3 desc, 1 limit 500`);
  return rows.map((r) => ({ accountId: r.account_id, open: r.open, assigned: r.assigned, grids: r.grids }));
}

export interface HotSpot {
  /** South-west corner of the cell. */
  lat: number;
  lng: number;
  sizeLatDeg: number;
  sizeLngDeg: number;
  sizeM: number;
  count: number;
  open: number;
}

/** Events with coordinates counted in square cells of `sizeM` metres at `refLat`, the busiest first. */
export async function hotSpots(db: Reader, where: SQL, sizeM: number, refLat: number, limit = 300): Promise<HotSpot[]> {
  const sizeLatDeg = sizeM / 111_320;
  const sizeLngDeg = sizeLatDeg / Math.max(0.01, Math.cos((refLat * Math.PI) / 180));
  const { rows } = await db.execute<{ i: number; j: number; n: number; open: number }>(sql`
    select floor(grid_events.lat::float8 / ${sizeLatDeg})::int as i, floor(grid_events.lng::float8 / ${sizeLngDeg})::int as j,
      count(*)::int as n, count(*) filter (where grid_events.state <> 'closed')::int as open
    from grid_events where ${where} and grid_events.lat is not null and grid_events.lng is not null
    group by 1, 2 order by 3 desc, 1, 2 limit ${limit}`);
  return rows.map((r) => ({
    lat: r.i * sizeLatDeg,
    lng: r.j * sizeLngDeg,
    sizeLatDeg,
    sizeLngDeg,
    sizeM,
    count: r.n,
    open: r.open,
  }));
}

export interface MapPoint {
  id: string;
  ref: string;
  category: string;
  state: GridEventState;
  level: GridLevel;
  overdue: boolean;
  lat: number;
  lng: number;
  reportedAt: string;
}

/** Events to draw: the open ones first, then the most recent, at most `limit`. */
export async function mapPoints(db: Reader, where: SQL, now: Date, limit: number): Promise<MapPoint[]> {
  const { rows } = await db.execute<{
    id: string;
    seq: number | string;
    category: string;
    state: GridEventState;
    level: GridLevel;
    overdue: boolean;
    lat: string;
    lng: string;
    reported_at: Date | string;
  }>(sql`
    select grid_events.id, grid_events.seq, grid_events.category, grid_events.state, grid_events.level, ${overdueSql(now)} as overdue, grid_events.lat, grid_events.lng, grid_events.reported_at
    from grid_events where ${where} and grid_events.lat is not null and grid_events.lng is not null
    order by (grid_events.state = 'closed'), grid_events.reported_at desc, grid_events.id limit ${limit}`);
  return rows.map((r) => {
    const reportedAt = new Date(r.reported_at);
    return {
      id: r.id,
      ref: eventRef(Number(r.seq), reportedAt),
      category: r.category,
      state: r.state,
      level: r.level,
      overdue: r.overdue,
      lat: Number(r.lat),
      lng: Number(r.lng),
      reportedAt: reportedAt.toISOString(),
    };
  });
}

/** Grid names by id (the children of a compound are its grids). */
export async function gridNames(db: Reader, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(sql`select id, name from grids where id = any(${pgArray(ids)}::uuid[])`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether a grid worker's grids cover a building of the compound (their scope is their grids, not a division). */
export async function compoundInWorkerGrids(db: Reader, accountId: string, compoundId: string): Promise<boolean> {
  const { rows } = await db.execute(sql`
    select 1 from grid_buildings gb join grid_workers w on w.grid_id = gb.grid_id
    where w.account_id = ${accountId}::uuid and gb.compound_id = ${compoundId}::uuid limit 1`);
  return rows.length > 0;
}

/** The outlines of the grids in `gridWhere` that have one (GeoJSON Polygon coordinates: the outer ring, [lng, lat]). */
export async function gridOutlines(
  db: Reader,
  gridWhere: SQL,
): Promise<{ id: string; name: string; ring: { lat: number; lng: number }[] }[]> {
  const { rows } = await db.execute<{ id: string; name: string; polygon: number[][][] }>(
    sql`select g.id, g.name, g.polygon from grids g where ${gridWhere} and g.polygon is not null order by g.code limit 500`,
  );
  return rows
    .filter((r) => Array.isArray(r.polygon?.[0]))
    .map((r) => ({ id: r.id, name: r.name, ring: r.polygon[0]!.map(([lng, lat]) => ({ lat: Number(lat), lng: Number(lng) })) }));
}
