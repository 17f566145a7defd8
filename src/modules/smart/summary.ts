// Today's alarms of a compound by severity, for the lobby information screen (the community module): counts only,
// never a device's place or detail; watch-list alerts are left out (they are public security's alone).
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { alarms, severities, type Severity } from './schema.ts';

export interface AlarmSummary {
  /** Alarms first raised today (Shanghai's day), by severity. */
  today: Record<Severity, number>;
  /** Of those, how many are still open (not cleared). */
  open: number;
}

export async function alarmSummaryToday(db: Db | Tx, compoundId: string, now = new Date()): Promise<AlarmSummary> {
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - 8 * 3_600_000);
  const rows = await db
    .select({
      severity: alarms.severity,
      count: sql<number>`count(*)::int`,
      open: sql<number>`count(*) filter (where ${alarms.status} <> 'cleared')::int`,
    })
    .from(alarms)
    .where(and(eq(alarms.compoundId, compoundId), eq(alarms.restricted, 'no'), gte(alarms.firstAt, start)))
    .groupBy(alarms.severity);
  const today = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
  let open = 0;
  for (const r of rows) {
    today[r.severity] = r.count;
    open += r.open;
  }
  return { today, open };
}
