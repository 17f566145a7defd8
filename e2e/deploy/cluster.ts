// A deployment in miniature: Debian's nginx in front of two API processes and
// two workers, all real `renova serve` processes on one fresh PostgreSQL
// database (the server named by DATABASE_URL, as in CI, or an embedded one
// started here when it is unset), sharing the secrets and DATA_DIR/files.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/apps/test-server.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { startEmbedded, type EmbeddedServer } from '../../src/platform/db/embedded.ts';
import { withClient as admin } from '../../src/platform/testing/pg.ts';

export interface Proc {
  name: string;
  base: string;
  child: ChildProcess;
  output(): string;
}

export interface Cluster {
  /** nginx: what users and load balancers see. */
  base: string;
  apis: [Proc, Proc];
  workers: Proc[];
  databaseUrl: string;
  /** Every upstream address nginx sent a request to, in order, from its access log. */
  upstreams(): string[];
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

async function until(what: string, check: () => Promise<boolean>, ms: number, proc?: Proc): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${proc.name} exited ${proc.child.exitCode}:\n${proc.output()}`);
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not happen within ${ms} ms${proc ? `:\n${proc.output()}` : ''}`);
}

async function startRenova(name: string, role: 'api' | 'worker', env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  // Each process its own DATA_DIR (a pid file is kept there), the uploaded files one shared folder in all of them.
  const dataDir = path.join(env.DATA_DIR!, name);
  mkdirSync(dataDir);
  symlinkSync(path.join(env.DATA_DIR!, 'files'), path.join(dataDir, 'files'));
  // The ballots' anchor log is shared as the files are: a close anchored by one process is checked by any other.
  symlinkSync(path.join(env.DATA_DIR!, 'anchors'), path.join(dataDir, 'anchors'));
  const child = spawn(process.execPath, ['bin/renova.mjs', 'serve', '--role', role], {
    cwd: root,
    // A worker serves no HTTP, so its log is quiet at info, and its ready line is there.
    env: { ...process.env, ...env, DATA_DIR: dataDir, PORT: String(port), ...(role === 'worker' ? { LOG_LEVEL: 'info' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // A process dying under load is what this suite exists to catch: say why at once.
  child.once('exit', (code, signal) => {
    if (!stopping.has(child)) console.error(`${name} exited (${signal ?? code}) while the deployment ran:\n${out}`);
  });
  return { name, base: `http://127.0.0.1:${port}`, child, output: () => out };
}

async function healthy(p: Proc, ms = 180_000): Promise<void> {
  await until(`${p.name} answering /health`, async () => (await fetch(`${p.base}/api/v1/health`)).ok, ms, p);
}

function nginxConf(dir: string, port: number, upstreams: string[]): string {
  return `worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 4096; }
http {
  log_format upstream '$upstream_addr|$status|$request_method|$uri';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  client_max_body_size 25m;
  upstream renova_api {
${upstreams.map((u) => `    server ${u};`).join('\n')}
    keepalive 64;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://renova_api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`;
}

function nginxBinary(): string {
  const nginx = ['/usr/sbin/nginx', 'nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0);
  if (!nginx) throw new Error('nginx is not installed: apt-get install -y nginx');
  return nginx;
}

/**
 * `nginx -t` on the site file we ship (deploy/nginx/renova.conf), with a throw-away certificate and log file in
 * place of the machine's: what an operator enables must load in Debian's nginx. Answers nginx's own report.
 */
export function checkShippedSite(): { ok: boolean; report: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-site-'));
  try {
    const key = path.join(dir, 'privkey.pem');
    const cert = path.join(dir, 'fullchain.pem');
    const made = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=renova.test',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr.toString()}`);
    const site = readFileSync(path.join(import.meta.dirname, '../../deploy/nginx/renova.conf'), 'utf8')
      .replaceAll('/etc/ssl/renova/fullchain.pem', cert)
      .replaceAll('/etc/ssl/renova/privkey.pem', key)
      .replaceAll('/var/log/nginx/', `${dir}/`);
    writeFileSync(path.join(dir, 'renova.conf'), site);
    writeFileSync(
      path.join(dir, 'nginx.conf'),
      `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n  include ${dir}/renova.conf;\n}\n`,
    );
    const tested = spawnSync(nginxBinary(), ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')]);
    return { ok: tested.status === 0, report: tested.stderr.toString() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** nginx in the foreground with a generated configuration; the caller stops it. */
async function startNginx(dir: string, upstreams: string[]): Promise<{ base: string; child: ChildProcess }> {
  const nginx = nginxBinary();
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, 'tmp', d), { recursive: true });
  // Run as root, nginx's workers drop to nobody, who must write request bodies here.
  chmodSync(path.join(dir, 'tmp'), 0o777);
  for (const d of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chmodSync(path.join(dir, 'tmp', d), 0o777);
  const port = await freePort();
  writeFileSync(path.join(dir, 'nginx.conf'), nginxConf(dir, port, upstreams));
  const child = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await until(
    'nginx answering',
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${err}`);
      return (await fetch(`${base}/api/v1/health`)).ok;
    },
    20_000,
  );
  return { base, child };
}

const stopping = new WeakSet<ChildProcess>();

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  stopping.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}

export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'renova-deploy-'));
  chmodSync(dir, 0o755);
  let embedded: EmbeddedServer | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbedded(path.join(dir, 'pg-data'), await freePort(), createLogger('warn'));
    adminUrl = embedded.url;
  }
  const dbName = `renova_deploy_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, (c) => c.query(`create database ${dbName}`));
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const dataDir = path.join(dir, 'data');
  mkdirSync(path.join(dataDir, 'files'), { recursive: true });
  mkdirSync(path.join(dataDir, 'anchors'), { recursive: true });
  // What every process shares: the database, the secrets and the uploaded documents.
  const env = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    PERSONAL_DATA_KEY: randomBytes(32).toString('base64url'),
    BALLOT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    TRUST_PROXY: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_SCALE: 'demo',
    LOGIN_RATE_PER_MINUTE: '10000',
    LOGIN_MAX_FAILURES: '5',
  };
  const procs: Proc[] = [];
  let nginx: ChildProcess | undefined;
  const stop = async () => {
    if (nginx) await stopChild(nginx, 'SIGQUIT');
    await Promise.all(procs.map((p) => stopChild(p.child)));
    await admin(adminUrl, (c) => c.query(`drop database if exists ${dbName} with (force)`)).catch(() => undefined);
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // The first process migrates and seeds the empty database; the others start on it afterwards.
    const first = await startRenova('api-1', 'api', env);
    procs.push(first);
    await healthy(first, 300_000);
    const rest = await Promise.all([
      startRenova('api-2', 'api', env),
      startRenova('worker-1', 'worker', env),
      startRenova('worker-2', 'worker', env),
    ]);
    procs.push(...rest);
    await healthy(rest[0]!);
    // A worker answers no HTTP: it is up when it says so.
    await Promise.all(
      rest.slice(1).map((w) => until(`${w.name} running`, async () => w.output().includes('Renova worker is running'), 180_000, w)),
    );
    for (const w of rest.slice(1)) if (w.child.exitCode !== null) throw new Error(`${w.name} exited:\n${w.output()}`);
    const apis: [Proc, Proc] = [first, rest[0]!];
    const started = await startNginx(
      path.join(dir, 'nginx'),
      apis.map((a) => a.base.replace('http://', '')),
    );
    nginx = started.child;
    return {
      base: started.base,
      apis,
      workers: rest.slice(1),
      databaseUrl,
      upstreams: () =>
        readFileSync(path.join(dir, 'nginx', 'access.log'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .flatMap((l) => l.split('|')[0]!.split(', ')),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
