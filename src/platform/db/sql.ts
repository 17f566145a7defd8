import { sql, type SQL } from 'drizzle-orm';

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
