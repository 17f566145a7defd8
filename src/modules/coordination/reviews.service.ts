// The annual plan's review (R15): housing, development-and-reform and finance
// each approve a project or return it with comments; a project is approved
// when all three approve, and the year's plan is fixed when every project is.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, unprocessable } from '../../platform/http/problem.ts';
import { coordinationMessages as cm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { projectFacts, projectsOfYear } from '../projects/index.ts';
import { divisionPrefix } from '../registry/index.ts';
import { divisionFor } from './packages.service.ts';
import { planReviews, reviewDepartments } from './schema.ts';

type Department = (typeof reviewDepartments)[number];
type Decision = { decision: 'approve' | 'return'; comments: string | null; decidedAt: string } | null;

/** Pure: a project's status from each department's latest decision. */
export function reviewStatus(decisions: Record<Department, Decision>): 'pending' | 'approved' | 'returned' {
  const all = reviewDepartments.map((d) => decisions[d]);
  if (all.some((d) => d?.decision === 'return')) return 'returned';
  return all.every((d) => d?.decision === 'approve') ? 'approved' : 'pending';
}

export async function annualReviews(ctx: AppContext, user: AuthUser, year: number, division?: string) {
  const where = divisionFor(user, division);
  const projects = await projectsOfYear(ctx.db, year, divisionPrefix(where));
  const rows = projects.length
    ? await ctx.db
        .select()
        .from(planReviews)
        .where(
          inArray(
            planReviews.projectId,
            projects.map((p) => p.id),
          ),
        )
        .orderBy(desc(planReviews.decidedAt))
    : [];
  const items = projects.map((p) => {
    const decisions = Object.fromEntries(
      reviewDepartments.map((d) => {
        const latest = rows.find((r) => r.projectId === p.id && r.department === d);
        return [d, latest ? { decision: latest.decision, comments: latest.comments, decidedAt: latest.decidedAt.toISOString() } : null];
      }),
    ) as Record<Department, Decision>;
    return { projectId: p.id, projectName: p.name, districtCode: p.districtCode, status: reviewStatus(decisions), decisions };
  });
  return { year, fixed: items.length > 0 && items.every((i) => i.status === 'approved'), items };
}

export async function recordReview(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  projectId: string,
  input: { department: Department; decision: 'approve' | 'return'; comments?: string | null },
) {
  const facts = await projectFacts(ctx, user, projectId);
  if (user.role === 'department_liaison' && user.department !== input.department)
    throw forbidden(cm.msg('review.own_department', { department: user.department ?? '', other: input.department }));
  if (input.decision === 'return' && !input.comments?.trim())
    throw unprocessable(cm.msg('review.returned_needs_comments'), [
      { path: 'body.comments', message: cm.msg('field.required_when_returning') },
    ]);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(planReviews).values({
      id,
      projectId,
      year: facts.year,
      department: input.department,
      decision: input.decision,
      comments: input.comments ?? null,
      decidedBy: user.id,
    });
    await audit(tx, actor, 'plan_review.record', 'project', projectId, { department: input.department, decision: input.decision });
  });
  const [row] = await ctx.db
    .select()
    .from(planReviews)
    .where(and(eq(planReviews.id, id)));
  return { id, department: row!.department, decision: row!.decision, comments: row!.comments, decidedAt: row!.decidedAt.toISOString() };
}
