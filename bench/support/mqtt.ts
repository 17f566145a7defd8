// MQTT pieces of the IoT benchmark: a real Mosquitto started for the run, CPU per process from /proc,
// a paced QoS 1 publisher over many connections, and the two physical references measured in the
// same run (the bare broker to one subscriber, and a raw COPY of the same rows).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { sleep } from './run.ts';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface Broker {
  url: string;
  port: number;
  pid: number;
  dir: string;
  passwordFile: string;
  aclFile: string;
  pidFile: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Mosquitto with persistence on and no per-client queue limits: a consumer holding PUBACKs until its
 * batch commits needs more than the default 20 messages in flight, and a burst must queue, not drop.
 */
export async function startMosquitto(opts: { passwordFile?: string; aclFile?: string; anonymous?: boolean } = {}): Promise<Broker> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-mosquitto-'));
  const port = await freePort();
  const passwordFile = opts.passwordFile ?? path.join(dir, 'passwd');
  const aclFile = opts.aclFile ?? path.join(dir, 'acl');
  const pidFile = path.join(dir, 'mosquitto.pid');
  if (!opts.passwordFile) writeFileSync(passwordFile, '');
  if (!opts.aclFile) writeFileSync(aclFile, 'pattern write renova/d/%u/#\n');
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      opts.anonymous ? 'allow_anonymous true' : 'allow_anonymous false',
      ...(opts.anonymous ? [] : [`password_file ${passwordFile}`, `acl_file ${aclFile}`]),
      `pid_file ${pidFile}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 60',
      'max_inflight_messages 0',
      'max_queued_messages 0',
      'max_queued_bytes 0',
      'max_connections -1',
      'log_type error',
      'log_type warning',
      '',
    ].join('\n'),
  );
  let child: ChildProcess;
  const start = async () => {
    child = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
    for (let i = 0; i < 100; i++) {
      if (await canConnect(port)) return;
      await sleep(50);
    }
    throw new Error('mosquitto did not start');
  };
  await start();
  const broker: Broker = {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    get pid() {
      return child.pid!;
    },
    dir,
    passwordFile,
    aclFile,
    pidFile,
    async restart() {
      await stopChild(child);
      await start();
    },
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return broker;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** CPU seconds (user + system) of a process and, with `children`, of the processes whose parent it is. */
export function cpuSeconds(pid: number, children = false): number {
  const tick = 100; // USER_HZ on Linux
  const one = (p: number) => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      return 0;
    }
  };
  let total = one(pid);
  if (children) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === pid) total += one(Number(entry));
      } catch {
        // gone
      }
    }
  }
  return total;
}

export interface Connection {
  username: string;
  password: string;
  /** Topic for each publish; `device` is the child's key when the connection is a gateway's. */
  topic: string;
  devices: string[];
}

export async function connectAll(url: string, conns: Connection[], parallel = 200): Promise<MqttClient[]> {
  const clients: MqttClient[] = new Array(conns.length);
  for (let i = 0; i < conns.length; i += parallel) {
    await Promise.all(
      conns.slice(i, i + parallel).map(async (c, j) => {
        clients[i + j] = await mqtt.connectAsync(url, {
          username: c.username,
          password: c.password,
          clientId: `bench-${c.username}`,
          protocolVersion: 4,
          reconnectPeriod: 1000,
          keepalive: 120,
        });
      }),
    );
  }
  return clients;
}

export interface PaceResult {
  sent: number;
  acked: number;
  seconds: number;
  /** Publish time (performance.now()) by message id, for the latencies measured elsewhere. */
  sentAt: Map<string, number>;
}

/**
 * Publishes `rate` messages a second for `seconds`, round-robin over devices, in 10 ms ticks.
 * `message(i, device)` makes message i for a device (its id must be unique per device).
 */
export async function pace(
  clients: MqttClient[],
  conns: Connection[],
  rate: number,
  seconds: number,
  message: (i: number, device: string) => { id: string; body: string; topic?: string },
  opts: { keepSentAt?: (id: string) => boolean; startIndex?: number } = {},
): Promise<PaceResult> {
  const total = Math.round(rate * seconds);
  const sentAt = new Map<string, number>();
  let sent = 0;
  let acked = 0;
  let ci = 0;
  const di = new Array<number>(conns.length).fill(0);
  const t0 = performance.now();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate) + 1);
    while (sent < due) {
      const c = ci++ % conns.length;
      const conn = conns[c]!;
      const device = conn.devices[di[c]!++ % conn.devices.length]!;
      const m = message((opts.startIndex ?? 0) + sent, device);
      if (opts.keepSentAt?.(m.id)) sentAt.set(m.id, performance.now());
      clients[c]!.publish(m.topic ?? conn.topic, m.body, { qos: 1 }, (err) => {
        if (!err) acked++;
      });
      sent++;
    }
    await sleep(10);
  }
  const deadline = Date.now() + 60_000;
  while (acked < sent && Date.now() < deadline) await sleep(20);
  return { sent, acked, seconds: (performance.now() - t0) / 1000, sentAt };
}

/** The bare broker: `publishers` clients at full speed (bounded in flight) to one QoS 1 subscriber. */
export async function rawBrokerRate(url: string, publishers: number, seconds: number): Promise<number> {
  const sub = await mqtt.connectAsync(url, { clientId: 'bench-raw-sub', protocolVersion: 5, clean: true, properties: { receiveMaximum: 65535 } });
  let received = 0;
  sub.on('message', () => received++);
  await sub.subscribeAsync('bench/raw/#', { qos: 1 });
  const pubs = await Promise.all(
    Array.from({ length: publishers }, (_, i) => mqtt.connectAsync(url, { clientId: `bench-raw-pub-${i}`, protocolVersion: 4 })),
  );
  const payload = JSON.stringify({ id: 'x'.repeat(20), type: 'telemetry', at: new Date().toISOString(), data: { v: 1 } }).padEnd(200, ' ');
  let stop = false;
  const run = async (c: MqttClient, i: number) => {
    const window = 100;
    let inflight = 0;
    while (!stop) {
      if (inflight >= window) {
        await sleep(1);
        continue;
      }
      inflight++;
      c.publish(`bench/raw/${i}`, payload, { qos: 1 }, () => inflight--);
      if (inflight % 50 === 0) await new Promise((r) => setImmediate(r));
    }
  };
  const t0 = performance.now();
  const runs = pubs.map(run);
  await sleep(seconds * 1000);
  stop = true;
  const rate = received / ((performance.now() - t0) / 1000);
  await Promise.all(runs);
  await Promise.all([...pubs.map((p) => p.endAsync()), sub.endAsync()]);
  return rate;
}

/** Rows a second for COPY of `rows` event-shaped rows (200-byte JSON) into a keyed table. */
export async function rawCopyRate(connectionString: string, rows: number): Promise<number> {
  const { from } = await import('pg-copy-streams');
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(
      `create temporary table bench_copy (device_id uuid, message_id text, at timestamptz, type text, data jsonb, primary key (device_id, message_id, at))`,
    );
    const at = new Date().toISOString();
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const dev = `00000000-0000-7000-8000-${String(i % 20000).padStart(12, '0')}`;
      lines.push(`${dev}\tm${i}\t${at}\ttelemetry\t{"pressureKpa": ${i % 300}, "note": "${'x'.repeat(120)}"}\n`);
    }
    const t0 = performance.now();
    const stream = client.query(from('copy bench_copy from stdin'));
    for (let i = 0; i < lines.length; i += 1000) stream.write(lines.slice(i, i + 1000).join(''));
    await new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
      stream.end();
    });
    return rows / ((performance.now() - t0) / 1000);
  } finally {
    await client.end();
  }
}
