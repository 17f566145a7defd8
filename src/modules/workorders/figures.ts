// Work orders counted for a division or a compound: the "service data" other modules' dashboards show beside
// their own figures (the grid governance dashboard). Counts only; no order's content leaves.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { workOrderStatuses, type WorkOrderStatus } from './schema.ts';

export interface WorkOrderFigures {
  total: number;
  byStatus: { status: WorkOrderStatus; count: number }[];
  /** Unfinished orders past their due time at `now`. */
  overdue: number;
  /** Orders raised from each source kind ('alarm', 'grid_event', 'manual', …). */
  bySource: { sourceKind: string; count: number }[];
}

/** `communityPrefix`: the first digits every community code in the division starts with (registry's divisionPrefix). */
export async function workOrderFigures(
  db: Db | Tx,
  where: { communityPrefix: string } | { compoundId: string },
  now: Date = new Date(),
): Promise<WorkOrderFigures> {
  const filter =
    'compoundId' in where ? sql`compound_id = ${where.compoundId}::uuid` : sql`community_code like ${`${where.communityPrefix}%`}`;
  const { rows } = await db.execute<{ status: WorkOrderStatus; source_kind: string; n: number; overdue: number }>(sql`
    select status, source_kind, count(*)::int as n,
      count(*) filter (where status not in ('done', 'cancelled') and due_at < ${now.toISOString()}::timestamptz)::int as overdue
    from work_orders where ${filter} group by status, source_kind`);
  const byStatus = new Map<WorkOrderStatus, number>();
  const bySource = new Map<string, number>();
  for (const r of rows) {
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
    bySource.set(r.source_kind, (bySource.get(r.source_kind) ?? 0) + r.n);
  }
  return {
    total: rows.reduce((n, r) => n + r.n, 0),
    byStatus: workOrderStatuses.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    overdue: rows.reduce((n, r) => n + r.overdue, 0),
    bySource: [...bySource].map(([sourceKind, count]) => ({ sourceKind, count })).sort((a, b) => b.count - a.count),
  };
}
