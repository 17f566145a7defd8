// `npm run bench:iot` (issue 12, Performance): device events through a real Mosquitto (started here, persistence
// on) into the ingest, beside the raw broker's own throughput (the same publishers to a bare subscriber) and a raw
// COPY of the same rows, with CPU per component. Devices are children of gateways: one MQTT connection per gateway.
// Flags: --devices=20000 --connections=5000 --rate=10000 --seconds=300 --burst-rate=30000 --burst-seconds=60
//        --raw-seconds=20 (the defaults are the issue's; a short run: --devices=2000 --connections=500 --rate=2000 --seconds=20)
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { from as copyFrom } from 'pg-copy-streams';
import { freePort, startTestServer } from '../src/apps/test-server.ts';
import { upsertAccount } from '../src/modules/accounts/index.ts';
import { newCredentials, runtimeOf, startMosquitto } from '../src/modules/smart/index.ts';
import {
  ConsoleFeed,
  connectProbes,
  percentile,
  probeAlarms,
  probeOffline,
  registerProbes,
  type ProbeResult,
} from './support/iot-probes.ts';
import { fmt, textTable, writeReport, type Figure, type Report } from './support/report.ts';
import { elapsedSeconds, log, numberFlag, sleep } from './support/run.ts';

const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEVICES = numberFlag('devices', 20_000);
const CONNECTIONS = numberFlag('connections', 5_000);
const RATE = numberFlag('rate', 10_000);
const SECONDS = numberFlag('seconds', 300);
const BURST_RATE = numberFlag('burst-rate', 30_000);
const BURST_SECONDS = numberFlag('burst-seconds', 60);
const RAW_SECONDS = numberFlag('raw-seconds', 20);

/** CPU seconds a process has used (user + system), from /proc. */
const ticks = (pid: number | undefined) => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
};
/** All processes' CPU seconds (machine-wide), from /proc/stat. */
const machineBusy = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return (f.reduce((a, b) => a + b, 0) - f[3]! - (f[4] ?? 0)) / 100;
};

interface Gateway {
  key: string;
  secret: string;
  children: string[];
}

async function publish(url: string, gateways: Gateway[], rate: number, seconds: number, prefix: string, topic: string) {
  const file = path.join(os.tmpdir(), `iot-job-${randomBytes(4).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify({ url, gateways, rate, seconds, prefix, topic }));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'bench/support/iot-publisher.ts'), file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, number>[] = [];
  let buf = '';
  let onLine: (() => void) | undefined;
  child.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      lines.push(JSON.parse(buf.slice(0, i)) as Record<string, number>);
      buf = buf.slice(i + 1);
      onLine?.();
    }
  });
  const next = () =>
    new Promise<Record<string, number>>((resolve, reject) => {
      const check = () => (lines.length ? resolve(lines.shift()!) : undefined);
      onLine = check;
      child.once('exit', (code) => (lines.length ? check() : reject(new Error(`publisher exited (${code})`))));
      check();
    });
  const ready = await next();
  return { pid: child.pid, ready, done: next() };
}

function probeFigure(figure: string, r: ProbeResult, budgetMs: number): Figure {
  const p99 = percentile(r.latencies, 99);
  return {
    figure,
    budget: `p99 < ${fmt.int(budgetMs)} ms, all ${r.sent} arrive`,
    measured: `${fmt.ms(percentile(r.latencies, 50))} / ${fmt.ms(p99)} (${r.latencies.length} of ${r.sent})`,
    reference: '—',
    ratio: '—',
    pass: r.latencies.length === r.sent && p99 < budgetMs,
  };
}

async function main() {
  const port = await freePort();
  const ingest = { username: `renova-ingest-${randomBytes(3).toString('hex')}`, password: randomBytes(24).toString('base64url') };
  const url = `mqtt://127.0.0.1:${port}`;
  log(`starting Renova (embedded PostgreSQL) consuming from Mosquitto on ${url}`);
  const server = await startTestServer({
    SEED_SCALE: 'none',
    LOG_LEVEL: 'warn',
    MQTT_URL: url,
    MQTT_USERNAME: ingest.username,
    MQTT_PASSWORD: ingest.password,
  });
  const pool = server.ctx.database.pool;
  log(`registering ${fmt.int(DEVICES)} devices under ${fmt.int(CONNECTIONS)} gateways`);
  const compoundId = randomUUID();
  const gateways: Gateway[] = [];
  const rows: [string, string, string, string | null, string | null, string | null, string | null][] = [];
  for (let g = 0; g < CONNECTIONS; g++) {
    const c = newCredentials();
    const id = randomUUID();
    rows.push([id, c.key, 'gateway', null, c.secretHash, c.brokerHash, null]);
    gateways.push({ key: c.key, secret: c.secret, children: [] });
    for (let k = 0; k < Math.ceil(DEVICES / CONNECTIONS); k++) {
      const key = `d-b${g}x${k}-${randomBytes(3).toString('hex')}`;
      rows.push([randomUUID(), key, 'water_pump', id, null, null, null]);
      gateways[g]!.children.push(key);
    }
  }
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await pool.query(
      `insert into devices (id, compound_id, community_code, profile, name, gateway_id, key, secret_hash, broker_hash)
       select v.id, $1, '330105004001', v.profile, v.key, v.gw, v.key, v.sh, v.bh
       from unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[]) as v(id, key, profile, gw, sh, bh)`,
      [
        compoundId,
        chunk.map((r) => r[0]),
        chunk.map((r) => r[1]),
        chunk.map((r) => r[2]),
        chunk.map((r) => r[3]),
        chunk.map((r) => r[4]),
        chunk.map((r) => r[5]),
      ],
    );
  }
  await pool.query(`insert into device_status (device_id) select id from devices where compound_id = $1`, [compoundId]);
  // The duty console watching: a city account on the live feed, and probe devices of its own (one alarm each).
  const duty = { username: 'bench-duty', password: `Bench-${randomBytes(6).toString('hex')}` };
  await server.ctx.db.transaction((tx) =>
    upsertAccount(tx, { ...duty, displayName: 'bench duty', role: 'city_admin', scopeDivision: '330100' }),
  );
  const probes = await registerProbes(pool, compoundId, ['lift', 'sos_button', 'perimeter'], 100);
  const ofProfile = (p: string) => probes.filter((d) => d.profile === p);
  const mosquitto = await startMosquitto(pool, { port, ingest });
  const runtime = runtimeOf(server.ctx)!;
  const t0 = Date.now();
  while (!runtime.subscribed() && Date.now() - t0 < 30_000) await sleep(50);
  const feed = await ConsoleFeed.open(server.url, duty.username, duty.password);
  const probeClients = await connectProbes(url, probes);
  const figures: Figure[] = [];
  const notes: string[] = [];
  const raw: Record<string, unknown> = {};

  // 1. The raw broker: the same publishers to a bare subscriber that acknowledges at once.
  log(`raw broker: ${fmt.int(RATE)}/s for ${RAW_SECONDS} s to a bare subscriber`);
  let bare = 0;
  const sub = mqtt.connect(url, { ...ingest, protocolVersion: 5, clientId: 'bench-bare', clean: true });
  await new Promise<void>((r) => sub.once('connect', () => sub.subscribe('renova/d/+/raw', { qos: 1 }, () => r())));
  sub.on('message', () => bare++);
  const rawPub = await publish(url, gateways, RATE, RAW_SECONDS, 'raw', 'raw');
  const rawDone = await rawPub.done;
  const rawDeadline = Date.now() + 30_000;
  while (bare < rawDone.sent! && Date.now() < rawDeadline) await sleep(50);
  const rawRate = bare / rawDone.ackedSeconds!;
  raw.rawBroker = { ...rawDone, received: bare };
  sub.end(true);

  // 2. The ingest at RATE for SECONDS, then the burst.
  const phase = async (name: string, rate: number, seconds: number, during?: () => Promise<number>) => {
    log(`ingest: ${name}, ${fmt.int(rate)}/s for ${seconds} s`);
    // The ingest's own count of newly stored events (this process): no count(*) over a growing table while measuring.
    const before = runtime.stats.stored;
    const mosqPid = mosquitto.pid();
    const cpu0 = { self: ticks(process.pid), mosq: ticks(mosqPid), all: machineBusy() };
    const phaseStart = Date.now();
    const pub = await publish(url, gateways, rate, seconds, name, 'events');
    const alongside = during?.();
    const cpuPub0 = ticks(pub.pid);
    let cpuPub1 = cpuPub0;
    const watch = setInterval(() => (cpuPub1 = ticks(pub.pid) || cpuPub1), 500);
    const done = await pub.done;
    // The probes' own messages are stored too: counted apart from the load's.
    const probeMessages = (await alongside) ?? 0;
    clearInterval(watch);
    const sentAt = Date.now();
    let stored = 0;
    while (Date.now() - sentAt < 180_000) {
      stored = runtime.stats.stored - before - probeMessages;
      if (stored >= done.sent!) break;
      await sleep(20);
    }
    const drain = (Date.now() - sentAt) / 1000;
    const cpu1 = { self: ticks(process.pid), mosq: ticks(mosquitto.pid()), all: machineBusy() };
    const { rows: lag } = await pool.query<{ p50: number; p99: number }>(
      `select percentile_cont(0.5) within group (order by ms) as p50, percentile_cont(0.99) within group (order by ms) as p99
       from (select extract(epoch from received_at - at) * 1000 as ms from device_events where message_id like $1) x`,
      [`${name}-%`],
    );
    const wall = (Date.now() - phaseStart) / 1000;
    const cpu = {
      ingestAndApi: (cpu1.self - cpu0.self) / wall,
      mosquitto: (cpu1.mosq - cpu0.mosq) / wall,
      publishers: (cpuPub1 - cpuPub0) / wall,
      total: (cpu1.all - cpu0.all) / wall,
    };
    raw[name] = { ...done, stored, drain, lag: lag[0], cpu };
    return { done, stored, drain, lag: lag[0]!, cpu, rate: stored / (done.sentSeconds! + drain) };
  };
  // Alongside the load: alarm causes on the batched lane and silent devices (steady), SOS presses on the priority lane (burst).
  let alarmProbe: ProbeResult = { sent: 0, latencies: [] };
  let offlineProbe: ProbeResult = { sent: 0, latencies: [] };
  let sosProbe: ProbeResult = { sent: 0, latencies: [] };
  const silence = 60 + 30; // the perimeter profile's heartbeat + grace (reference/catalogue/device-profiles.json)
  const steady = await phase('steady', RATE, SECONDS, () =>
    Promise.all([
      probeOffline(feed, probeClients, ofProfile('perimeter'), silence, 30).then((r) => (offlineProbe = r).sent),
      sleep(Math.min(30, SECONDS / 4) * 1000).then(() =>
        probeAlarms(feed, probeClients, ofProfile('lift'), {
          type: 'equipment.fault',
          cause: 'equipment.fault',
          lane: 'events',
          perSecond: 5,
          data: { code: 'E101' },
        }).then((r) => (alarmProbe = r).sent),
      ),
    ]).then(([a, b]) => a + b),
  );
  const burst = await phase('burst', BURST_RATE, BURST_SECONDS, () =>
    sleep(Math.min(10, BURST_SECONDS / 4) * 1000).then(() =>
      probeAlarms(feed, probeClients, ofProfile('sos_button'), {
        type: 'sos.pressed',
        cause: 'sos.pressed',
        lane: 'alert',
        perSecond: 5,
      }).then((r) => (sosProbe = r).sent),
    ),
  );
  feed.close();
  for (const c of probeClients.values()) c.end(true);
  raw.probes = { alarm: alarmProbe, sos: sosProbe, offline: offlineProbe };

  // 3. A raw COPY of the same rows (same shape, no partitioning, no key checks), in one transaction.
  log('raw COPY of the same rows');
  const client = await pool.connect();
  await client.query(
    'create temp table copy_bench (device_id uuid, message_id text, at timestamptz, received_at timestamptz, compound_id uuid, type text, data jsonb)',
  );
  const n = Math.max(steady.stored, 1);
  const text = Array.from(
    { length: n },
    (_, i) => `${randomUUID()}\tcopy-${i}\t2026-01-01T00:00:00Z\t2026-01-01T00:00:00Z\t${compoundId}\ttelemetry\t{"pressureKpa": 300}\n`,
  ).join('');
  const c0 = performance.now();
  await pipeline(Readable.from([text]), client.query(copyFrom('copy copy_bench from stdin')));
  const copyRate = n / ((performance.now() - c0) / 1000);
  client.release();

  const lost = (p: typeof steady) => p.done.acked! - p.stored;
  figures.push(
    {
      figure: `sustained ${fmt.int(RATE)}/s for ${SECONDS} s: stored`,
      budget: `${fmt.int(RATE)}/s, none lost`,
      measured: `${fmt.int(steady.rate)}/s, ${fmt.int(steady.stored)} of ${fmt.int(steady.done.acked!)} (lost ${lost(steady)})`,
      reference: `raw broker ${fmt.int(rawRate)}/s`,
      ratio: fmt.ratio(steady.rate / rawRate),
      pass: steady.rate >= RATE * 0.98 && lost(steady) === 0,
    },
    {
      figure: 'publish → validated in the ingest (p50 / p99)',
      budget: 'p99 < 100 ms (to the console: alarms)',
      measured: `${fmt.ms(steady.lag.p50)} / ${fmt.ms(steady.lag.p99)}`,
      reference: '—',
      ratio: '—',
      pass: steady.lag.p99 < 100,
    },
    probeFigure(`event → alarm → console at ${fmt.int(RATE)}/s (p50 / p99)`, alarmProbe, 100),
    probeFigure(`SOS → console during the ${fmt.int(BURST_RATE)}/s burst (p50 / p99)`, sosProbe, 100),
    probeFigure(`offline on the console after heartbeat + grace (${silence} s): delay p50 / p99`, offlineProbe, 2000),
    {
      figure: `burst ${fmt.int(BURST_RATE)}/s for ${BURST_SECONDS} s`,
      budget: 'none lost, backlog drained < 120 s',
      measured: `${fmt.int(burst.stored)} of ${fmt.int(burst.done.acked!)}, drained in ${fmt.s(burst.drain)}`,
      reference: `raw COPY ${fmt.int(copyRate)} rows/s`,
      ratio: fmt.ratio(burst.rate / copyRate),
      pass: lost(burst) === 0 && burst.drain < 120,
    },
    {
      figure: 'CPU (cores) at the sustained rate: ingest+API / Mosquitto / publishers / whole machine',
      budget: '—',
      measured: [steady.cpu.ingestAndApi, steady.cpu.mosquitto, steady.cpu.publishers, steady.cpu.total]
        .map((x) => x.toFixed(2))
        .join(' / '),
      reference: '—',
      ratio: '—',
      pass: null,
    },
  );
  notes.push(
    `${fmt.int(DEVICES)} devices over ${fmt.int(CONNECTIONS)} gateway connections (MQTT 3.1.1, QoS 1); one ingest (the npm start process, MQTT 5 shared subscription) with PostgreSQL embedded on the same machine.`,
    'Ingest latency is publish → the ingest validating the batch (received_at − at); the commit follows within the batch transaction.',
    "Console figures: 100 lift faults (event topic, batched lane), 100 SOS presses (priority topic) and 100 perimeter devices falling silent, each a new alarm, timed from publish (or the silence deadline) to its arrival on a signed-in city account's live feed (SSE); every probe must arrive.",
    `Whole-machine CPU includes PostgreSQL (the rest after ingest, Mosquitto and publishers) and anything else running on the machine during the run.`,
  );
  const report: Report = {
    title: 'bench:iot — device ingest through Mosquitto',
    date: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${fmt.mb(os.totalmem() / 2 ** 20)}`,
    totalSeconds: elapsedSeconds(),
    figures,
    notes,
    raw,
  };
  process.stdout.write(`\n${textTable(figures)}\n\n${notes.map((x) => `* ${x}`).join('\n')}\n\n`);
  for (const file of writeReport(resultsDir, 'iot', report)) log(`wrote ${path.relative(process.cwd(), file)}`);
  await server.close();
  await mosquitto.close();
}

await main();
process.exit(0);
