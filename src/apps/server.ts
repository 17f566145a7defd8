// Assembles the process: settings → database (embedded or external) →
// migrations → first-run seed → HTTP app with every module's routes → web UI.
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
import { failInterruptedJobs } from '../platform/jobs.ts';
import { createLogger } from '../platform/logger.ts';
import { personalDataKey } from '../platform/personal-data.ts';
import { signingKey } from '../platform/signing.ts';
import { loadShippedRules } from '../platform/policy.ts';
import { accountsRoutes, authenticate } from '../modules/accounts/index.ts';
import { approvalsRoutes } from '../modules/approvals/index.ts';
import { catalogueRoutes } from '../modules/catalogue/index.ts';
import { fundingRoutes } from '../modules/funding/index.ts';
import {
  acceptanceRoutes,
  deliberationRoutes,
  participationRoutes,
  residentRoutes,
  surveysRoutes,
} from '../modules/participation/index.ts';
import { outcomesRoutes, projectsRoutes } from '../modules/projects/index.ts';
import { coordinationRoutes } from '../modules/coordination/index.ts';
import { statsRoutes } from '../modules/stats/index.ts';
import { assessmentRoutes, evaluationRoutes, sampleSurveysRoutes, satisfactionRoutes } from '../modules/evaluation/index.ts';
import { governanceRoutes } from '../modules/governance/index.ts';
import { registry, registryRoutes } from '../modules/registry/index.ts';
import { policyRoutes } from '../platform/http/policy.routes.ts';
import { seedCity } from './seed.ts';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export async function openContext(env: Env, log: Logger = createLogger(env.LOG_LEVEL)): Promise<AppContext> {
  const database = await openDatabase(env, log);
  await runMigrations(database);
  // Rules added to the shipped set since this database was seeded are loaded; published versions are never touched.
  await loadShippedRules(database.db);
  const ctx = {
    env,
    database,
    db: database.db,
    log,
    personalKey: personalDataKey(env.PERSONAL_DATA_KEY),
    signingKey: signingKey(env.BALLOT_SIGNING_KEY),
  };
  await registry.backfillPhoneHashes(ctx);
  return ctx;
}

export async function seedIfEmpty(ctx: AppContext): Promise<boolean> {
  if (ctx.env.SEED_SCALE === 'none') return false;
  const { rows } = await ctx.database.pool.query<{ n: number }>('select count(*)::int as n from users');
  if (rows[0]!.n > 0) return false;
  ctx.log.info({ scale: ctx.env.SEED_SCALE }, 'first run: seeding the demo city');
  await seedCity(ctx, ctx.env.SEED_SCALE, ctx.env.SEED_VALUE);
  return true;
}

export async function createHttpApp(ctx: AppContext): Promise<{ app: ZodApp; routes: RouteRecord[] }> {
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  const { app, routes } = await buildApp({
    logger: ctx.log,
    authenticate: (token) => authenticate(ctx, token),
    webIndex: hasWeb ? 'index.html' : undefined,
  });
  await platformRoutes(app, ctx);
  await accountsRoutes(app, ctx);
  await registryRoutes(app, ctx);
  await policyRoutes(app, ctx);
  await catalogueRoutes(app, ctx);
  await projectsRoutes(app, ctx);
  await fundingRoutes(app, ctx);
  await approvalsRoutes(app, ctx);
  await outcomesRoutes(app, ctx);
  await participationRoutes(app, ctx);
  await surveysRoutes(app, ctx);
  await deliberationRoutes(app, ctx);
  await acceptanceRoutes(app, ctx);
  await residentRoutes(app, ctx);
  await governanceRoutes(app, ctx);
  await coordinationRoutes(app, ctx);
  await statsRoutes(app, ctx);
  await evaluationRoutes(app, ctx);
  await assessmentRoutes(app, ctx);
  await satisfactionRoutes(app, ctx);
  await sampleSurveysRoutes(app, ctx);
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
  ctx: AppContext;
  app: ZodApp;
  close(): Promise<void>;
}

const pidFile = (env: Env) => path.join(env.dataDir, 'renova.pid');

/**
 * A server left behind by a killed `npm start` (npm's child outlives npm under
 * SIGKILL) still holds the port; its pid file names it, so it is stopped first.
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

export async function startServer(env: Env, log?: Logger): Promise<RunningServer> {
  await stopStaleServer(env, log);
  const ctx = await openContext(env, log);
  try {
    await failInterruptedJobs(ctx.db);
    await seedIfEmpty(ctx);
    const { app } = await createHttpApp(ctx);
    await app.listen({ port: env.PORT, host: env.HOST });
    writeFileSync(pidFile(env), `${process.pid}\n`);
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    return {
      url: `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${port}`,
      ctx,
      app,
      async close() {
        await app.close();
        await ctx.database.close();
        rmSync(pidFile(env), { force: true });
      },
    };
  } catch (err) {
    await ctx.database.close();
    throw err;
  }
}
