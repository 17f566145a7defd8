// The per-address request limits (sign-in, one-time codes) counted in PostgreSQL, so several API processes behind
// a balancer share one count: an attacker cannot multiply the limit by the number of processes. One upsert per
// request on an unlogged table; a fixed window per key, as @fastify/rate-limit's own store keeps it.
import type pg from 'pg';

interface Counted {
  current: number;
  ttl: number;
}

type Callback = (err: Error | null, res?: Counted) => void;

const UPSERT = `
  insert into rate_limits as r (key, window_start, hits) values ($1, now(), 1)
  on conflict (key) do update set
    hits = case when r.window_start + make_interval(secs => $2::float8 / 1000) <= now() then 1 else r.hits + 1 end,
    window_start = case when r.window_start + make_interval(secs => $2::float8 / 1000) <= now() then now() else r.window_start end
  returning hits, greatest(0, extract(epoch from (window_start + make_interval(secs => $2::float8 / 1000) - now())) * 1000)::int as ttl`;

/** `pool` is asked for at the first request, not when the app is assembled (the API document is built without a database). */
export function postgresRateLimitStore(pool: () => pg.Pool) {
  class PostgresStore {
    constructor(private readonly prefix = '') {}

    incr(key: string, cb: Callback, timeWindow: number): void {
      pool()
        .query<{ hits: number; ttl: number }>(UPSERT, [`${this.prefix}${key}`, timeWindow])
        .then(
          ({ rows }) => cb(null, { current: rows[0]!.hits, ttl: rows[0]!.ttl }),
          (err: Error) => cb(err),
        );
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string } }): PostgresStore {
      const r = routeOptions.routeInfo ?? {};
      return new PostgresStore(`${r.method ?? ''} ${r.url ?? ''}|`);
    }
  }
  return PostgresStore;
}
