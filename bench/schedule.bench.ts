// `npm run bench:schedule`: the renovate-once scheduler.
//   1. the RCPSP core on PSPLIB j30 and j60 (every schedule checked by verify.ts),
//      deviation from the known optimum / best known makespan, time per instance;
//   2. a generated city (--set city): time, peak memory, disturbance days and
//      excavations of the coordinated plan against the uncoordinated baseline.
// Flags (either --name value or --name=value):
//   --set j30|j60|demo|city|all (default all; demo: the demo city's year through the API)   --limit N (instances per set)
//   --data <dir> (default ../shared/data/psplib from the repo root)
//   --time-limit <ms> (per instance; default 700 for j30, 1500 for j60, the solver's own for the city)
//   --workers N (instances solved at a time, default 1; 2 uses both cores)   --seed N   --compounds N (default 60 and 3000)
// Exit code 0 whether or not budgets are met (the table says); 1 on errors or infeasible schedules.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { parsePsplib, psplibModel, solveRcpsp, verifySchedule } from '../src/modules/coordination/index.ts';
import { benchCity, type CityFigures } from './support/city-schedule.ts';
import { benchDemoSchedule, type DemoScheduleFigures } from './support/schedule-demo.ts';
import { PLAN_YEAR } from '../src/modules/projects/index.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { cpuBusyPercent, elapsedSeconds, log } from './support/run.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BUDGET = {
  j30: { meanDeviation: 0.05, seconds: 1 },
  j60: { meanDeviation: 0.5, seconds: 2 },
  cityLarge: { seconds: 60, rssMb: 1024 },
  citySmall: { seconds: 5 },
};
const DEFAULT_LIMIT_MS = { j30: 700, j60: 1500 };
// One instance at a time by default: the machine's two cores are shared, and a descheduled worker's wall clock counts against it.
const DEFAULT_WORKERS = 1;

function arg(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = process.argv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : process.argv[i + 1];
}
function numberArg(name: string): number | undefined {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

interface Task {
  name: string;
  text: string;
  timeLimitMs: number;
  seed: number;
}
interface Solved {
  name: string;
  starts: [string, number][];
  makespan: number;
  ms: number;
  schedules: number;
  atLowerBound: boolean;
}

function solveTask(t: Task): Solved {
  const model = psplibModel(parsePsplib(t.text));
  const t0 = performance.now();
  const s = solveRcpsp(model, { timeLimitMs: t.timeLimitMs, seed: t.seed });
  const ms = performance.now() - t0;
  return {
    name: t.name,
    starts: [...s.starts],
    makespan: s.makespan,
    ms,
    schedules: s.stats.schedules,
    atLowerBound: s.stats.atLowerBound,
  };
}

/** A worker thread that loads TypeScript through tsx, as the main thread does. */
function startWorker(): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(boot, { eval: true });
}

async function solveAll(tasks: Task[], workers: number): Promise<Solved[]> {
  const out: Solved[] = [];
  let next = 0;
  const pool = Array.from({ length: Math.min(workers, tasks.length) }, startWorker);
  await Promise.all(
    pool.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const feed = () => {
            if (next >= tasks.length) return void w.terminate().then(() => resolve());
            w.postMessage(tasks[next++]);
          };
          w.on('message', (m: Solved) => {
            out.push(m);
            if (out.length % 60 === 0 || out.length === tasks.length) log(`  ${out.length}/${tasks.length} instances`);
            feed();
          });
          w.on('error', reject);
          feed();
        }),
    ),
  );
  return out;
}

interface SetFigures {
  set: 'j30' | 'j60';
  instances: number;
  timeLimitMs: number;
  meanDeviation: number;
  maxDeviation: number;
  atKnown: number;
  meanSeconds: number;
  maxSeconds: number;
  meanSchedules: number;
  atLowerBound: number;
  slowest: string;
  infeasible: string[];
}

async function benchSet(set: 'j30' | 'j60', dataDir: string): Promise<SetFigures> {
  const dir = path.join(dataDir, set);
  const known = new Map(
    readFileSync(path.join(dir, 'optimum', 'optimum.csv'), 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(',') as [string, string])
      // Open j60 instances read `LB..UB` or `..UB`: the known value is the best known makespan, the upper bound.
      .map(([p, v]) => [p.trim(), Number(v.includes('..') ? v.slice(v.indexOf('..') + 2) : v)]),
  );
  const limit = numberArg('limit') ?? Number.POSITIVE_INFINITY;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sm') && known.has(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .slice(0, limit);
  const timeLimitMs = numberArg('time-limit') ?? DEFAULT_LIMIT_MS[set];
  const seed = numberArg('seed') ?? 1;
  log(`${set}: ${files.length} instances, ${timeLimitMs} ms each at most, ${numberArg('workers') ?? DEFAULT_WORKERS} at a time`);
  const tasks = files.map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8'), timeLimitMs, seed }));
  const solved = await solveAll(tasks, numberArg('workers') ?? DEFAULT_WORKERS);
  const texts = new Map(tasks.map((t) => [t.name, t.text]));
  const infeasible: string[] = [];
  const deviations = solved.map((s) => {
    const model = psplibModel(parsePsplib(texts.get(s.name)!));
    const starts = new Map(s.starts);
    const violations = verifySchedule(model, starts);
    const makespan = Math.max(...model.activities.map((a) => starts.get(a.id)! + a.duration));
    if (violations.length || makespan !== s.makespan)
      infeasible.push(`${s.name}: ${violations[0] ?? `makespan ${makespan} ≠ ${s.makespan}`}`);
    const best = known.get(s.name)!;
    return (100 * (makespan - best)) / best;
  });
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return {
    set,
    instances: solved.length,
    timeLimitMs,
    meanDeviation: mean(deviations),
    maxDeviation: Math.max(0, ...deviations),
    atKnown: deviations.filter((d) => d <= 0).length,
    meanSeconds: mean(solved.map((s) => s.ms)) / 1000,
    maxSeconds: Math.max(0, ...solved.map((s) => s.ms)) / 1000,
    meanSchedules: mean(solved.map((s) => s.schedules)),
    atLowerBound: solved.filter((s) => s.atLowerBound).length,
    slowest: solved.reduce((a, b) => (b.ms > a.ms ? b : a), solved[0]!).name,
    infeasible,
  };
}

const pct = (x: number) => `${x.toFixed(3)} %`;

function setFigures(f: SetFigures): Figure[] {
  const b = BUDGET[f.set];
  const ref = `PSPLIB ${f.set === 'j30' ? 'optimum' : 'optimum / best known'}`;
  return [
    {
      figure: `${f.set}: mean deviation from the known makespan (${f.instances} instances)`,
      budget: `<= ${b.meanDeviation} %`,
      measured: pct(f.meanDeviation),
      reference: ref,
      ratio: '—',
      pass: f.meanDeviation <= b.meanDeviation && f.infeasible.length === 0,
    },
    { figure: `  ${f.set}: max deviation`, budget: '—', measured: pct(f.maxDeviation), reference: ref, ratio: '—', pass: null },
    {
      figure: `  ${f.set}: share at the known makespan`,
      budget: '—',
      measured: `${((100 * f.atKnown) / Math.max(1, f.instances)).toFixed(1)} % (${f.atKnown})`,
      reference: ref,
      ratio: '—',
      pass: null,
    },
    {
      figure: `${f.set}: time per instance, mean / max`,
      budget: `<= ${b.seconds} s`,
      measured: `${f.meanSeconds.toFixed(2)} s / ${f.maxSeconds.toFixed(2)} s`,
      reference: `limit ${f.timeLimitMs} ms`,
      ratio: '—',
      pass: f.maxSeconds <= b.seconds,
    },
    {
      figure: `  ${f.set}: infeasible schedules (verify.ts)`,
      budget: '0',
      measured: String(f.infeasible.length),
      reference: '—',
      ratio: '—',
      pass: f.infeasible.length === 0,
    },
  ];
}

function cityFigures(c: CityFigures, budgetSeconds: number, rssBudgetMb?: number): Figure[] {
  const label = `city ${fmt.int(c.compounds)} compounds (${fmt.int(c.activities)} packages, ${c.departments} departments)`;
  const rows: Figure[] = [
    {
      figure: `${label}: plan time (compile + baseline + search)`,
      budget: `< ${budgetSeconds} s`,
      measured: fmt.s(c.seconds),
      reference: `${fmt.s(c.baselineSeconds)} (baseline alone)`,
      ratio: '—',
      pass: c.seconds < budgetSeconds && c.violations === 0,
    },
    {
      figure: `  disturbance days, plan vs baseline`,
      budget: '< baseline',
      measured: fmt.int(c.plan.disturbanceDays),
      reference: `${fmt.int(c.baseline.disturbanceDays)} (baseline)`,
      ratio: fmt.ratio(c.plan.disturbanceDays / Math.max(1, c.baseline.disturbanceDays)),
      pass: c.plan.disturbanceDays < c.baseline.disturbanceDays,
    },
    {
      figure: `  excavations, plan vs baseline (one per compound is ideal)`,
      budget: `${fmt.int(c.compoundsDigging)}`,
      measured: fmt.int(c.plan.excavations),
      reference: `${fmt.int(c.baseline.excavations)} (baseline)`,
      ratio: fmt.ratio(c.plan.excavations / Math.max(1, c.baseline.excavations)),
      pass: c.plan.excavations === c.compoundsDigging,
    },
    {
      figure: `  makespan, plan vs baseline (days)`,
      budget: '—',
      measured: fmt.int(c.plan.makespan),
      reference: `${fmt.int(c.baseline.makespan)} (baseline)`,
      ratio: fmt.ratio(c.plan.makespan / Math.max(1, c.baseline.makespan)),
      pass: null,
    },
    {
      figure: `  violations (verify.ts, plan + baseline)`,
      budget: '0',
      measured: String(c.violations),
      reference: '—',
      ratio: '—',
      pass: c.violations === 0,
    },
  ];
  if (rssBudgetMb)
    rows.push({
      figure: '  peak RSS of the bench process',
      budget: `< ${fmt.int(rssBudgetMb)} MB`,
      measured: fmt.mb(c.peakRssMb),
      reference: '—',
      ratio: '—',
      pass: c.peakRssMb < rssBudgetMb,
    });
  return rows;
}

function demoFigures(d: DemoScheduleFigures): Figure[] {
  return [
    {
      figure: `demo year ${PLAN_YEAR} via the API: ${d.compounds} compounds, ${fmt.int(d.packages)} packages, ${d.departments} departments`,
      budget: `< ${BUDGET.citySmall.seconds} s`,
      measured: `${d.seconds.toFixed(2)} s`,
      reference: '—',
      ratio: '—',
      pass: d.seconds < BUDGET.citySmall.seconds && d.oneWindowEach,
    },
    {
      figure: '  demo year: disturbance days, coordinated vs departments alone',
      budget: '(report)',
      measured: `${fmt.int(d.disturbanceDays.coordinated)} vs ${fmt.int(d.disturbanceDays.baseline)}`,
      reference: '—',
      ratio: fmt.ratio(d.disturbanceDays.coordinated / d.disturbanceDays.baseline),
      pass: null,
    },
    {
      figure: '  demo year: repeated excavations, coordinated vs departments alone',
      budget: 'one window per compound',
      measured: `${d.repeatedExcavations.coordinated} vs ${d.repeatedExcavations.baseline}`,
      reference: '—',
      ratio: '—',
      pass: d.oneWindowEach && d.repeatedExcavations.coordinated === 0,
    },
  ];
}

async function main(): Promise<void> {
  const busyBefore = await cpuBusyPercent();
  const which = arg('set') ?? 'all';
  const dataDir = path.resolve(arg('data') ?? path.join(here, '..', '..', 'shared', 'data', 'psplib'));
  const sets = (which === 'all' ? ['j30', 'j60'] : [which]).filter((s): s is 'j30' | 'j60' => s === 'j30' || s === 'j60');
  const measured: SetFigures[] = [];
  for (const set of sets) measured.push(await benchSet(set, dataDir));
  const demo = which === 'all' || which === 'demo' ? await benchDemoSchedule(numberArg('runs') ?? 3) : undefined;
  const city: { small?: CityFigures; large?: CityFigures } = {};
  if (which === 'all' || which === 'city') {
    const seed = numberArg('seed') ?? 1;
    const only = numberArg('compounds');
    if (!only || only <= 100) city.small = benchCity(only ?? 60, seed);
    if (!only || only > 100) city.large = benchCity(only ?? 3000, seed);
  }

  const cpu = os.cpus();
  const report: Report = {
    title: 'Renova benchmark (renovate-once scheduler)',
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    totalSeconds: elapsedSeconds(),
    figures: [
      ...measured.flatMap(setFigures),
      ...(demo ? demoFigures(demo) : []),
      ...(city.small ? cityFigures(city.small, BUDGET.citySmall.seconds) : []),
      ...(city.large ? cityFigures(city.large, BUDGET.cityLarge.seconds, BUDGET.cityLarge.rssMb) : []),
    ],
    notes: [
      'PSPLIB: the RCPSP core (serial SGS on activity lists, forward–backward justification, a genetic algorithm with restarts; ' +
        'it stops early at the critical-path / resource lower bound). Each instance is solved in a worker thread under its own wall-clock limit; ' +
        'the time per instance is measured around parse-free solving (compile + search). Every schedule is checked by verify.ts in the main thread.',
      ...measured.map(
        (m) =>
          `${m.set}: ${fmt.int(m.meanSchedules)} schedules per instance on average, ${m.atLowerBound} instances stopped at the lower bound, slowest ${m.slowest}.` +
          (m.infeasible.length ? ` INFEASIBLE: ${m.infeasible.slice(0, 5).join('; ')}` : ''),
      ),
      'City: a generated city (seeded) of compounds with 6–10 packages each, most of them opening the ground, across the departments; city-wide ' +
        'blackouts (festival weeks), some compounds with their own blackouts and later earliest starts. Baseline: each department first-come first-served ' +
        'by earliest start, no coordination (renovate-once.ts). Plan: planRenovation with the solver’s default time budget.',
      ...(demo
        ? [
            `Demo year through the product: a fresh server seeded with the demo city, POST /api/v1/schedules {year: ${PLAN_YEAR}} as the city admin, ` +
              'timed from the request to the finished job (the model built from the records, solved in the worker thread, both plans verified by verify.ts, ' +
              `stored, liaisons notified), ${demo.runs.length} runs: ${demo.runs.map((r) => r.toFixed(2)).join(', ')} s; the slowest is the figure.`,
          ]
        : []),
      `CPU busy in the second before the run: ${busyBefore.toFixed(0)}% of ${cpu.length} cores (other processes competing skew every timing).`,
    ],
    raw: { sets: measured.map((m) => ({ ...m, infeasible: m.infeasible.slice(0, 20) })), demo, city, busyBefore },
  };
  process.stdout.write(`\n${textTable(report.figures)}\n\n${report.notes.map((n) => `* ${n}`).join('\n')}\n\n`);
  for (const file of writeReport(path.join(here, 'results'), 'schedule', report)) log(`wrote ${path.relative(process.cwd(), file)}`);
  if (measured.some((m) => m.infeasible.length) || (city.large?.violations ?? 0) + (city.small?.violations ?? 0) > 0) process.exitCode = 1;
}

if (isMainThread)
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
else parentPort!.on('message', (t: Task) => parentPort!.postMessage(solveTask(t)));
