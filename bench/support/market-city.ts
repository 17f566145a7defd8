// Renovated compounds for the market benchmark, written straight into the tables in SQL (insert … select over
// generate_series, reproducible by setseed): compounds in Hangzhou's real communities, each with a renovation project
// handed over, and a registered property company (one per district) recorded in its governance, so every one of them
// qualifies for the property-service subsidy. On top of the demo seed; idempotent by the compounds' fixed ids.
import type { Pool } from 'pg';
import { timed } from './run.ts';

export interface MarketCityFigures {
  compounds: number;
  seconds: number;
}

export async function buildMarketCity(pool: Pool, compounds: number): Promise<MarketCityFigures> {
  const steps = [
    `select setseed(0.1616)`,
    `with m as (select code, row_number() over (order by code) - 1 as i, count(*) over () as n
                from divisions where level = 'community' and code like '3301%')
     insert into compounds (id, name, community_code, subdistrict_code, district_code, city_code, address, latitude, longitude,
                            year_built, floor_area_m2, buildings_count, households_count)
     select md5('market-compound-' || k)::uuid, '补助压测小区' || k, m.code, left(m.code, 9), left(m.code, 6), left(m.code, 4) || '00',
       '补助压测路' || k || '号', null, null, 1980 + floor(random() * 20)::int,
       round((2000 + random() * 28000)::numeric, 2), 0, 0
     from generate_series(1, ${compounds}) k join m on m.i = (k * 7919) % m.n
     on conflict (id) do nothing`,
    `insert into property_companies (id, name, credit_code, district_code, qualification)
     select md5('market-company-' || d.code)::uuid, '压测物业（' || d.code || '）', 'BENCH' || d.code || '0000000', d.code, '物业服务'
     from (select distinct district_code as code from compounds where name like '补助压测小区%') d
     on conflict do nothing`,
    `insert into projects (id, name, year, stage, city_code, district_code, subdistrict_codes, community_codes, floor_area_m2, households)
     select md5('market-project-' || c.id)::uuid, c.name || '改造', 2021, 'handed_over', c.city_code, c.district_code,
       array[c.subdistrict_code], array[c.community_code], c.floor_area_m2, 0
     from compounds c where c.name like '补助压测小区%'
     on conflict (id) do nothing`,
    `insert into project_compounds (project_id, compound_id, name, floor_area_m2, households)
     select md5('market-project-' || c.id)::uuid, c.id, c.name, c.floor_area_m2, 0
     from compounds c where c.name like '补助压测小区%'
     on conflict do nothing`,
    `insert into project_governance (project_id, property_company_id)
     select md5('market-project-' || c.id)::uuid, md5('market-company-' || c.district_code)::uuid
     from compounds c where c.name like '补助压测小区%'
     on conflict do nothing`,
    `analyze compounds`,
    `analyze projects`,
    `analyze project_compounds`,
    `analyze project_governance`,
  ];
  const { seconds } = await timed(async () => {
    for (const s of steps) await pool.query(s);
  });
  const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from compounds where name like '补助压测小区%'`);
  return { compounds: rows[0]!.n, seconds };
}
