// A synthetic province for the overview benchmark, written straight into the
// tables in SQL (seconds, where the full demo pipeline would take many minutes
// at this size): 11 cities, 99 districts, 990 subdistricts, 5,940 communities,
// about 30,000 compounds and 4 million households; five years of projects with
// their compounds, outcomes, funding lines, consent and plan ballots (closed,
// with their tallies) and satisfaction surveys with their responses. The shapes
// follow the demo seed; the numbers come from setseed(), so a run is reproducible.
import type { Pool } from 'pg';
import type { Db } from '../../src/platform/db/client.ts';
import { freezeTallies } from '../../src/modules/participation/index.ts';
import { log, timed } from './run.ts';

export interface ProvinceFigures {
  compounds: number;
  households: number;
  projects: number;
  projectsInYear: number;
  ballots: number;
  surveyResponses: number;
  seconds: number;
}

export const PROVINCE = '330000';
export const YEARS = [2019, 2020, 2021, 2022, 2023] as const;
export const CURRENT_YEAR = 2023;

// Stage by how long ago the project's year was: old projects are handed over, this year's are under way.
const steps = (cities: number) => [
  // Statements run in order; each is one INSERT … SELECT over generate_series.
  `select setseed(0.2023)`,
  `insert into divisions (code, name, level, parent) values ('330000', '浙江省（模拟）', 'province', null) on conflict do nothing`,
  `insert into divisions (code, name, level, parent)
   select lpad((3300 + c)::text, 4, '0') || '00', '模拟市' || c, 'city', '330000' from generate_series(1, ${cities}) c on conflict do nothing`,
  `insert into divisions (code, name, level, parent)
   select lpad((3300 + c)::text, 4, '0') || lpad(d::text, 2, '0'), '模拟区' || c || '-' || d, 'district', lpad((3300 + c)::text, 4, '0') || '00'
   from generate_series(1, ${cities}) c, generate_series(1, 9) d on conflict do nothing`,
  `insert into divisions (code, name, level, parent)
   select p.code || lpad(s::text, 3, '0'), p.name || '街道' || s, 'subdistrict', p.code
   from divisions p, generate_series(1, 10) s where p.level = 'district' on conflict do nothing`,
  `insert into divisions (code, name, level, parent)
   select p.code || lpad(m::text, 3, '0'), p.name || '社区' || m, 'community', p.code
   from divisions p, generate_series(1, 6) m where p.level = 'subdistrict' and p.code like '33%' on conflict do nothing`,
  `create temp table gen_compounds as
   select md5('compound-' || m.code || '-' || k)::uuid as id, m.code as community, left(m.code, 9) as subdistrict, left(m.code, 6) as district,
     left(m.code, 4) || '00' as city, k, 1975 + floor(random() * 25)::int as year_built, 4 + floor(random() * 6)::int as buildings,
     (row_number() over ()) as n
   from divisions m, generate_series(1, 5) k where m.level = 'community'`,
  `insert into compounds (id, name, community_code, subdistrict_code, district_code, city_code, address, year_built, floor_area_m2, buildings_count, households_count)
   select id, '模拟小区' || n, community, subdistrict, district, city, '模拟路' || n || '号', year_built, 0, buildings, 0 from gen_compounds`,
  `insert into buildings (id, compound_id, name)
   select md5('building-' || c.id || '-' || b)::uuid, c.id, b || '幢' from gen_compounds c, generate_series(1, c.buildings) b`,
  `insert into units (id, compound_id, building_id, name)
   select md5('unit-' || b.id || '-' || u)::uuid, b.compound_id, b.id, u || '单元' from buildings b join gen_compounds c on c.id = b.compound_id, generate_series(1, 2) u`,
  `insert into households (id, compound_id, unit_id, room, floor_area_m2)
   select md5('household-' || u.id || '-' || h)::uuid, u.compound_id, u.id, (100 * ((h - 1) / 2 + 1) + (h - 1) % 2 + 1)::text, 50 + floor(random() * 40)
   from units u join gen_compounds c on c.id = u.compound_id, generate_series(1, 6 + floor(random() * 6)::int) h`,
  `update compounds c set households_count = x.n, floor_area_m2 = x.area
   from (select compound_id, count(*) as n, sum(floor_area_m2) as area from households group by compound_id) x where x.compound_id = c.id`,
  // Two in five compounds are in a project, one project per compound, spread over the years.
  `create temp table gen_projects as
   select md5('project-' || g.id)::uuid as id, g.id as compound_id, g.n, g.community, g.subdistrict, g.district, g.city, x.households_count, x.floor_area_m2,
     ${YEARS[0]} + floor(random() * ${YEARS.length})::int as year, random() as progress
   from gen_compounds g join compounds x on x.id = g.id where random() < 0.4`,
  `alter table gen_projects add column stage text`,
  `update gen_projects set stage = case
     when year <= ${CURRENT_YEAR - 2} then 'handed_over'
     when year = ${CURRENT_YEAR - 1} then (array['under_construction', 'accepted', 'handed_over'])[1 + floor(progress * 3)::int]
     else (array['planned', 'surveyed', 'consented', 'designed', 'plan_approved', 'consulted', 'approved', 'tendered', 'under_construction'])[1 + floor(progress * 9)::int] end`,
  `insert into projects (id, name, year, stage, city_code, district_code, subdistrict_codes, community_codes, floor_area_m2, households)
   select id, '模拟小区' || n || '综合改造', year, stage, city, district, array[subdistrict], array[community], floor_area_m2, households_count from gen_projects`,
  `insert into project_compounds (project_id, compound_id, name, floor_area_m2, households)
   select id, compound_id, '模拟小区' || n, floor_area_m2, households_count from gen_projects`,
  `insert into project_outcomes (project_id, parking_spaces_added, lifts_installed, lift_positions_reserved, public_service_space_m2, fitness_space_m2,
     barrier_free_age_friendly_items, state_owned_rooms_m2)
   select id, floor(random() * 40), floor(random() * 3), floor(random() * 4), round((random() * 300)::numeric, 2), round((random() * 500)::numeric, 2),
     floor(random() * 12), round((random() * 120)::numeric, 2)
   from gen_projects where stage in ('accepted', 'handed_over')`,
  `insert into funding_lines (project_id, year, district_code, source, channel, amount_fen)
   select p.id, p.year, p.district, s.source, '', (p.floor_area_m2 * s.per_m2 * (0.5 + random()))::bigint
   from gen_projects p, (values ('central_subsidy', 6000), ('provincial_subsidy', 3000), ('municipal_budget', 8000), ('district_budget', 8000),
     ('resident', 1500), ('utility', 2500)) s(source, per_m2) where random() < 0.9`,
  // A closed renovation-consent and plan-approval ballot per project past consent, tallied the way a close stores it.
  `create temp table gen_ballots as
   select md5('ballot-' || p.id || '-' || k.kind)::uuid as id, p.id as project_id, k.kind, p.households_count as eligible, p.year,
     floor(p.households_count * (0.7 + random() * 0.28))::int as agree
   from gen_projects p, (values ('renovation_consent'), ('plan_approval')) k(kind)
   where p.stage not in ('planned', 'surveyed') and (k.kind = 'renovation_consent' or p.stage not in ('consented', 'designed'))`,
  `insert into ballots (id, project_id, kind, title, revote, status, rule_key, electorate_hash, eligible, closes_at, opened_by, opened_at, closed_at, result, chain_head)
   select id, project_id, kind, kind || ' (模拟)', 'last_counts', 'closed', 'consent.' || kind, md5(id::text), eligible,
     make_timestamptz(year, 3, 1, 0, 0, 0, 'Asia/Shanghai'), '00000000-0000-0000-0000-000000000000', make_timestamptz(year, 2, 1, 0, 0, 0, 'Asia/Shanghai'),
     make_timestamptz(year, 3, 1, 0, 0, 0, 'Asia/Shanghai'),
     jsonb_build_object('status', 'closed', 'eligible', eligible, 'agree', agree, 'disagree', (eligible - agree) / 2, 'abstain', 0,
       'notVoted', eligible - agree - (eligible - agree) / 2, 'passed', 3 * agree >= 2 * eligible,
       'rule', jsonb_build_object('key', 'consent.' || kind, 'numerator', 2, 'denominator', 3, 'version', '2019.1')), md5(id::text || 'head')
   from gen_ballots`,
  // A satisfaction survey per project past acceptance; three in four households answer.
  `create temp table gen_surveys as
   select md5('survey-' || p.id)::uuid as id, p.id as project_id, p.year from gen_projects p where p.stage in ('accepted', 'handed_over')`,
  `insert into surveys (id, project_id, kind, title, questions, status, opened_by, opened_at, closed_at)
   select id, project_id, 'satisfaction', '改造满意度调查（模拟）', '[{"id": "overall", "kind": "single", "options": ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied"]}]'::jsonb,
     'closed', '00000000-0000-0000-0000-000000000000', make_timestamptz(year + 1, 1, 10, 0, 0, 0, 'Asia/Shanghai'), make_timestamptz(year + 1, 2, 10, 0, 0, 0, 'Asia/Shanghai')
   from gen_surveys`,
  `create temp table gen_responses as
   select s.id as survey_id, h.id as household_id, md5('response-' || s.id || h.id)::uuid as history_id, s.year,
     (array['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied'])[1 + floor(power(random(), 1.8) * 4)::int] as answer
   from gen_surveys s join gen_projects p on p.id = s.project_id join households h on h.compound_id = p.compound_id
   where random() < 0.75`,
  `insert into survey_response_history (id, survey_id, household_id, channel, answers, sheet_no, entered_by, entered_at)
   select history_id, survey_id, household_id, 'paper', jsonb_build_object('overall', answer), 'S' || left(history_id::text, 8), '00000000-0000-0000-0000-000000000000',
     make_timestamptz(year + 1, 1, 20, 0, 0, 0, 'Asia/Shanghai') from gen_responses`,
  `insert into survey_responses (survey_id, household_id, history_id, channel, answers, sheet_no, entered_by, entered_at)
   select survey_id, household_id, history_id, 'paper', jsonb_build_object('overall', answer), 'S' || left(history_id::text, 8), '00000000-0000-0000-0000-000000000000',
     make_timestamptz(year + 1, 1, 20, 0, 0, 0, 'Asia/Shanghai') from gen_responses`,
];

/**
 * Writes the province into an empty Renova database (migrated, rules loaded); fewer cities for a quick look.
 * The surveys are written closed, so their tallies are frozen the way a close freezes them (participation's freezeTallies).
 */
export async function buildProvince(pool: Pool, db: Db, cities = 11): Promise<ProvinceFigures> {
  const client = await pool.connect();
  try {
    const { seconds } = await timed(async () => {
      const all = steps(cities);
      for (const [i, statement] of all.entries()) {
        const t0 = performance.now();
        await client.query(statement);
        log(
          `province ${i + 1}/${all.length}: ${statement.replace(/\s+/g, ' ').slice(0, 70)}… ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
      const { rows } = await client.query<{ id: string }>(`select id from surveys`);
      for (let i = 0; i < rows.length; i += 1000)
        await freezeTallies(
          db,
          rows.slice(i, i + 1000).map((r) => r.id),
        );
      log(`province: ${rows.length} survey tallies frozen`);
      await client.query('analyze');
    });
    const one = async (q: string) => Number((await client.query<{ n: string }>(q)).rows[0]!.n);
    return {
      compounds: await one(`select count(*) as n from compounds`),
      households: await one(`select count(*) as n from households`),
      projects: await one(`select count(*) as n from projects`),
      projectsInYear: await one(`select count(*) as n from projects where year = ${CURRENT_YEAR}`),
      ballots: await one(`select count(*) as n from ballots`),
      surveyResponses: await one(`select count(*) as n from survey_responses`),
      seconds,
    };
  } finally {
    client.release();
  }
}
