// Assembles a process: settings → database (embedded or external) → migrations
// → the job queue and domain events from every module's manifest → by role:
// the HTTP app with every module's routes and the web UI (api), the job and
// event workers (worker), or both (all, the default of `npm start`).
import fastifyStatic from '@fastify/static';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Env } from '../config/env.ts';
import type { AppContext } from '../platform/context.ts';
import { openDatabase, runMigrations } from '../platform/db/client.ts';
import { buildApp, type RouteRecord, type ZodApp } from '../platform/http/app.ts';
import { platformRoutes } from '../platform/http/platform.routes.ts';
import { postgresRateLimitStore } from '../platform/http/rate-limit-store.ts';
import { Events } from '../platform/events.ts';
import { createLogger } from '../platform/logger.ts';
import { personalDataKey } from '../platform/personal-data.ts';
import { signingKey } from '../platform/signing.ts';
import { loadShippedRules } from '../platform/policy.ts';
import { Queue } from '../platform/queue.ts';
import { accountsByIds, authenticate } from '../modules/accounts/index.ts';
import { installGates, installNeedsSource, type Gate } from '../modules/projects/index.ts';
import { registry } from '../modules/registry/index.ts';
import { startIngest, type IngestRuntime } from '../modules/smart/index.ts';
import { policyRoutes } from '../platform/http/policy.routes.ts';
import { auditRoutes } from '../platform/http/audit.routes.ts';
import { modules } from './modules.ts';
import { seedCity } from './seed.ts';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type ProcessRole = 'api' | 'worker' | 'all' | 'ingest';
export const processRoles: readonly ProcessRole[] = ['api', 'worker', 'all', 'ingest'];
// Roles that run background jobs and domain events (an ingest process only consumes device events).
const runsWorkers = (role: ProcessRole) => role === 'worker' || role === 'all';

export async function openContext(
  env: Env,
  log: Logger = createLogger(env.LOG_LEVEL),
  opts: { role?: ProcessRole } = {},
): Promise<AppContext> {
  const role = opts.role ?? 'all';
  const database = await openDatabase(env, log);
  try {
    await runMigrations(database);
    // Rules added to the shipped set since this database was seeded are loaded; published versions are never touched.
    await loadShippedRules(database.db);
    const listen = (channel: string, onNotify: (payload: string) => void) =>
      database.notifications.subscribe(channel, { onNotify, onReset: () => undefined });
    const queue = new Queue(database.db, database.pool, log, { listen, supervise: runsWorkers(role) });
    const events = new Events(queue.boss, database.db, log, listen);
    // Gates and the needs source are what modules contribute to projects; the same in every process.
    installGates(modules.flatMap((m) => (m.gates ?? []) as Gate[]));
    for (const m of modules) if (m.needsSource) installNeedsSource(m.needsSource);
    for (const m of modules) {
      queue.register(...(m.jobs ?? []), ...(m.schedules ?? []).map((s) => s.kind));
      events.register(...(m.handlers ?? []));
    }
    await queue.start();
    await events.start();
    const ctx: AppContext = {
      env,
      database,
      db: database.db,
      log,
      personalKey: personalDataKey(env.PERSONAL_DATA_KEY),
      signingKey: signingKey(env.BALLOT_SIGNING_KEY),
      queue,
      events,
    };
    await registry.backfillPhoneHashes(ctx);
    if (runsWorkers(role)) {
      await queue.work(ctx);
      await events.work(ctx);
      for (const m of modules) for (const s of m.schedules ?? []) await queue.schedule(s.kind, s.cron);
      for (const m of modules) for (const start of m.onWorkerStart ?? []) await start(ctx);
    }
    const close = database.close.bind(database);
    database.close = async () => {
      await queue.stop();
      await close();
    };
    return ctx;
  } catch (err) {
    await database.close();
    throw err;
  }
}

export async function seedIfEmpty(ctx: AppContext): Promise<boolean> {
  if (ctx.env.SEED_SCALE === 'none') return false;
  const { rows } = await ctx.database.pool.query<{ n: number }>('select count(*)::int as n from users');
  if (rows[0]!.n > 0) return false;
  // Several processes may start on one empty database: one seeds, the others wait and find it seeded.
  const client = await ctx.database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(7263003)');
    const again = await client.query<{ n: number }>('select count(*)::int as n from users');
    if (again.rows[0]!.n > 0) return false;
    ctx.log.info({ scale: ctx.env.SEED_SCALE }, 'first run: seeding the demo city');
    await seedCity(ctx, ctx.env.SEED_SCALE, ctx.env.SEED_VALUE);
    return true;
  } finally {
    await client.query('select pg_advisory_unlock(7263003)').catch(() => undefined);
    client.release();
  }
}

export async function createHttpApp(ctx: AppContext): Promise<{ app: ZodApp; routes: RouteRecord[] }> {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  const { app, routes } = await buildApp({
    logger: ctx.log,
    authenticate: (token) => authenticate(ctx, token),
    rateLimitStore: postgresRateLimitStore(() => ctx.database.pool),
    webIndex: hasWeb ? 'index.html' : undefined,
    trustProxy: ctx.env.TRUST_PROXY,
    production: ctx.env.NODE_ENV === 'production',
  });
  await platformRoutes(app, ctx);
  await policyRoutes(app, ctx);
  await auditRoutes(app, ctx, async (ids) => new Map((await accountsByIds(ctx.db, ids)).map((a) => [a.id, a.displayName])));
  for (const m of modules) for (const routes of m.routes ?? []) await routes(app, ctx);
  if (hasWeb) {
    // Files are looked up per request, so a rebuild while serving is picked up.
    await app.register(fastifyStatic, { root: webDist, index: ['index.html'] });
  } else {
    app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply.type('text/html').send('<h1>Renova</h1><p>The web app is not built: run <code>npm run build</code>.</p>'),
    );
  }
  return { app, routes };
}

export interface RunningServer {
  url: string;
  role: ProcessRole;
  ctx: AppContext;
  app: ZodApp;
  close(): Promise<void>;
}

export interface RunningWorker {
  role: 'worker' | 'ingest';
  ctx: AppContext;
  close(): Promise<void>;
}

const pidFile = (env: Env) => path.join(env.dataDir, 'renova.pid');

/**
 * A server left behind by a killed `npm start` (npm's child outlives npm under
 * SIGKILL) still holds the embedded database's port; its pid file names it, so
 * it is stopped first. Only the process that owns the embedded database keeps
 * the file: processes on an external database share DATA_DIR and leave each other be.
 */
async function stopStaleServer(env: Env, log?: Logger): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(env), 'utf8').trim());
  } catch {
    return;
  }
  const isOurs = () => {
    try {
      return pid !== process.pid && /renova\.mjs|scripts\/start\.mjs/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
    } catch {
      return false;
    }
  };
  if (!Number.isInteger(pid) || !isOurs()) return;
  log?.warn({ stalePid: pid }, 'stopping a Renova server left running by an earlier run');
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 200 && isOurs(); i++) await new Promise((r) => setTimeout(r, 50));
  if (isOurs()) process.kill(pid, 'SIGKILL');
}

/** A worker: background jobs, domain events and the clock's work, no HTTP. */
export async function startWorker(env: Env, log?: Logger): Promise<RunningWorker> {
  if (!env.DATABASE_URL) await stopStaleServer(env, log);
  const ctx = await openContext(env, log, { role: 'worker' });
  if (!env.DATABASE_URL) writeFileSync(pidFile(env), `${process.pid}\n`);
  return {
    role: 'worker',
    ctx,
    async close() {
      await ctx.database.close();
      if (!env.DATABASE_URL) rmSync(pidFile(env), { force: true });
    },
  };
}

/**
 * An ingest process (`--role ingest`): consumers of the city's broker (MQTT_URL) in its shared-subscription
 * group, the priority lane and the offline timers; no HTTP, no broker, no jobs.
 */
export async function startIngestProcess(env: Env, log?: Logger): Promise<RunningWorker> {
  if (!env.MQTT_URL) throw new Error('--role ingest needs MQTT_URL: the broker the ingest processes share');
  const ctx = await openContext(env, log, { role: 'ingest' });
  try {
    const ingest = await startIngest(ctx, { broker: false, consume: true });
    return {
      role: 'ingest',
      ctx,
      async close() {
        await ingest.close();
        await ctx.database.close();
      },
    };
  } catch (err) {
    await ctx.database.close();
    throw err;
  }
}

/** The API and web UI (`api`), with the workers, the embedded broker and the ingest in the same process (`all`). */
export async function startServer(env: Env, log?: Logger, opts: { role?: 'api' | 'all' } = {}): Promise<RunningServer> {
  const role = opts.role ?? 'all';
  const ownsEmbedded = !env.DATABASE_URL;
  if (ownsEmbedded) await stopStaleServer(env, log);
  const ctx = await openContext(env, log, { role });
  let ingest: IngestRuntime | undefined;
  try {
    await seedIfEmpty(ctx);
    // `all` consumes device events (from the embedded broker unless MQTT_URL names one); `api` only takes HTTP batches.
    ingest = await startIngest(ctx, { broker: role === 'all' && !env.MQTT_URL, consume: role === 'all' });
    const running = ingest;
    const { app } = await createHttpApp(ctx);
    await app.listen({ port: env.PORT, host: env.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    if (ownsEmbedded) writeFileSync(pidFile(env), `${process.pid}\n`);
    const { demoSimulatorFor } = await import('./simulate.ts');
    const simulator = await demoSimulatorFor(ctx, role, running.broker?.url);
    return {
      url: `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`,
      role,
      ctx,
      app,
      async close() {
        await simulator?.stop();
        await app.close();
        await running.close();
        await ctx.database.close();
        if (ownsEmbedded) rmSync(pidFile(env), { force: true });
      },
    };
  } catch (err) {
    await ingest?.close().catch(() => undefined);
    await ctx.database.close();
    throw err;
  }
}
