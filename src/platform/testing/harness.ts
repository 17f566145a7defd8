// Each test file gets its own database, cloned from the seeded template, and
// an HTTP app wired exactly as in production; requests go through inject().
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { loadEnv } from '../../config/env.ts';
import { createHttpApp, openContext } from '../../apps/server.ts';
import type { AppContext } from '../context.ts';
import type { RouteRecord, ZodApp } from '../http/app.ts';
import { createLogger } from '../logger.ts';
import { TEMPLATE_DB, testSettings } from './settings.ts';

export interface TestApp {
  /** The database this test file owns (a clone of the seeded template). */
  url: string;
  ctx: AppContext;
  app: ZodApp;
  routes: RouteRecord[];
  /** Signs in and returns the bearer header for that account. */
  as(username: string): Promise<{ authorization: string }>;
  /** One API request as that account, with a JSON body when given. */
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    username: string,
    payload?: unknown,
  ): Promise<Awaited<ReturnType<ZodApp['inject']>>>;
  /** A multipart/form-data POST of text fields and one file in the field "file", as a browser form sends it. */
  upload(
    url: string,
    username: string,
    fields: Record<string, string>,
    file: { name: string; data: Buffer; type?: string },
  ): Promise<Awaited<ReturnType<ZodApp['inject']>>>;
  /** Resolves once every queued job and domain event of this database has been handled (bounded: 30 s). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('pgAdminUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drops a test database once nothing is connected to it. Not `with (force)`: terminating a connection
 * that some client still holds (a job's transaction finishing late) raises 57P01 in that client, which
 * has failed a CI run as an uncaught exception. A database still in use after a few seconds is left to
 * the throwaway cluster.
 */
async function dropWhenIdle(name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await admin((c) => c.query(`drop database if exists ${name}`));
      return;
    } catch (err) {
      // 55006: object_in_use (other sessions are using the database).
      if ((err as { code?: string }).code !== '55006') throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function testApp(
  settings: Record<string, string> = {},
  opts: { logStream?: { write(line: string): void }; role?: 'api' | 'all' } = {},
): Promise<TestApp> {
  const name = `renova_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template ${TEMPLATE_DB}`));
  const url = new URL(inject('pgAdminUrl'));
  url.pathname = `/${name}`;
  const env = loadEnv({ ...testSettings, ...settings, DATABASE_URL: url.toString() });
  const ctx = await openContext(env, opts.logStream ? createLogger('trace', opts.logStream) : createLogger('silent'), {
    role: opts.role ?? 'all',
  });
  const { app, routes } = await createHttpApp(ctx);
  // Tests are written in English: a request that names no language is answered in English here, so
  // assertions on words read like the code. Tests of the language itself send their own header
  // (zh-CN, or `*` to fall through to the account's locale and the zh-CN default).
  app.addHook('onRequest', async (req) => {
    req.headers['accept-language'] ??= 'en';
  });
  await app.ready();
  const tokens = new Map<string, string>();
  const as = async (username: string) => {
    let token = tokens.get(username);
    if (!token) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Demo@2026' } });
      if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.statusCode} ${res.body}`);
      token = res.json<{ token: string }>().token;
      tokens.set(username, token);
    }
    return { authorization: `Bearer ${token}` };
  };
  return {
    url: url.toString(),
    ctx,
    app,
    routes,
    as,
    async call(method, url, username, payload) {
      return app.inject({ method, url, headers: await as(username), ...(payload === undefined ? {} : { payload: payload as object }) });
    },
    async upload(url, username, fields, file) {
      const boundary = '----renova' + randomBytes(8).toString('hex');
      const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`;
      return app.inject({
        method: 'POST',
        url,
        payload: Buffer.concat([Buffer.from(parts.join('') + head), file.data, Buffer.from(`\r\n--${boundary}--\r\n`)]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(await as(username)) },
      });
    },
    async settled() {
      // Work due later than the wait could last (an alarm's escalation timer) is not pending now.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { rows } = await ctx.database.pool.query<{ n: number }>(
          `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and name <> '__pgboss__send-it' and start_after <= now() + interval '30 seconds'`,
        );
        if (rows[0]!.n === 0) return;
        if (Date.now() > deadline) throw new Error(`${rows[0]!.n} jobs or events still pending after 30 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await app.close();
      await ctx.database.close();
      await dropWhenIdle(name);
    },
  };
}
