import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';

/** A JS array as one PostgreSQL array parameter (drizzle would spread it into a tuple). */
export function pgArray(values: readonly (string | number | null)[]): SQL {
  return sql`${sql.param(values)}`;
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * The node-postgres client (or pool) under a Drizzle database or transaction, for libraries that take SQL text
 * (pg-boss queues a job in the caller's transaction through it). Drizzle keeps it on the session.
 */
export function rawClient(tx: object): Queryable {
  const session = (tx as { session?: { client?: Queryable } }).session;
  if (!session?.client) throw new Error('not a node-postgres Drizzle database or transaction');
  return session.client;
}

/**
 * Service functions take either the pool or a transaction and read several things at once with Promise.all. On a
 * transaction those reads share one connection, which node-postgres queues itself for now but will refuse from pg@9
 * on. Each client therefore runs its promise queries one after another; streams and callback calls pass straight through.
 */
export function serializeQueries(client: pg.ClientBase): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  let tail: Promise<unknown> = Promise.resolve();
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [config] = args;
    const streams = typeof (config as { submit?: unknown } | undefined)?.submit === 'function';
    if (streams || args.some((a) => typeof a === 'function')) return query(...args);
    const run = tail.then(() => query(...args));
    tail = run.catch(() => undefined);
    return run;
  };
}
