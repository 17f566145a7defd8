// `npm run bench`: the registry's performance budgets at city scale, each next
// to a physical reference measured in the same run on the same machine.
//   1. household import rate (real importFile path) vs raw multi-row INSERTs
//   2. compound list req/s and p99 (autocannon) vs a hello-world Fastify route
//   3. resident memory of a `renova serve` process after seeding demo
// Flags: --scale=city --rows=50000 --compounds=400 --connections=50 --duration=10
// Exit code 0 whether or not budgets are met (the table says); 1 on errors.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../src/apps/seed.ts';
import { startTestServer } from '../src/apps/test-server.ts';
import { measureServerMemory, type MemoryFigures } from './support/child-server.ts';
import { benchHouseholdImport, type ImportFigures } from './support/household-import.ts';
import { benchPlanChecks, type PlanCheckFigures } from './support/projects.ts';
import { bearerToken, getJson, load, startHelloServer, type LoadFigures, type LoadSettings } from './support/load.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { cpuBusyPercent, elapsedSeconds, flag, log, numberFlag, timed, withHeartbeat } from './support/run.ts';

const BUDGET = { importRatio: 0.5, listRatio: 0.1, listP99Ms: 50, nodeRssMb: 300, planChecksPerSecond: 10_000, summaryP99Ms: 100 };
const SUMMARY_QUERY = '/api/v1/funding/summary?year=2021';
const LIST_QUERY = '/api/v1/compounds?division=330105004&limit=50&yearTo=2000&eligible=true';
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

interface Measured {
  scale: string;
  seed: { seconds: number; compounds: number; households: number };
  importing: ImportFigures;
  list: LoadFigures;
  hello: LoadFigures;
  load: LoadSettings;
  memory: MemoryFigures;
  planChecks: PlanCheckFigures;
  summary: LoadFigures;
}

async function measure(): Promise<Measured> {
  const scale = flag('scale', 'city');
  const rows = numberFlag('rows', 50_000);
  const compoundCount = numberFlag('compounds', 400);
  const loadSettings = { connections: numberFlag('connections', 50), durationSeconds: numberFlag('duration', 10) };

  log(`starting a fresh server, seeding scale ${scale} (embedded PostgreSQL in a temp dir)`);
  const started = await timed(() => withHeartbeat(`seeding ${scale}`, startTestServer({ SEED_SCALE: scale, LOG_LEVEL: 'warn' })));
  const server = started.value;
  let closed = false;
  const closeServer = async () => {
    if (!closed) {
      closed = true;
      await server.close();
    }
  };
  try {
    const { rows: counts } = await server.ctx.database.pool.query<{ compounds: number; households: number }>(
      'select (select count(*)::int from compounds) as compounds, (select count(*)::int from households) as households',
    );
    const seed = { seconds: started.seconds, ...counts[0]! };
    log(
      `seeded ${fmt.int(seed.compounds)} compounds, ${fmt.int(seed.households)} households in ${fmt.s(seed.seconds)}; serving ${server.url}`,
    );

    const importing = await benchHouseholdImport(server.ctx, rows, compoundCount);

    const token = await bearerToken(server.url, 'hemu', DEMO_PASSWORD);
    const page = await getJson<{ items: unknown[] }>(server.url + LIST_QUERY, token);
    log(`compound list answers ${page.items.length} items a page`);
    const list = await load('compound list', server.url + LIST_QUERY, loadSettings, { authorization: `Bearer ${token}` });
    const planChecks = await benchPlanChecks(server.ctx, 2021);
    const adminToken = await bearerToken(server.url, 'admin', DEMO_PASSWORD);
    const summary = await load('funding summary', server.url + SUMMARY_QUERY, loadSettings, { authorization: `Bearer ${adminToken}` });

    const hello = await startHelloServer();
    let helloFigures: LoadFigures;
    try {
      helloFigures = await load('hello world', hello.url, loadSettings);
    } finally {
      await hello.close();
    }
    // The city server is idle from here on; stop it so the memory step has the machine to itself.
    await closeServer();
    const memory = await measureServerMemory();
    return { scale, seed, importing, list, hello: helloFigures, load: loadSettings, memory, planChecks, summary };
  } finally {
    await closeServer();
  }
}

function figures(m: Measured): Figure[] {
  const importRatio = m.importing.importRowsPerSecond / m.importing.rawRowsPerSecond;
  const listRatio = m.list.requestsPerSecond / m.hello.requestsPerSecond;
  return [
    {
      figure: `Household import (${fmt.int(m.importing.rows)} rows .xlsx), rows/s`,
      budget: `ratio >= ${BUDGET.importRatio}`,
      measured: fmt.int(m.importing.importRowsPerSecond),
      reference: `${fmt.int(m.importing.rawRowsPerSecond)} (raw INSERT)`,
      ratio: fmt.ratio(importRatio),
      pass: importRatio >= BUDGET.importRatio,
    },
    {
      figure: `  same import from .csv (${fmt.int(m.importing.rows)} other rows), rows/s`,
      budget: '—',
      measured: fmt.int(m.importing.csvImportRowsPerSecond),
      reference: `${fmt.int(m.importing.rawRowsPerSecond)} (raw INSERT)`,
      ratio: fmt.ratio(m.importing.csvImportRowsPerSecond / m.importing.rawRowsPerSecond),
      pass: null,
    },
    {
      figure: 'Compound list, req/s',
      budget: `ratio >= ${BUDGET.listRatio}`,
      measured: fmt.int(m.list.requestsPerSecond),
      reference: `${fmt.int(m.hello.requestsPerSecond)} (hello world)`,
      ratio: fmt.ratio(listRatio),
      pass: listRatio >= BUDGET.listRatio,
    },
    {
      figure: 'Compound list, p99 latency',
      budget: `< ${BUDGET.listP99Ms} ms`,
      measured: fmt.ms(m.list.p99Ms),
      reference: `${fmt.ms(m.hello.p99Ms)} (hello world)`,
      ratio: '—',
      pass: m.list.p99Ms < BUDGET.listP99Ms,
    },
    {
      figure: `Plan and funding checks (${fmt.int(m.planChecks.projects)} projects of ${m.planChecks.year}), projects/s`,
      budget: `>= ${fmt.int(BUDGET.planChecksPerSecond)}`,
      measured: fmt.int(m.planChecks.projectsPerSecond),
      reference: `${fmt.int(m.planChecks.referencePerSecond)} (bare sums)`,
      ratio: fmt.ratio(m.planChecks.projectsPerSecond / m.planChecks.referencePerSecond),
      pass: m.planChecks.projectsPerSecond >= BUDGET.planChecksPerSecond,
    },
    {
      figure: 'Funding summary (city, a year), p99 latency',
      budget: `< ${BUDGET.summaryP99Ms} ms`,
      measured: fmt.ms(m.summary.p99Ms),
      reference: `${fmt.ms(m.hello.p99Ms)} (hello world)`,
      ratio: fmt.ratio(m.summary.requestsPerSecond / m.hello.requestsPerSecond),
      pass: m.summary.p99Ms < BUDGET.summaryP99Ms,
    },
    {
      figure: 'Server RSS after demo seed (node)',
      budget: `< ${BUDGET.nodeRssMb} MB`,
      measured: fmt.mb(m.memory.nodeRssMb),
      reference: '—',
      ratio: '—',
      pass: m.memory.nodeRssMb < BUDGET.nodeRssMb,
    },
    {
      figure: `Embedded PostgreSQL RSS (${m.memory.postgresProcesses} processes)`,
      budget: '—',
      measured: fmt.mb(m.memory.postgresRssMb),
      reference: '—',
      ratio: '—',
      pass: null,
    },
    {
      figure: `Seeding ${m.scale} (${fmt.int(m.seed.compounds)} compounds, ${fmt.int(m.seed.households)} households)`,
      budget: '—',
      measured: fmt.s(m.seed.seconds),
      reference: '—',
      ratio: '—',
      pass: null,
    },
  ];
}

function notes(m: Measured): string[] {
  const s = m.importing.stages;
  return [
    `Import: ${fmt.int(m.importing.rows)} new households over ${m.importing.compounds} existing compounds, bench.xlsx ${(m.importing.fileBytes / 1e6).toFixed(1)} MB, ` +
      `importFile(…, { background: false }) took ${fmt.s(m.importing.importSeconds)}. Stages timed apart: xlsx parse (readTable) ${fmt.s(s.xlsxParseSeconds)}, ` +
      `row parse/validate (parseRows) ${fmt.s(s.rowParseSeconds)}, write (writeHouseholds on as many other new rows, rolled back) ${fmt.s(s.writeSeconds)}, ` +
      `the rest (duplicate check, compound resolution, audit) ≈ ${fmt.s(s.restSeconds)}.`,
    `The .csv row (no budget) imports as many other new rows from a .csv file, after the .xlsx import: it shows the import without the xlsx parser's cost.`,
    `Raw INSERT reference: the same rows, unit ids pre-resolved, as plain 1,000-row INSERT … VALUES statements in one transaction into ` +
      `bench_households (LIKE households INCLUDING ALL: same indexes, no foreign keys, empty) — ${fmt.s(m.importing.rawSeconds)}.`,
    `HTTP: autocannon ${m.load.connections} connections × ${m.load.durationSeconds} s, GET ${LIST_QUERY} as hemu (bearer token). ` +
      'Autocannon runs in a worker thread of the same process as the server under test, and the embedded PostgreSQL shares the machine: ' +
      `all of them compete for ${os.cpus().length} CPU cores, so absolute figures understate a dedicated server. The hello-world reference is a bare Fastify route in the same process, same settings.`,
    `Plan and funding checks: every ${m.planChecks.year} project's latest plan (${fmt.int(m.planChecks.planLines)} lines) costed, totalled by level and checked for coverage (costPlan), ` +
      "and its funding lines checked against the cap and resident-share rules of its year (checkFunding), in process, repeated for 3 s. The reference adds the same lines' amounts with bare bigint arithmetic.",
    `Funding summary: GET ${SUMMARY_QUERY} as the city admin, same autocannon settings; the ratio column is its req/s against hello world.`,
    `Memory: \`node bin/renova.mjs serve\` with SEED_SCALE=demo, healthy after ${fmt.s(m.memory.startSeconds)}, then signed in and browsed ` +
      '(divisions, compound list, 10 compounds with their households, compound export) five times; VmRSS from /proc. The PostgreSQL figure sums ' +
      'the RSS of the postmaster and its children, so shared buffers are counted once per process that touched them.',
  ];
}

async function main(): Promise<void> {
  // Other work on the machine skews every figure; say whether there was any.
  const busyBefore = await cpuBusyPercent();
  const m = await measure();
  const cpu = os.cpus();
  const report: Report = {
    title: 'Renova benchmark (registry, projects)',
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    totalSeconds: elapsedSeconds(),
    figures: figures(m),
    notes: [
      ...notes(m),
      `CPU busy in the second before the run: ${busyBefore.toFixed(0)}% of ${os.cpus().length} cores (other processes competing skew every figure).`,
    ],
    raw: { ...m, cpuBusyPercentBefore: busyBefore },
  };
  process.stdout.write(`\n${textTable(report.figures)}\n\n${report.notes.map((n) => `* ${n}`).join('\n')}\n\n`);
  for (const file of writeReport(resultsDir, 'registry', report)) log(`wrote ${path.relative(process.cwd(), file)}`);
  log(`total ${fmt.s(report.totalSeconds)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
