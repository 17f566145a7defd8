// A city's grid events for the grid benchmark, written straight into the tables in SQL (insert … select over
// generate_series, reproducible by setseed): compounds topped up to the city's count in Hangzhou's real communities
// (on top of the demo seed), and grid events over three years on them with a step each for the report and the
// current state. Recent events are partly open, in every open state, with due times around now; older ones are closed.
import type { Pool } from 'pg';
import { timed } from './run.ts';

export interface GridCityFigures {
  compounds: number;
  events: number;
  open: number;
  steps: number;
  seconds: number;
}

export interface BenchCategory {
  code: string;
  group: string;
  responsible: string;
}

export async function buildGridCity(
  pool: Pool,
  compounds: number,
  events: number,
  categories: BenchCategory[],
  version: string,
): Promise<GridCityFigures> {
  const cats = categories.map((c, i) => `(${i}, '${c.code}', '${c.group}', '${c.responsible}')`).join(', ');
  const steps = [
    `select setseed(0.1303)`,
    // Top up the compounds to the city's count, spread over Hangzhou's communities, placed in its main urban area.
    `with m as (select code, row_number() over (order by code) - 1 as i, count(*) over () as n
                from divisions where level = 'community' and code like '3301%'),
          have as (select count(*)::int as n from compounds)
     insert into compounds (id, name, community_code, subdistrict_code, district_code, city_code, address, latitude, longitude,
                            year_built, floor_area_m2, buildings_count, households_count)
     select md5('bench-compound-' || k)::uuid, '压测小区' || k, m.code, left(m.code, 9), left(m.code, 6), left(m.code, 4) || '00',
       '压测路' || k || '号', round((30.15 + random() * 0.25)::numeric, 6), round((120.05 + random() * 0.3)::numeric, 6),
       1980 + floor(random() * 20)::int, 0, 0, 0
     from have, generate_series(1, greatest(0, ${compounds} - have.n)) k join m on m.i = (k * 7919) % m.n`,
    `drop table if exists bench_compounds`,
    `create temp table bench_compounds as
     select id, community_code, subdistrict_code, latitude::float8 as lat, longitude::float8 as lng, (row_number() over (order by id) - 1)::int as i
     from compounds where latitude is not null`,
    `create index on bench_compounds (i)`,
    `drop table if exists bench_categories`,
    `create temp table bench_categories (i int primary key, code text, grp text, responsible text)`,
    `insert into bench_categories values ${cats}`,
    `insert into grid_events (id, category, category_version, description, state, level, responsible, source, compound_id, community_code,
                              subdistrict_code, lat, lng, reported_at, updated_at, due_at, escalate_at, overdue_since, closed_at)
     select md5('bench-event-' || x.g)::uuid, c.code, '${version}', '压测事件 ' || x.g, x.state, 'grid', c.responsible, x.source,
       b.id, b.community_code, b.subdistrict_code,
       round((b.lat + (x.r1 - 0.5) * 0.004)::numeric, 6), round((b.lng + (x.r2 - 0.5) * 0.004)::numeric, 6),
       x.reported_at, x.reported_at,
       case when x.state <> 'closed' then x.due_at end,
       case when x.state <> 'closed' and x.due_at + interval '1 day' > now() then x.due_at + interval '1 day' end,
       case when x.state <> 'closed' and x.due_at <= now() then x.due_at end,
       case when x.state = 'closed' then x.reported_at + x.r3 * interval '3 days' end
     from (
       select g, r1, r2, r3, reported_at,
         now() + (r3 - 0.1) * interval '2 days' as due_at,
         case when reported_at > now() - interval '30 days' and rs < 0.5 then
           (array['reported', 'accepted', 'accepted', 'handled', 'reviewed', 'disputed'])[1 + floor(rs * 12)::int]
         else 'closed' end as state,
         (array['resident', 'resident', 'resident', 'patrol', 'patrol', 'patrol', 'alarm', 'work_order', 'platform', 'open311', 'staff'])[1 + floor(rc * 11)::int] as source,
         floor(rb * (select count(*) from bench_compounds))::int as ci, floor(rk * ${categories.length})::int as ki
       from (select g, random() as r1, random() as r2, random() as r3, random() as rs, random() as rc, random() as rb, random() as rk,
               now() - random() * interval '1095 days' as reported_at
             from generate_series(1, ${events}) g) r
     ) x join bench_compounds b on b.i = x.ci join bench_categories c on c.i = x.ki`,
    `insert into grid_event_steps (id, event_id, action, actor_role, at, level, to_state)
     select md5('bench-step-r-' || id)::uuid, id, 'reported', 'resident', reported_at, 'grid', 'reported' from grid_events where description like '压测事件 %'`,
    `insert into grid_event_steps (id, event_id, action, actor_role, at, level, from_state, to_state)
     select md5('bench-step-s-' || id)::uuid, id, 'transitioned', 'community', coalesce(closed_at, reported_at + interval '1 hour'), 'grid', 'reported', state
     from grid_events where description like '压测事件 %' and state <> 'reported'`,
    `analyze compounds`,
    `analyze grid_events`,
    `analyze grid_event_steps`,
  ];
  const { seconds } = await timed(async () => {
    for (const s of steps) await pool.query(s);
  });
  const { rows } = await pool.query<{ compounds: number; events: number; open: number; steps: number }>(`
    select (select count(*) from compounds)::int as compounds, (select count(*) from grid_events)::int as events,
      (select count(*) from grid_events where state <> 'closed')::int as open, (select count(*) from grid_event_steps)::int as steps`);
  return { ...rows[0]!, seconds };
}
