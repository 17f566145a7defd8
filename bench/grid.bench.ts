// `npm run bench:grid` (issue 13, Performance): grid governance at city scale (3,000 compounds, 1,000,000 grid
// events over three years), each figure beside a physical reference measured in the same run:
//   - GET /open311/v2/requests.json with a date range and a status, p99 < 50 ms (reference: the same page as one
//     raw indexed SELECT);
//   - duplicate suggestion within 200 m of a point, p99 < 20 ms (reference: the index's bounding-box scan alone);
//   - outbound deliveries to a local receiver ≥ 1,000 signed deliveries/s with retries on (reference: raw HMAC +
//     keep-alive HTTP POST from one loop);
//   - the SLA sweep of all open events < 1 s (reference: the flagging UPDATE alone, rolled back).
// Flags: --smoke (300 compounds, 20,000 events, fewer runs: under a minute), --compounds=3000 --events=1000000
//        --runs=1000 --deliveries=20000. Exit code 0 whether or not budgets are met (the table says); 1 on errors.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { startTestServer } from '../src/apps/test-server.ts';
import { categoriesAt, listGridEvents, nearbyOpen, openStates } from '../src/modules/grid/index.ts';
import { buildGridCity, type GridCityFigures } from './support/grid-city.ts';
import { bearerToken } from './support/load.ts';
import { measureOutbound, type OutboundFigures } from './support/grid-outbound.ts';
import { measureSweep, type SweepCase } from './support/grid-sweep.ts';
import { sample, type Latency } from './support/latency.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { cpuBusyPercent, elapsedSeconds, log, numberFlag, sleep, withHeartbeat } from './support/run.ts';

const SMOKE = process.argv.includes('--smoke');
const COMPOUNDS = numberFlag('compounds', SMOKE ? 300 : 3_000);
const EVENTS = numberFlag('events', SMOKE ? 20_000 : 1_000_000);
const RUNS = numberFlag('runs', SMOKE ? 200 : 1_000);
const DELIVERIES = numberFlag('deliveries', SMOKE ? 2_000 : 20_000);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

/** A small reproducible generator (mulberry32), so each run asks the same windows and points. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const ms = (l: Latency) => `p99 ${l.p99.toFixed(1)} ms (p50 ${l.p50.toFixed(1)})`;

interface Open311Case {
  how: 'http' | 'listGridEvents';
  api: Latency;
  /** listGridEvents alone for the same pages (when the route was measured over HTTP): where the time goes. */
  list: Latency | null;
  sql: Latency;
  rowsPerPage: number;
}

/** Date ranges of 30 days within the last 90, alternately open and closed. */
function windows(n: number) {
  const r = rng(311);
  return Array.from({ length: n }, (_, i) => {
    const end = Date.now() - Math.floor(r() * 60) * DAY;
    return { from: new Date(end - 30 * DAY), to: new Date(end), status: i % 2 === 0 ? 'open' : 'closed' } as const;
  });
}

async function measureOpen311(url: string, ctx: Parameters<typeof listGridEvents>[0], pool: Pool): Promise<Open311Case> {
  const ws = windows(RUNS + 10);
  const w = (i: number) => ws[(i + ws.length) % ws.length]!;
  const probe = await fetch(`${url}/open311/v2/requests.json?jurisdiction_id=330100`);
  // The web app answers unknown paths with its page: the route exists only when it answers JSON.
  const http = probe.ok && (probe.headers.get('content-type') ?? '').includes('json');
  await probe.arrayBuffer();
  let rowsPerPage = 0;
  const api = http
    ? await sample(RUNS, async (i) => {
        const q = w(i);
        const res = await fetch(
          `${url}/open311/v2/requests.json?jurisdiction_id=330100&status=${q.status}&start_date=${q.from.toISOString()}&end_date=${q.to.toISOString()}`,
        );
        if (!res.ok) throw new Error(`requests.json: HTTP ${res.status} ${await res.text()}`);
        rowsPerPage = ((await res.json()) as unknown[]).length;
      })
    : await sample(RUNS, async (i) => {
        const q = w(i);
        const states = q.status === 'open' ? [...openStates] : (['closed'] as const);
        rowsPerPage = (await listGridEvents(ctx, { from: q.from, to: q.to, states: [...states], limit: 1000 })).length;
      });
  const list = http
    ? await sample(Math.min(RUNS, 100), async (i) => {
        const q = w(i);
        await listGridEvents(ctx, { from: q.from, to: q.to, states: q.status === 'open' ? [...openStates] : ['closed'], limit: 1000 });
      })
    : null;
  const limit = Math.max(1, rowsPerPage);
  const sql = await sample(RUNS, async (i) => {
    const q = w(i);
    await pool.query(
      `select * from grid_events where reported_at >= $1 and reported_at <= $2 and state = any($3::text[])
       order by reported_at desc, id desc limit $4`,
      [q.from, q.to, q.status === 'open' ? [...openStates] : ['closed'], limit],
    );
  });
  log(
    `open311 (${http ? 'HTTP' : 'listGridEvents'}): ${ms(api)}, ${rowsPerPage} rows a page${list ? `; listGridEvents alone ${ms(list)}` : ''}; raw SELECT ${ms(sql)}`,
  );
  return { how: http ? 'http' : 'listGridEvents', api, list, sql, rowsPerPage };
}

interface DuplicateCase {
  /** GET /api/v1/grid-events/duplicates for `dumping` (its rule's radius is 200 m), over HTTP. */
  http: Latency;
  /** nearbyOpen in process, 200 m, a random category: the query alone. */
  api: Latency;
  sql: Latency;
  found: number;
  radiusM: number;
}

async function measureDuplicates(
  url: string,
  token: string,
  ctx: Parameters<typeof listGridEvents>[0],
  pool: Pool,
  codes: string[],
  radiusM: number,
): Promise<DuplicateCase> {
  // Points near open dumping events, so the suggestion usually finds some.
  const { rows: places } = await pool.query<{ lat: number; lng: number }>(
    `select lat::float8 as lat, lng::float8 as lng from grid_events where state <> 'closed' and lat is not null
     order by (category = 'dumping') desc, md5(id::text) limit 500`,
  );
  const r = rng(200);
  const probes = Array.from({ length: RUNS + 10 }, () => {
    const p = places[Math.floor(r() * places.length)]!;
    return { category: codes[Math.floor(r() * codes.length)]!, lat: p.lat + (r() - 0.5) * 0.002, lng: p.lng + (r() - 0.5) * 0.002 };
  });
  const at = (i: number) => probes[(i + probes.length) % probes.length]!;
  let found = 0;
  const http = await sample(RUNS, async (i) => {
    const p = at(i);
    const res = await fetch(`${url}/api/v1/grid-events/duplicates?category=dumping&lat=${p.lat.toFixed(6)}&lng=${p.lng.toFixed(6)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`duplicates: HTTP ${res.status} ${await res.text()}`);
    found += ((await res.json()) as { items: unknown[] }).items.length;
  });
  const api = await sample(RUNS, async (i) => {
    const p = at(i);
    await nearbyOpen(ctx.db, p.category, p, 200);
  });
  const sql = await sample(RUNS, async (i) => {
    const p = at(i);
    const dLat = radiusM / 111_320;
    const dLng = dLat / Math.cos((p.lat * Math.PI) / 180);
    await pool.query(
      `select id from grid_events where category = 'dumping' and state <> 'closed' and lat is not null
       and lat between $1 and $2 and lng between $3 and $4`,
      [p.lat - dLat, p.lat + dLat, p.lng - dLng, p.lng + dLng],
    );
  });
  log(
    `duplicates within ${radiusM} m: HTTP ${ms(http)} (${found} found over ${RUNS} runs); nearbyOpen ${ms(api)}; raw box scan ${ms(sql)}`,
  );
  return { http, api, sql, found, radiusM };
}

/** Where a missed budget's time goes, from the figures beside it (so the table's NO is read with its cause). */
function missed(open311: Open311Case, sweep: SweepCase): string[] {
  const out: string[] = [];
  if (open311.api.p99 >= 50 && open311.list)
    out.push(
      `Open311 misses its budget (p99 ${open311.api.p99.toFixed(0)} ms against 50 ms for ${open311.rowsPerPage} requests a page). The page's rows take ` +
        `${open311.sql.p50.toFixed(1)} ms (p50) as one SELECT; listGridEvents, which the route pages with, takes ${open311.list.p50.toFixed(1)} ms: it reads ` +
        'only the columns a request record shows and each event’s latest note (a correlated subquery on the steps’ index) in one statement; the route ' +
        `adds ${(open311.api.p50 - open311.list.p50).toFixed(1)} ms for its document and JSON. Tried: reading every step, photo and rating per event (p99 117 ms), ` +
        'then the latest notes by DISTINCT ON in a second statement (p99 83 ms). Left: a smaller page (GeoReport lets a server answer fewer than 1,000 requests).',
    );
  if (sweep.all.ms >= 1000)
    out.push(
      `The worst-case sweep (every open event due at once) misses 1 s: ${sweep.all.ms.toFixed(0)} ms to flag ${fmt.int(sweep.all.flagged)} events and raise ${fmt.int(sweep.all.escalated)}, ` +
        `each with its step and its domain event, where the flagging UPDATE alone takes ${sweep.all.rawMs.toFixed(0)} ms. Its domain events are now written in one insert ` +
        '(platform events.recordMany; one record() per escalation took about 3 ms each). The sweep a minute or an hour apart stays in single milliseconds.',
    );
  return out;
}

let closing = false;
process.on('unhandledRejection', (err) => {
  if (!closing) throw err;
  log(`ignored while the server shut down: ${err instanceof Error ? err.message : String(err)}`);
});

async function main(): Promise<void> {
  const busyBefore = await cpuBusyPercent();
  log(`${SMOKE ? 'smoke' : 'full'} run: ${fmt.int(COMPOUNDS)} compounds, ${fmt.int(EVENTS)} events, ${RUNS} runs per figure`);
  // Open311's per-address limit stays on (its count is part of each request) but high enough for one client's runs.
  const server = await startTestServer({
    SEED_SCALE: 'demo',
    LOG_LEVEL: 'warn',
    OPEN311_RATE_PER_MINUTE: '100000',
    OPEN311_READS_PER_MINUTE: '1000000',
  });
  let city: GridCityFigures;
  let open311: Open311Case;
  let dup: DuplicateCase;
  let sweep: SweepCase;
  let outbound: OutboundFigures | null;
  try {
    const pool = server.ctx.database.pool;
    const cats = await categoriesAt(server.ctx.db);
    city = await withHeartbeat(
      'writing the city',
      buildGridCity(
        pool,
        COMPOUNDS,
        EVENTS,
        cats.items.map((c) => ({ code: c.code, group: c.group, responsible: c.responsible })),
        cats.version,
      ),
    );
    log(
      `city: ${fmt.int(city.compounds)} compounds, ${fmt.int(city.events)} events (${fmt.int(city.open)} open), ${fmt.int(city.steps)} steps in ${fmt.s(city.seconds)}`,
    );
    open311 = await measureOpen311(server.url, server.ctx, pool);
    const token = await bearerToken(server.url, 'admin', 'Demo@2026');
    const dumping = cats.items.find((c) => c.code === 'dumping');
    dup = await measureDuplicates(
      server.url,
      token,
      server.ctx,
      pool,
      cats.items.map((c) => c.code),
      dumping?.duplicateRadiusM ?? 200,
    );
    outbound = await measureOutbound(server.ctx, DELIVERIES);
    sweep = await measureSweep(server.ctx, pool, SMOKE ? 10 : 30);
  } finally {
    // The sweep's escalations go out through the exchange's handlers to the demo's connectors; jobs still running
    // when the pool closes fail inside pg-boss. Give them a bounded while, then ignore what shutdown interrupts.
    const quietBy = performance.now() + 15_000;
    while (performance.now() < quietBy) {
      const { rows } = await server.ctx.database.pool.query<{ n: number }>(
        `select count(*)::int as n from pgboss.job where state = 'active'`,
      );
      if (rows[0]!.n === 0) break;
      await sleep(100);
    }
    closing = true;
    await server.close();
  }

  const figures: Figure[] = [
    {
      figure: `${open311.how === 'http' ? 'GET /open311/v2/requests.json' : 'listGridEvents (Open311 route not built yet)'}, 30-day range + status, ${open311.rowsPerPage} rows/page (p99 of ${RUNS})`,
      budget: 'p99 < 50 ms',
      measured: ms(open311.api),
      reference: `${ms(open311.sql)} raw indexed SELECT of the page`,
      ratio: fmt.ratio(open311.api.p50 / open311.sql.p50),
      pass: open311.api.p99 < 50,
    },
    ...(open311.list
      ? [
          {
            figure: 'of which listGridEvents, the same pages in process (where the time goes)',
            budget: '—',
            measured: ms(open311.list),
            reference: `${ms(open311.sql)} raw indexed SELECT of the page`,
            ratio: fmt.ratio(open311.list.p50 / open311.sql.p50),
            pass: null,
          },
        ]
      : []),
    {
      figure: `duplicate suggestion: GET /api/v1/grid-events/duplicates, dumping within ${dup.radiusM} m of a point (p99 of ${RUNS})`,
      budget: 'p99 < 20 ms',
      measured: `${ms(dup.http)}, ${dup.found} found`,
      reference: `${ms(dup.sql)} raw bounding-box scan`,
      ratio: fmt.ratio(dup.http.p50 / dup.sql.p50),
      pass: dup.http.p99 < 20 && dup.radiusM === 200,
    },
    {
      figure: 'of which nearbyOpen, 200 m, any category, in process',
      budget: '—',
      measured: ms(dup.api),
      reference: `${ms(dup.sql)} raw bounding-box scan`,
      ratio: fmt.ratio(dup.api.p50 / dup.sql.p50),
      pass: null,
    },
    outbound
      ? {
          figure: `outbound signed deliveries to a local receiver, retries on (${fmt.int(outbound.deliveries)} queued)`,
          budget: '≥ 1,000/s',
          measured: `${fmt.int(outbound.perSecond)}/s (${fmt.int(outbound.received)} received, ${outbound.badSignatures} bad signatures; ${fmt.int(outbound.endToEndPerSecond)}/s counting the queueing)`,
          reference: `${fmt.int(outbound.rawPerSecond)}/s raw HMAC + keep-alive POST`,
          ratio: fmt.ratio(outbound.perSecond / outbound.rawPerSecond),
          pass: outbound.perSecond >= 1000 && outbound.badSignatures === 0 && outbound.received >= outbound.deliveries,
        }
      : {
          figure: 'outbound signed deliveries to a local receiver, retries on',
          budget: '≥ 1,000/s',
          measured: 'not measured: the exchange’s bench surface was not on this branch',
          reference: '—',
          ratio: '—',
          pass: null,
        },
    {
      figure: `SLA sweep of all ${fmt.int(sweep.open)} open events, once a minute (max of ${sweep.steady.n})`,
      budget: '< 1 s',
      measured: `max ${sweep.steady.max.toFixed(0)} ms (p50 ${sweep.steady.p50.toFixed(0)}; ${sweep.steady.flagged} flagged, ${sweep.steady.escalated} escalated)`,
      reference: `${sweep.rawUpdateMs.toFixed(0)} ms raw flagging UPDATE (${fmt.int(sweep.rawFlagged)} rows, an hour’s worth)`,
      ratio: '—',
      pass: sweep.steady.max < 1000,
    },
    {
      figure: 'SLA sweep an hour on (after an outage)',
      budget: '< 1 s',
      measured: `${sweep.catchUp.ms.toFixed(0)} ms (${fmt.int(sweep.catchUp.flagged)} flagged, ${fmt.int(sweep.catchUp.escalated)} escalated)`,
      reference: `${sweep.rawUpdateMs.toFixed(0)} ms raw flagging UPDATE of the same rows`,
      ratio: fmt.ratio(sweep.catchUp.ms / Math.max(1, sweep.rawUpdateMs)),
      pass: sweep.catchUp.ms < 1000,
    },
    {
      figure: 'SLA sweep a month on: every open event due at once (worst case)',
      budget: '< 1 s',
      measured: `${sweep.all.ms.toFixed(0)} ms (${fmt.int(sweep.all.flagged)} flagged, ${fmt.int(sweep.all.escalated)} escalated)`,
      reference: `${sweep.all.rawMs.toFixed(0)} ms raw flagging UPDATE of the same ${fmt.int(sweep.all.rawRows)} rows`,
      ratio: fmt.ratio(sweep.all.ms / Math.max(1, sweep.all.rawMs)),
      pass: sweep.all.ms < 1000,
    },
  ];
  const cpu = os.cpus();
  const report: Report = {
    title: `Renova benchmark (grid governance at city scale${SMOKE ? ', SMOKE: small scale' : ''})`,
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    totalSeconds: elapsedSeconds(),
    figures,
    notes: [
      `Data: the demo city topped up to ${fmt.int(city.compounds)} compounds in Hangzhou's communities and ${fmt.int(city.events)} grid events over three years ` +
        `(${fmt.int(city.open)} open, from the last 30 days, in every open state, due around now; ${fmt.int(city.steps)} steps), written by bench/support/grid-city.ts (insert … select generate_series, setseed) in ${fmt.s(city.seconds)}.`,
      `Open311: ${RUNS} sequential requests after 10 untimed ones, each a 30-day range within the last 90 days, status alternately open and closed; ` +
        (open311.how === 'http'
          ? 'over HTTP to the running server (JSON), '
          : 'the Open311 route was not on this branch: listGridEvents (the function it pages with, details included) in process, ') +
        'beside the same page as one raw SELECT on the pool.',
      `Duplicates: GET /api/v1/grid-events/duplicates over HTTP as the city's administrator (bearer token) for dumping, whose rule radius is ${dup.radiusM} m, at a point near an open event, then nearbyOpen (the query it runs) in process for any category at 200 m; the reference is the same bounding box as a bare indexed SELECT.`,
      outbound
        ? `Outbound: ${fmt.int(outbound.deliveries)} deliveries queued to one connector (retries on: ${outbound.maxTries} tries, backoff) and delivered by the server's delivery workers to a receiver in this process that checks every signature; the rate is received ÷ seconds from the first received to the last (${fmt.s(outbound.seconds)}); counting from the start of queueing (${fmt.s(outbound.queueSeconds)} to queue, ${fmt.s(outbound.endToEndSeconds)} in all) it is ${fmt.int(outbound.endToEndPerSecond)}/s. The reference signs the same bodies and POSTs them from ${outbound.rawConcurrency} keep-alive loops.`
        : 'Outbound: not measured (see the row).',
      `SLA sweep: slaSweep(ctx, now) with now moved a minute at a time (${sweep.steady.n} sweeps), then an hour on, then a month on (every open event due: each is flagged, raised a level with its step and its grid.event_escalated domain event); the references are its flagging UPDATE alone for the same rows, in a rolled-back transaction, measured first.`,
      `Client, server and PostgreSQL share ${cpu.length} CPU cores; CPU busy before the run: ${busyBefore.toFixed(0)} %.${SMOKE ? ' SMOKE run: small scale, not the issue’s figures.' : ''}`,
      ...missed(open311, sweep),
    ],
    raw: { smoke: SMOKE, city, open311, duplicates: dup, outbound, sweep },
  };
  console.log(`\n${report.title}\n\n${textTable(report.figures)}\n`);
  for (const n of report.notes) console.log(`- ${n}`);
  for (const f of writeReport(resultsDir, 'grid', report)) log(`wrote ${path.relative(process.cwd(), f)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
