// Findings an office must close (issue 16: the district's and subdistrict's homes): open findings whose
// responsible office is the account's own division, soonest due first. Only that office closes them.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { evaluationEngagements, evaluationFindings } from './schema.ts';

export async function findingsToClose(db: Db | Tx, office: string, limit: number) {
  const where = and(eq(evaluationFindings.responsibleDivision, office), eq(evaluationFindings.status, 'open'));
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evaluationFindings)
    .where(where);
  const rows = await db
    .select({
      id: evaluationFindings.id,
      engagementId: evaluationFindings.engagementId,
      engagementTitle: evaluationEngagements.title,
      text: evaluationFindings.text,
      severity: evaluationFindings.severity,
      dueOn: evaluationFindings.dueOn,
    })
    .from(evaluationFindings)
    .innerJoin(evaluationEngagements, eq(evaluationEngagements.id, evaluationFindings.engagementId))
    .where(where)
    .orderBy(asc(evaluationFindings.dueOn), asc(evaluationFindings.id))
    .limit(limit);
  return { total: count?.n ?? 0, items: rows };
}
