// A city's home care services for the services benchmark, written straight into the tables in SQL (insert … select
// over generate_series, reproducible by setseed): compounds topped up to the city's count (as the grid bench does),
// providers placed near a compound and serving the compounds within 3 km (at most 12), two offerings each with two
// slots a day for a week (partly booked), four qualifications each (some expired), and elders' care profiles spread
// over the compounds with preferences (their ids valid UUIDv7 in form, as the API's fields require). Personal columns hold one sealed value for every row (written by the caller
// with the running server's key), so an order placed over HTTP can read the birth date for its subsidy.
import type { Pool } from 'pg';
import { timed } from './run.ts';

export interface ServicesCityFigures {
  compounds: number;
  providers: number;
  servedPairs: number;
  offerings: number;
  slots: number;
  elders: number;
  seconds: number;
}

export async function buildServicesCity(
  pool: Pool,
  sizes: { compounds: number; providers: number; elders: number },
  kinds: string[],
  sealed: { name: string; birthDate: string },
): Promise<ServicesCityFigures> {
  const kindArray = `array[${kinds.map((k) => `'${k}'`).join(', ')}]`;
  const steps = [
    `select setseed(0.2214)`,
    `with m as (select code, row_number() over (order by code) - 1 as i, count(*) over () as n
                from divisions where level = 'community' and code like '3301%'),
          have as (select count(*)::int as n from compounds)
     insert into compounds (id, name, community_code, subdistrict_code, district_code, city_code, address, latitude, longitude,
                            year_built, floor_area_m2, buildings_count, households_count)
     select md5('bench-compound-' || k)::uuid, '压测小区' || k, m.code, left(m.code, 9), left(m.code, 6), left(m.code, 4) || '00',
       '压测路' || k || '号', round((30.15 + random() * 0.25)::numeric, 6), round((120.05 + random() * 0.3)::numeric, 6),
       1980 + floor(random() * 20)::int, 0, 0, 0
     from have, generate_series(1, greatest(0, ${sizes.compounds} - have.n)) k join m on m.i = (k * 7919) % m.n`,
    `drop table if exists bench_compounds`,
    `create temp table bench_compounds as
     select id, community_code, latitude::float8 as lat, longitude::float8 as lng, (row_number() over (order by id) - 1)::int as i
     from compounds where latitude is not null`,
    `create index on bench_compounds (i)`,
    `create index on bench_compounds (lat)`,
    `insert into service_providers (id, kind, name, gender, dialects, community_code, lat, lng, rating_sum, rating_count)
     select md5('bench-provider-' || g)::uuid, case when r1 < 0.6 then 'company' else 'individual' end, '压测服务商' || g,
       case when r1 < 0.6 then null when r2 < 0.7 then 'female' else 'male' end,
       case when r3 < 0.5 then array['hangzhou', 'mandarin'] else array['mandarin'] end,
       b.community_code, round((b.lat + (r4 - 0.5) * 0.02)::numeric, 6), round((b.lng + (r5 - 0.5) * 0.02)::numeric, 6),
       rc * (3 + floor(r6 * 3))::int, rc
     from (select g, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, floor(random() * 40)::int rc,
             floor(random() * (select count(*) from bench_compounds))::int ci from generate_series(1, ${sizes.providers}) g) x
     join bench_compounds b on b.i = x.ci`,
    `insert into service_provider_compounds (compound_id, provider_id)
     select c.id, p.id from service_providers p
     cross join lateral (
       select b.id from bench_compounds b
       where b.lat between p.lat::float8 - 0.027 and p.lat::float8 + 0.027
       order by (b.lat - p.lat::float8) ^ 2 + ((b.lng - p.lng::float8) * 0.866) ^ 2 limit 12) c
     where p.name like '压测服务商%'`,
    `insert into service_offerings (id, provider_id, kind, name, price_fen)
     select md5('bench-offering-' || p.id || '-' || j)::uuid, p.id, k.kind, '压测服务', 1000 + floor(random() * 9000)::int
     from service_providers p
     cross join generate_series(0, 1) j
     cross join lateral (select (${kindArray})[1 + ((abs(hashtext(p.id::text)) + j * 2) % ${kinds.length})] as kind) k
     where p.name like '压测服务商%'`,
    `insert into service_slots (id, offering_id, provider_id, starts_at, ends_at, capacity, booked)
     select md5('bench-slot-' || o.id || '-' || d || '-' || w)::uuid, o.id, o.provider_id,
       date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' + d * interval '1 day' + (case w when 0 then 10 else 16 end) * interval '1 hour',
       date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' + d * interval '1 day' + (case w when 0 then 13 else 19 end) * interval '1 hour',
       cap, floor(random() * (cap + 1))::int
     from service_offerings o cross join generate_series(1, 7) d cross join generate_series(0, 1) w
     cross join lateral (select 2 + floor(random() * 19)::int as cap) c
     where o.name = '压测服务'`,
    `insert into service_qualifications (id, provider_id, code, valid_until)
     select md5('bench-qual-' || p.id || q)::uuid, p.id, q, (now() + (random() * 760 - 60) * interval '1 day')::date
     from service_providers p cross join unnest(array['health_certificate', 'housekeeping_certificate', 'caregiver_certificate', 'food_business_licence']) q
     where p.name like '压测服务商%'`,
    `insert into care_profiles (id, compound_id, community_code, lat, lng, name_enc, name_masked, birth_date_enc, birth_year, gender,
                                living_alone, care_level, needs, carer_gender, dialect, fake)
     select (substr(h, 1, 12) || '7' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid, b.id, b.community_code, round(b.lat::numeric, 6), round(b.lng::numeric, 6),
       '${sealed.name}', '压*', '${sealed.birthDate}', 1930 + floor(r1 * 30)::int, case when r2 < 0.55 then 'female' else 'male' end,
       r3 < 0.3, (array['independent', 'mild', 'moderate', 'severe'])[1 + floor(r4 * 4)::int], array['meals'],
       case when r5 < 0.3 then 'female' when r5 < 0.4 then 'male' end, case when r6 < 0.3 then 'hangzhou' end, true
     from (select g, md5('bench-elder-' || g) as h, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
             floor(random() * (select count(*) from bench_compounds))::int ci from generate_series(1, ${sizes.elders}) g) x
     join bench_compounds b on b.i = x.ci`,
    `analyze compounds`,
    `analyze service_providers`,
    `analyze service_provider_compounds`,
    `analyze service_offerings`,
    `analyze service_slots`,
    `analyze service_qualifications`,
    `analyze care_profiles`,
  ];
  const { seconds } = await timed(async () => {
    const client = await pool.connect();
    try {
      for (const s of steps) await client.query(s);
    } finally {
      client.release();
    }
  });
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]!.n;
  return {
    compounds: await count(`select count(*)::int as n from compounds`),
    providers: await count(`select count(*)::int as n from service_providers`),
    servedPairs: await count(`select count(*)::int as n from service_provider_compounds`),
    offerings: await count(`select count(*)::int as n from service_offerings`),
    slots: await count(`select count(*)::int as n from service_slots`),
    elders: await count(`select count(*)::int as n from care_profiles`),
    seconds,
  };
}
