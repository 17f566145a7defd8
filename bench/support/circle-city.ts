// A city for the living-circle benchmark, written straight into the tables in SQL (insert … select over
// generate_series, reproducible by setseed): the demo city's compounds topped up to the count in Hangzhou's real
// communities, placed over its main urban area, and facilities topped up to their count, each within about 1.6 km
// of a compound, of a need and kind drawn from the module's own list; and space resources on offer (scattered land,
// existing and state-owned rooms) near compounds, of 30 to 600 m².
import type { Pool } from 'pg';
import { facilityKinds, needs, spaceKinds } from '../../src/modules/livingcircle/index.ts';
import { timed } from './run.ts';

export interface CircleCityFigures {
  compounds: number;
  facilities: number;
  spaces: number;
  seconds: number;
}

export async function buildCircleCity(pool: Pool, compounds: number, facilities: number, spaces: number): Promise<CircleCityFigures> {
  const spaceKindList = spaceKinds.map((k) => `'${k}'`).join(', ');
  const kinds = needs.flatMap((n) => facilityKinds[n].map((k) => `('${n}', '${k}')`));
  const steps = [
    `select setseed(0.1503)`,
    `with m as (select code, row_number() over (order by code) - 1 as i, count(*) over () as n
                from divisions where level = 'community' and code like '3301%'),
          have as (select count(*)::int as n from compounds)
     insert into compounds (id, name, community_code, subdistrict_code, district_code, city_code, address, latitude, longitude,
                            year_built, floor_area_m2, buildings_count, households_count)
     select md5('bench-circle-compound-' || k)::uuid, '生活圈压测小区' || k, m.code, left(m.code, 9), left(m.code, 6), left(m.code, 4) || '00',
       '压测路' || k || '号', round((30.15 + random() * 0.25)::numeric, 6), round((120.05 + random() * 0.3)::numeric, 6),
       1980 + floor(random() * 20)::int, 0, 0, 100 + floor(random() * 900)::int
     from have, generate_series(1, greatest(0, ${compounds} - have.n)) k join m on m.i = (k * 7919) % m.n`,
    `drop table if exists bench_places`,
    `create temp table bench_places as
     select community_code, latitude::float8 as lat, longitude::float8 as lng, (row_number() over (order by id) - 1)::int as i
     from compounds where latitude is not null`,
    `create index on bench_places (i)`,
    `drop table if exists bench_kinds`,
    `create temp table bench_kinds as select (row_number() over () - 1)::int as i, need, kind from (values ${kinds.join(', ')}) v(need, kind)`,
    `with have as (select count(*)::int as n from circle_facilities)
     insert into circle_facilities (id, name, need, kind, latitude, longitude, division_code)
     select md5('bench-circle-facility-' || x.g)::uuid, '压测设施' || x.g, k.need, k.kind,
       round((b.lat + (x.r1 - 0.5) * 0.03)::numeric, 6), round((b.lng + (x.r2 - 0.5) * 0.034)::numeric, 6), b.community_code
     from (select g, random() as r1, random() as r2, random() as rb, random() as rk from have, generate_series(1, greatest(0, ${facilities} - have.n)) g) x
     join bench_places b on b.i = floor(x.rb * (select count(*) from bench_places))::int
     join bench_kinds k on k.i = floor(x.rk * (select count(*) from bench_kinds))::int
     on conflict do nothing`,
    `with have as (select count(*)::int as n from circle_space_resources)
     insert into circle_space_resources (id, kind, name, area_m2, owner, latitude, longitude, compound_id, division_code, status)
     select md5('bench-circle-space-' || x.g)::uuid, (array[${spaceKindList}])[1 + floor(x.rk * ${spaceKinds.length})::int],
       '压测空间' || x.g, round((30 + x.ra * 570)::numeric, 2), '压测产权单位',
       round((b.lat + (x.r1 - 0.5) * 0.02)::numeric, 6), round((b.lng + (x.r2 - 0.5) * 0.022)::numeric, 6), null, b.community_code, 'offered'
     from (select g, random() as r1, random() as r2, random() as rb, random() as rk, random() as ra
           from have, generate_series(1, greatest(0, ${spaces} - have.n)) g) x
     join bench_places b on b.i = floor(x.rb * (select count(*) from bench_places))::int
     on conflict do nothing`,
    `analyze compounds`,
    `analyze circle_space_resources`,
    `analyze circle_facilities`,
  ];
  const { seconds } = await timed(async () => {
    for (const s of steps) await pool.query(s);
  });
  const { rows } = await pool.query<{ compounds: number; facilities: number; spaces: number }>(
    `select (select count(*) from compounds where latitude is not null)::int as compounds, (select count(*) from circle_facilities)::int as facilities,
            (select count(*) from circle_space_resources)::int as spaces`,
  );
  return { ...rows[0]!, seconds };
}
