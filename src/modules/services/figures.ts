// The community's matching figures (the "matching efficiency" of seed §五.3, measured), for the dashboard: by kind
// of service and in all, over orders created in a period in a division. Fill rate = orders that found a provider ÷
// orders that asked for one (those cancelled before any acceptance are not demand), an exact fraction with its
// percentage rounded half up; time to match = acceptance − creation (mean and median seconds); no-shows; unmet
// demand = unmatched orders and those still waiting when their time came.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/http/problem.ts';
import { divisionPrefix, within } from '../registry/index.ts';
import type { Caller } from './access.ts';
import { servicesMessages as sm } from './messages.ts';
import { catalogueAt, kindOf } from './rules.ts';

interface Row {
  kind: string | null;
  orders: number;
  demand: number;
  matched: number;
  completed: number;
  no_shows: number;
  unmet: number;
  match_seconds: string | null;
  median_seconds: string | null;
  [k: string]: unknown;
}

/** n/d as a percentage with one decimal, rounded half up, computed in integers; null when d is 0. */
export function percentText(n: number, d: number): string | null {
  if (d === 0) return null;
  const tenths = Math.floor((n * 2000 + d) / (2 * d));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

function figuresOf(r: Row | undefined) {
  const demand = r?.demand ?? 0;
  const matched = r?.matched ?? 0;
  return {
    orders: r?.orders ?? 0,
    demand,
    matched,
    completed: r?.completed ?? 0,
    fillRate: { numerator: matched, denominator: demand, percent: percentText(matched, demand) },
    meanSecondsToMatch: matched && r?.match_seconds != null ? Math.floor(Number(r.match_seconds) / matched) : null,
    medianSecondsToMatch: r?.median_seconds != null ? Math.floor(Number(r.median_seconds)) : null,
    noShows: r?.no_shows ?? 0,
    unmet: r?.unmet ?? 0,
  };
}

export async function matchingFigures(
  ctx: AppContext,
  caller: Caller,
  q: { division: string; from?: string; to?: string },
  now = new Date(),
) {
  if (caller.role === 'service_provider') throw forbidden();
  if (!caller.scope.division || !within(q.division, caller.scope.division))
    throw notFound(sm.msg('services.division.entity', { id: q.division }));
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
  const wait = sql`extract(epoch from accepted_at - created_at)`;
  const res = await ctx.db.execute<Row>(sql`
    select kind, count(*)::int as orders,
      count(*) filter (where not (status = 'cancelled' and accepted_at is null))::int as demand,
      count(*) filter (where accepted_at is not null)::int as matched,
      count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where status = 'no_show')::int as no_shows,
      count(*) filter (where status = 'unmatched' or (status in ('requested', 'offered') and starts_at < ${now.toISOString()}::timestamptz))::int as unmet,
      sum(${wait}) filter (where accepted_at is not null)::text as match_seconds,
      (percentile_disc(0.5) within group (order by ${wait}) filter (where accepted_at is not null))::text as median_seconds
    from service_orders
    where community_code like ${divisionPrefix(q.division) + '%'}
      and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
    group by grouping sets ((kind), ())`);
  const catalogue = await catalogueAt(ctx.db);
  const byKind = new Map(res.rows.filter((r) => r.kind !== null).map((r) => [r.kind!, r]));
  const total = res.rows.find((r) => r.kind === null);
  const kinds = [...catalogue.kinds.map((k) => k.code), ...[...byKind.keys()].filter((k) => !kindOf(catalogue, k))];
  return {
    division: q.division,
    from: from.toISOString(),
    to: to.toISOString(),
    totals: figuresOf(total),
    byKind: kinds.map((kind) => ({ kind, name: kindOf(catalogue, kind)?.name ?? { zh: kind, en: kind }, ...figuresOf(byKind.get(kind)) })),
  };
}
