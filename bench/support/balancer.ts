// Two `renova serve --role api` processes on one PostgreSQL behind Debian's nginx, against one process alone:
// the compound list under autocannon, the same route, the same connections.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_PASSWORD } from '../../src/apps/seed.ts';
import { freePort } from '../../src/apps/test-server.ts';
import { startEmbedded } from '../../src/platform/db/embedded.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { bearerToken, load } from './load.ts';
import { log, sleep } from './run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BalancerFigures {
  connections: number;
  seconds: number;
  /** Medians of alternating rounds. */
  single: { rps: number; p99: number };
  balanced: { rps: number; p99: number };
  /** One process behind the same nginx: the cost of the hop alone. */
  oneBehindNginx: { rps: number; p99: number };
  rounds: Record<'single' | 'balanced' | 'oneBehindNginx', { rps: number; p99: number }[]>;
}

async function waitHealthy(url: string, proc: ChildProcess, out: () => string): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`process exited (${proc.exitCode}):\n${out().slice(-2000)}`);
    if (
      await fetch(`${url}/api/v1/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(200);
  }
  throw new Error(`${url} not healthy:\n${out().slice(-2000)}`);
}

export async function benchBalancer(seconds: number, connections = 20, nginxWorkers = 2): Promise<BalancerFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-balancer-'));
  // As root the embedded PostgreSQL runs as "postgres", which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const pgServer = await startEmbedded(path.join(dir, 'data'), await freePort(), createLogger('warn'));
  try {
    const admin = new pg.Client({ connectionString: pgServer.url });
    await admin.connect();
    await admin.query('create database renova_balancer');
    await admin.end();
    const dbUrl = new URL(pgServer.url);
    dbUrl.pathname = '/renova_balancer';
    const ports = [await freePort(), await freePort()];
    const start = async (port: number) => {
      let out = '';
      const proc = spawn(process.execPath, ['bin/renova.mjs', 'serve', '--role', 'api'], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: dbUrl.toString(),
          DATA_DIR: path.join(dir, 'app'),
          PORT: String(port),
          LOG_LEVEL: 'warn',
          SEED_SCALE: 'demo',
          SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
          PERSONAL_DATA_KEY: 'bench-personal-data-key-0123456789abcdef',
          TRUST_PROXY: '127.0.0.1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      children.push(proc);
      await waitHealthy(`http://127.0.0.1:${port}`, proc, () => out);
    };
    // The first seeds the demo city; the second finds it seeded.
    await start(ports[0]!);
    await start(ports[1]!);
    const nginxPort = await freePort();
    // The same nginx in front of one process alone: what the hop itself costs on this machine.
    const nginxOnePort = await freePort();
    const conf = path.join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      `worker_processes ${nginxWorkers};
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream renova { ${ports.map((p) => `server 127.0.0.1:${p};`).join(' ')} keepalive 64; }
  server {
    listen 127.0.0.1:${nginxPort};
    location / {
      proxy_pass http://renova;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
  upstream renova_one { server 127.0.0.1:${ports[0]}; keepalive 64; }
  server {
    listen 127.0.0.1:${nginxOnePort};
    location / {
      proxy_pass http://renova_one;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
    );
    const nginx = spawn('nginx', ['-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(nginx);
    await waitHealthy(`http://127.0.0.1:${nginxPort}`, nginx, () => '');
    const token = await bearerToken(`http://127.0.0.1:${ports[0]}`, 'admin', DEMO_PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    const route = '/api/v1/compounds?limit=50';
    // A socket error in 10,000 requests is tolerated (and logged by autocannon's figures): nginx's keep-alive churn.
    const settings = { connections, durationSeconds: seconds, tolerateErrorShare: 0.0001 };
    // Alternating rounds, so a neighbour's burst on this shared machine falls on both sides alike.
    const rounds = 3;
    const singleRuns: { rps: number; p99: number }[] = [];
    const balancedRuns: { rps: number; p99: number }[] = [];
    const hopRuns: { rps: number; p99: number }[] = [];
    for (let r = 0; r < rounds; r++) {
      const a = await load('compound list, one process alone', `http://127.0.0.1:${ports[0]}${route}`, settings, headers);
      singleRuns.push({ rps: a.requestsPerSecond, p99: a.p99Ms });
      const b = await load('compound list, two processes behind nginx', `http://127.0.0.1:${nginxPort}${route}`, settings, headers);
      balancedRuns.push({ rps: b.requestsPerSecond, p99: b.p99Ms });
      // Reported beside the budget, not part of it: a socket error here leaves the figure out rather than the run.
      const c = await load('compound list, one process behind nginx', `http://127.0.0.1:${nginxOnePort}${route}`, settings, headers).catch(
        (err: Error) => (log(`the nginx hop alone: ${err.message}`), null),
      );
      if (c) hopRuns.push({ rps: c.requestsPerSecond, p99: c.p99Ms });
    }
    const median = (xs: { rps: number; p99: number }[]) => [...xs].sort((x, y) => x.rps - y.rps)[Math.floor(xs.length / 2)]!;
    const single = median(singleRuns);
    const balanced = median(balancedRuns);
    const oneBehindNginx = hopRuns.length ? median(hopRuns) : { rps: Number.NaN, p99: Number.NaN };
    log('balancer bench done');
    return {
      connections,
      seconds,
      single,
      balanced,
      oneBehindNginx,
      rounds: { single: singleRuns, balanced: balancedRuns, oneBehindNginx: hopRuns },
    };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await pgServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
