import { sql, type SQL } from 'drizzle-orm';

/** A JS array as one PostgreSQL array parameter (drizzle would spread it into a tuple). */
export function pgArray(values: readonly (string | number | null)[]): SQL {
  return sql`${sql.param(values)}`;
}
