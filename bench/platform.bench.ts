// `npm run bench:platform`: the platform budgets of issue 11, each beside a reference measured in the same run.
//   1. domain events: recorded at 1,000/s (one transaction each, as modules do), delivered to a handler on one
//      worker; p99 from commit to handler under 1 s; none lost, none handled twice.
//      Reference: a bare LISTEN/NOTIFY round trip at the same rate (the floor of any cross-process wake-up).
//   2. a job queued on an idle system starts p99 under 1 s. Reference: the same bare NOTIFY round trip.
//   3. two API processes behind nginx serve the compound list at ≥ 0.7× the requests/s of one process alone.
// Flags: --rate=1000 --seconds=20 --jobs=100 --nginx-seconds=10
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTestServer } from '../src/apps/test-server.ts';
import { Events, defineHandler } from '../src/platform/events.ts';
import { createLogger } from '../src/platform/logger.ts';
import { Queue, defineJob } from '../src/platform/queue.ts';
import type { AppContext } from '../src/platform/context.ts';
import { benchBalancer, type BalancerFigures } from './support/balancer.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { cpuBusyPercent, elapsedSeconds, log, numberFlag, sleep } from './support/run.ts';

const BUDGET = { eventP99Ms: 1000, jobStartP99Ms: 1000, balancerRatio: 0.7 };
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

interface Latency {
  count: number;
  p50: number;
  p99: number;
  max: number;
}
const latency = (xs: number[]): Latency => ({ count: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: Math.max(...xs) });

/** A bare NOTIFY → LISTEN round trip at `rate` per second, for `count` messages. */
async function notifyRoundTrip(url: string, rate: number, count: number): Promise<Latency> {
  const listener = new pg.Client({ connectionString: url });
  const sender = new pg.Client({ connectionString: url });
  await listener.connect();
  await sender.connect();
  const sent = new Map<string, number>();
  const took: number[] = [];
  listener.on('notification', (n) => {
    const at = sent.get(n.payload ?? '');
    if (at !== undefined) took.push(performance.now() - at);
  });
  await listener.query('listen bench_roundtrip');
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    sent.set(String(i), performance.now());
    await sender.query(`select pg_notify('bench_roundtrip', $1)`, [String(i)]);
  }
  const deadline = Date.now() + 10_000;
  while (took.length < count && Date.now() < deadline) await sleep(20);
  await listener.end();
  await sender.end();
  return latency(took);
}

interface EventFigures {
  recorded: number;
  handled: number;
  duplicates: number;
  marks: number;
  latency: Latency;
  achievedRate: number;
}

async function benchEvents(ctx: AppContext, rate: number, seconds: number): Promise<EventFigures> {
  const { database } = ctx;
  const log_ = createLogger('warn');
  const listen = (channel: string, onNotify: (p: string) => void) =>
    database.notifications.subscribe(channel, { onNotify, onReset: () => undefined });
  const queue = new Queue(database.db, database.pool, log_, { listen, supervise: false });
  const events = new Events(queue.boss, database.db, log_, listen);
  const recordedAt = new Map<string, number>();
  const took: number[] = [];
  const seen = new Map<string, number>();
  const handler = defineHandler<{ n: number }>({
    name: 'bench.platform',
    topic: 'bench.happened',
    async handle(_ctx, event) {
      seen.set(event.id, (seen.get(event.id) ?? 0) + 1);
      const at = recordedAt.get(event.id);
      if (at !== undefined) took.push(performance.now() - at);
    },
  });
  events.register(handler);
  await queue.start();
  await events.start();
  await events.work(ctx);
  const total = rate * seconds;
  const start = performance.now();
  // Producers at a fixed rate, each event in its own transaction, several in flight as several requests would be.
  let next = 0;
  const producer = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const due = start + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      // Counted from before the transaction: the latency includes recording the event and committing it.
      const t0 = performance.now();
      const id = await database.db.transaction((tx) => events.record(tx, 'bench.happened', { n: i }));
      if (!seen.has(id)) recordedAt.set(id, t0);
      else took.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: 16 }, producer));
  const achievedRate = total / ((performance.now() - start) / 1000);
  const deadline = Date.now() + 60_000;
  while (seen.size < total && Date.now() < deadline) await sleep(50);
  await sleep(500);
  const { rows } = await database.pool.query<{ n: number }>(
    `select count(*)::int as n from handled_events where handler = 'bench.platform'`,
  );
  await queue.stop();
  return {
    recorded: total,
    handled: seen.size,
    duplicates: [...seen.values()].filter((n) => n > 1).length,
    marks: rows[0]!.n,
    latency: latency(took.filter((x) => Number.isFinite(x))),
    achievedRate,
  };
}

async function benchJobStart(ctx: AppContext, count: number): Promise<Latency> {
  const { database } = ctx;
  const log_ = createLogger('warn');
  const listen = (channel: string, onNotify: (p: string) => void) =>
    database.notifications.subscribe(channel, { onNotify, onReset: () => undefined });
  const queue = new Queue(database.db, database.pool, log_, { listen, supervise: false });
  let started: (() => void) | undefined;
  const probe = defineJob<object>({
    name: 'bench.probe',
    async run() {
      started?.();
      return null;
    },
  });
  queue.register(probe);
  await queue.start();
  await queue.work(ctx);
  const took: number[] = [];
  for (let i = 0; i < count; i++) {
    // Idle between jobs, as a user's request finds the system.
    await sleep(100);
    const begun = new Promise<void>((r) => (started = r));
    const t0 = performance.now();
    await queue.enqueue(database.db, probe, {}, { createdBy: null });
    await begun;
    took.push(performance.now() - t0);
  }
  await queue.stop();
  return latency(took);
}

interface Measured {
  events: EventFigures;
  eventsReference: Latency;
  jobStart: Latency;
  jobReference: Latency;
  balancer: BalancerFigures | { skipped: string };
}

async function measure(): Promise<Measured> {
  const rate = numberFlag('rate', 1000);
  const seconds = numberFlag('seconds', 20);
  log('starting a fresh server (embedded PostgreSQL in a temp dir, no seed)');
  const server = await startTestServer({ SEED_SCALE: 'none', LOG_LEVEL: 'warn' });
  try {
    const url = server.ctx.database.url;
    log(`events: ${rate}/s for ${seconds} s`);
    const events = await benchEvents(server.ctx, rate, seconds);
    log('reference: bare NOTIFY round trips at the same rate');
    const eventsReference = await notifyRoundTrip(url, rate, Math.min(rate * seconds, 10_000));
    log('job start latency on an idle system');
    const jobStart = await benchJobStart(server.ctx, numberFlag('jobs', 100));
    const jobReference = await notifyRoundTrip(url, 10, numberFlag('jobs', 100));
    await server.close();
    log('two API processes behind nginx against one alone');
    const balancer = await benchBalancer(
      numberFlag('nginx-seconds', 10),
      numberFlag('connections', 20),
      numberFlag('nginx-workers', 2),
    ).catch((err: Error) => ({ skipped: err.message }));
    return { events, eventsReference, jobStart, jobReference, balancer };
  } catch (err) {
    await server.close();
    throw err;
  }
}

function figures(m: Measured): Figure[] {
  const e = m.events;
  const out: Figure[] = [
    {
      figure: `Outbox event → handler, ${fmt.int(e.recorded)} events at ${fmt.int(e.achievedRate)}/s, one worker (p99)`,
      budget: `p99 < ${BUDGET.eventP99Ms} ms`,
      measured: `p99 ${e.latency.p99.toFixed(1)} ms (p50 ${e.latency.p50.toFixed(1)}, max ${e.latency.max.toFixed(0)})`,
      reference: `bare NOTIFY round trip p99 ${m.eventsReference.p99.toFixed(2)} ms`,
      ratio: fmt.ratio(e.latency.p99 / m.eventsReference.p99),
      pass: e.latency.p99 < BUDGET.eventP99Ms && e.handled === e.recorded && e.duplicates === 0,
    },
    {
      figure: 'Events lost / handled twice',
      budget: '0 / 0',
      measured: `${e.recorded - e.handled} / ${e.duplicates} (marks ${fmt.int(e.marks)})`,
      reference: '—',
      ratio: '—',
      pass: e.handled === e.recorded && e.duplicates === 0 && e.marks === e.recorded,
    },
    {
      figure: `Job queued on an idle system → started (p99 of ${m.jobStart.count})`,
      budget: `p99 < ${BUDGET.jobStartP99Ms} ms`,
      measured: `p99 ${m.jobStart.p99.toFixed(1)} ms (p50 ${m.jobStart.p50.toFixed(1)})`,
      reference: `bare NOTIFY round trip p99 ${m.jobReference.p99.toFixed(2)} ms`,
      ratio: fmt.ratio(m.jobStart.p99 / m.jobReference.p99),
      pass: m.jobStart.p99 < BUDGET.jobStartP99Ms,
    },
  ];
  const b = m.balancer;
  if ('skipped' in b)
    out.push({
      figure: '2 API processes behind nginx vs 1 alone',
      budget: `≥ ${BUDGET.balancerRatio}×`,
      measured: `not run: ${b.skipped}`,
      reference: '—',
      ratio: '—',
      pass: false,
    });
  else
    out.push({
      figure: `Compound list, 2 API processes behind nginx (${b.connections} connections, median of 3 alternating ${b.seconds} s rounds)`,
      budget: `≥ ${BUDGET.balancerRatio}× one process alone`,
      measured: `${fmt.int(b.balanced.rps)} req/s (p99 ${b.balanced.p99} ms)`,
      reference: `one process alone ${fmt.int(b.single.rps)} req/s (p99 ${b.single.p99} ms)`,
      ratio: fmt.ratio(b.balanced.rps / b.single.rps),
      pass: b.balanced.rps / b.single.rps >= BUDGET.balancerRatio,
    });
  if (!('skipped' in b))
    out.push({
      figure: '  the nginx hop alone: one process behind the same nginx',
      budget: '(report)',
      measured: `${fmt.int(b.oneBehindNginx.rps)} req/s (p99 ${b.oneBehindNginx.p99} ms)`,
      reference: `one process alone ${fmt.int(b.single.rps)} req/s`,
      ratio: fmt.ratio(b.oneBehindNginx.rps / b.single.rps),
      pass: null,
    });
  return out;
}

async function main() {
  const busyBefore = await cpuBusyPercent();
  const m = await measure();
  const cpu = os.cpus();
  const report: Report = {
    title: 'Renova benchmark (platform: events, jobs, processes behind a balancer)',
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    totalSeconds: elapsedSeconds(),
    figures: figures(m),
    notes: [
      'Events are recorded by 16 concurrent producers, each event in its own transaction (as a module records one with its change); the handler runs in the same process as the producers, on one worker.',
      'Workers are woken by NOTIFY at commit (pg-boss notifyWorker); polling every 2 s is only the fallback.',
      `CPU busy in the second before the run: ${busyBefore.toFixed(0)}% of ${cpu.length} cores (other processes competing skew every figure).`,
    ],
    raw: { ...m, cpuBusyPercentBefore: busyBefore },
  };
  process.stdout.write(`\n${textTable(report.figures)}\n\n${report.notes.map((n) => `* ${n}`).join('\n')}\n\n`);
  for (const file of writeReport(resultsDir, 'platform', report)) log(`wrote ${path.relative(process.cwd(), file)}`);
  log(`total ${fmt.s(report.totalSeconds)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
