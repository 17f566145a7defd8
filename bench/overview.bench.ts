// `npm run bench:overview`: the city overview at province scale (the evaluation
// issue's budget: p99 under 200 ms for the province, a city and a subdistrict),
// each beside the same aggregate written as one hand-written SQL query and run
// in the same database in the same run.
// Flags: --runs=200 --cities=11 (fewer cities make a smaller province, for a quick look)
// Exit code 0 whether or not budgets are met (the table says); 1 on errors.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { upsertAccount } from '../src/modules/accounts/index.ts';
import { startTestServer } from '../src/apps/test-server.ts';
import { bearerToken } from './support/load.ts';
import { buildProvince, CURRENT_YEAR, PROVINCE, type ProvinceFigures } from './support/province.ts';
import { sample, type Latency } from './support/latency.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { cpuBusyPercent, elapsedSeconds, log, numberFlag, withHeartbeat } from './support/run.ts';

const BUDGET_P99_MS = 200;
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const PASSWORD = 'province-bench-1';

interface Case {
  label: string;
  division: string;
  year?: number;
  api: Latency;
  sql: Latency;
  /** Figures of the API equal the hand-written query's. */
  agrees: string[];
}

/**
 * The overview's figures as one query, written by hand from the definitions
 * (a project counts in its home community's division; a compound once, with its
 * latest project; each project's latest closed consent ballot and latest
 * satisfaction survey), with the shipped rule's satisfied answers inlined.
 */
const handWritten = `
  with p as (select id, stage from projects where community_codes[1] like $1 || '%' and ($2::int is null or year = $2)),
  c as (select * from (select distinct on (pc.compound_id) pc.floor_area_m2, pc.households, pr.community_codes[1] as home
          from project_compounds pc join projects pr on pr.id = pc.project_id where ($2::int is null or pr.year = $2)
          order by pc.compound_id, pr.year desc, pr.id desc) x where home like $1 || '%'),
  b as (select distinct on (b.project_id) b.result from ballots b join p on p.id = b.project_id
          where b.kind = 'renovation_consent' and b.status = 'closed' order by b.project_id, b.closed_at desc),
  s as (select distinct on (s.project_id) s.id from surveys s join p on p.id = s.project_id where s.kind = 'satisfaction'
          order by s.project_id, s.opened_at desc)
  select
    (select count(*) from p)::int as projects,
    (select count(*) from c)::int as compounds,
    (select coalesce(sum(households), 0) from c)::bigint::text as households,
    (select coalesce(sum(floor_area_m2), 0) from c)::numeric(16, 2)::text as floor_area,
    (select coalesce(sum(parking_spaces_added), 0) from project_outcomes o join p on p.id = o.project_id)::bigint::text as parking,
    (select jsonb_object_agg(source, fen) from (select source, sum(amount_fen)::text as fen from funding_lines f join p on p.id = f.project_id group by source) x) as funding,
    (select jsonb_object_agg(stage, n) from (select stage, count(*) as n from p group by stage) x) as by_stage,
    (select coalesce(sum((result ->> 'agree')::int), 0) from b)::bigint::text as agree,
    (select coalesce(sum((result ->> 'eligible')::int), 0) from b)::bigint::text as eligible,
    (select count(*) from survey_responses r join s on s.id = r.survey_id where r.channel <> 'refused')::int as answered,
    (select count(*) from survey_responses r join s on s.id = r.survey_id where r.channel <> 'refused'
       and r.answers ->> 'overall' in ('very_satisfied', 'satisfied', 'basically_satisfied'))::int as satisfied`;

interface Overview {
  projects: number;
  compounds: number;
  households: number;
  floorAreaM2: string;
  parkingSpaces: number;
  fundingFen: Record<string, number>;
  byStage: Record<string, number>;
  support: { agree: number; eligible: number };
  satisfaction: { satisfied: number; answered: number };
}
type Row = Record<string, string | number | Record<string, string | number> | null>;

/** Which figures of the API differ from the hand-written query's (an empty list when every one agrees). */
function disagreements(api: Overview, row: Row): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['projects', api.projects, row.projects],
    ['compounds', api.compounds, row.compounds],
    ['households', String(api.households), row.households],
    ['floorAreaM2', api.floorAreaM2, row.floor_area],
    ['parkingSpaces', String(api.parkingSpaces), row.parking],
    ['support.agree', String(api.support.agree), row.agree],
    ['support.eligible', String(api.support.eligible), row.eligible],
    ['satisfaction.answered', api.satisfaction.answered, row.answered],
    ['satisfaction.satisfied', api.satisfaction.satisfied, row.satisfied],
  ];
  const out = pairs.filter(([, a, b]) => a !== b).map(([k, a, b]) => `${k}: ${String(a)} ≠ ${String(b)}`);
  for (const [source, fen] of Object.entries((row.funding ?? {}) as Record<string, string>))
    if (String(api.fundingFen[source]) !== fen) out.push(`fundingFen.${source}`);
  for (const [stage, n] of Object.entries((row.by_stage ?? {}) as Record<string, number>))
    if (api.byStage[stage] !== n) out.push(`byStage.${stage}`);
  return out;
}

async function measureCase(
  url: string,
  token: string,
  pool: Pool,
  runs: number,
  label: string,
  division: string,
  year?: number,
): Promise<Case> {
  const query = `${url}/api/v1/stats/overview?division=${division}${year ? `&year=${year}` : ''}`;
  const get = async () => {
    const res = await fetch(query, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`${query}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Overview;
  };
  const prefix = division.endsWith('0000') ? division.slice(0, 2) : division.endsWith('00') ? division.slice(0, 4) : division;
  const sql = async () => (await pool.query<Row>(handWritten, [prefix, year ?? null])).rows[0]!;
  const agrees = disagreements(await get(), await sql());
  log(`${label}: API and hand-written SQL ${agrees.length ? `differ (${agrees.join(', ')})` : 'agree'}; timing ${runs} runs each`);
  const api = await sample(runs, get);
  // The reference reads every response on each run (a second or more at full scale): fewer runs suffice for its median.
  const sqlLatency = await sample(Math.min(runs, 30), sql);
  log(
    `${label}: API p50 ${api.p50.toFixed(1)} p99 ${api.p99.toFixed(1)} ms; SQL p50 ${sqlLatency.p50.toFixed(1)} p99 ${sqlLatency.p99.toFixed(1)} ms`,
  );
  return { label, division, year, api, sql: sqlLatency, agrees };
}

async function measure(runs: number, cities: number): Promise<{ province: ProvinceFigures; cases: Case[] }> {
  log('starting a fresh server with an empty database (embedded PostgreSQL in a temp dir)');
  const server = await startTestServer({ SEED_SCALE: 'none', LOG_LEVEL: 'warn' });
  try {
    const pool = server.ctx.database.pool;
    const province = await withHeartbeat('building the province', buildProvince(pool, server.ctx.db, cities));
    log(
      `province: ${fmt.int(province.compounds)} compounds, ${fmt.int(province.households)} households, ${fmt.int(province.projects)} projects ` +
        `(${fmt.int(province.projectsInYear)} in ${CURRENT_YEAR}), ${fmt.int(province.ballots)} ballots, ${fmt.int(province.surveyResponses)} survey responses in ${fmt.s(province.seconds)}`,
    );
    await server.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username: 'province',
        displayName: '省级管理员（压测）',
        password: PASSWORD,
        role: 'city_admin',
        scopeDivision: PROVINCE,
      }),
    );
    const token = await bearerToken(server.url, 'province', PASSWORD);
    const { rows } = await pool.query<{ code: string }>(
      `select left(community_codes[1], 9) as code from projects where year = $1 group by 1 order by count(*) desc, 1 limit 1`,
      [CURRENT_YEAR],
    );
    const subdistrict = rows[0]!.code;
    const city = `${subdistrict.slice(0, 4)}00`;
    const cases: Case[] = [];
    for (const [label, division] of [
      ['province', PROVINCE],
      ['city', city],
      ['subdistrict', subdistrict],
    ] as const) {
      cases.push(await measureCase(server.url, token, pool, runs, `${label} ${division}, all years`, division));
      cases.push(await measureCase(server.url, token, pool, runs, `${label} ${division}, ${CURRENT_YEAR}`, division, CURRENT_YEAR));
    }
    return { province, cases };
  } finally {
    await server.close();
  }
}

function figures(cases: Case[], runs: number): Figure[] {
  return cases.map((c) => ({
    figure: `GET /stats/overview, ${c.label} (p99 of ${runs})${c.agrees.length ? ' — FIGURES DIFFER' : ''}`,
    budget: `p99 < ${BUDGET_P99_MS} ms`,
    measured: `p99 ${c.api.p99.toFixed(1)} ms (p50 ${c.api.p50.toFixed(1)})`,
    reference: `p50 ${c.sql.p50.toFixed(1)} ms (p99 ${c.sql.p99.toFixed(1)}) one hand-written SQL`,
    ratio: fmt.ratio(c.api.p50 / c.sql.p50),
    pass: c.api.p99 < BUDGET_P99_MS && c.agrees.length === 0,
  }));
}

async function main(): Promise<void> {
  const busyBefore = await cpuBusyPercent();
  const runs = numberFlag('runs', 200);
  const { province, cases } = await measure(runs, numberFlag('cities', 11));
  const cpu = os.cpus();
  const report: Report = {
    title: 'Renova benchmark (city overview at province scale)',
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    totalSeconds: elapsedSeconds(),
    figures: figures(cases, runs),
    notes: [
      `Data: a synthetic province written in SQL by bench/support/province.ts (setseed, reproducible): ${fmt.int(province.compounds)} compounds, ` +
        `${fmt.int(province.households)} households, ${fmt.int(province.projects)} projects over 2019–${CURRENT_YEAR} (${fmt.int(province.projectsInYear)} in ${CURRENT_YEAR}) ` +
        `with compounds, outcomes and funding lines, ${fmt.int(province.ballots)} closed consent and plan ballots with their tallies, ${fmt.int(province.surveyResponses)} satisfaction-survey responses; built in ${fmt.s(province.seconds)}. ` +
        'Individual votes are not written: the overview reads a closed ballot’s stored tally, never its votes.',
      `Measured: ${runs} sequential GET /api/v1/stats/overview over HTTP as a province-scoped account after 5 untimed ones, per division and period; ` +
        'the reference is the same figures as one hand-written SQL query on the pool (at most 30 runs), written from the definitions over the raw records: it counts every satisfaction response, where the API reads the tallies frozen when each survey closed. ' +
        'The ratio is API p50 over SQL p50 (HTTP, JSON, authorisation and the modules’ separate queries against one query). ' +
        'Each case first checks that the API’s figures equal the query’s; a difference fails the row.',
      `Client, server and PostgreSQL share ${cpu.length} CPU cores; CPU busy before the run: ${busyBefore.toFixed(0)} %.`,
    ],
    raw: { province, cases },
  };
  console.log(`\n${report.title}\n\n${textTable(report.figures)}\n`);
  for (const n of report.notes) console.log(`- ${n}`);
  for (const f of writeReport(resultsDir, 'overview', report)) log(`wrote ${path.relative(process.cwd(), f)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
