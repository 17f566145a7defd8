// One pool per process. Embedded mode starts the bundled server first;
// external mode (DATABASE_URL) uses any PostgreSQL 15+ server as it is.
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Env } from '../../config/env.ts';
import { startEmbedded, type EmbeddedServer } from './embedded.ts';
import { Notifications } from './notifications.ts';
import { serializeQueries } from './sql.ts';

// NUMERIC and BIGINT come back as strings: areas and fen stay exact.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

export type Db = NodePgDatabase;
/** Either the database or a transaction: service functions accept both. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export interface Database {
  db: Db;
  pool: pg.Pool;
  mode: 'embedded' | 'external';
  version: string;
  url: string;
  notifications: Notifications;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/migrations');

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function openDatabase(env: Env, log: Logger, opts: { poolSize?: number } = {}): Promise<Database> {
  let embedded: EmbeddedServer | undefined;
  let url: string;
  if (env.DATABASE_URL) {
    url = env.DATABASE_URL;
  } else {
    if (env.NODE_ENV === 'production' && !env.ALLOW_EMBEDDED_DB_IN_PRODUCTION)
      throw new Error(
        'NODE_ENV=production needs DATABASE_URL (an external PostgreSQL 15+ server with its backups): the embedded ' +
          'PostgreSQL under DATA_DIR is for development. To run production on it anyway, set ALLOW_EMBEDDED_DB_IN_PRODUCTION=true.',
      );
    embedded = await startEmbedded(env.dataDir, env.EMBEDDED_PG_PORT, log);
    url = await ensureDatabase(embedded.url, 'renova');
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 20 });
  // The error object carries the client and its statements: log only what it says.
  pool.on('error', (err: Error & { code?: string }) => log.warn({ code: err.code, message: err.message }, 'idle database client failed'));
  // A connection lost while a client is checked out between statements (a server restart, a database dropped
  // under it) is reported to its next query; without a listener it would also be an uncaught exception.
  pool.on('connect', (client) => {
    client.on('error', (err: Error & { code?: string }) => log.warn({ code: err.code, message: err.message }, 'database connection lost'));
    serializeQueries(client);
  });
  const { rows } = await pool.query<{ server_version: string }>('show server_version');
  const db = drizzle(pool);
  const notifications = new Notifications(url, log);
  return {
    db,
    pool,
    mode: embedded ? 'embedded' : 'external',
    version: rows[0]!.server_version.split(' ')[0]!,
    url,
    notifications,
    async close() {
      await notifications.close();
      await pool.end();
      await embedded?.stop();
    },
  };
}

/** Applies pending migrations; an advisory lock keeps concurrent starters from racing. */
export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('select pg_advisory_lock(7263001)');
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(7263001)').catch(() => undefined);
    client.release();
  }
}
