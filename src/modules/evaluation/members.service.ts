// Who works for an institution: its evaluators. An evaluator account belongs to
// one institution and enters the answers of that institution's sample surveys
// only. The city's account administrator sets the membership; the accounts
// themselves are accounts' (read through its index).
import { and, eq } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound, unprocessable } from '../../platform/http/problem.ts';
import { evaluationMessages as em } from './messages.ts';
import { accountByUsername, accountsByIds } from '../accounts/index.ts';
import { evaluationInstitutions, institutionMembers } from './schema.ts';

/** The role whose answers are held to its own institution (staff who manage evaluation are not). */
export const AGENCY_ROLE = 'evaluator';

async function institutionExists(db: Db | Tx, id: string): Promise<void> {
  const [row] = await db.select({ id: evaluationInstitutions.id }).from(evaluationInstitutions).where(eq(evaluationInstitutions.id, id));
  if (!row) throw notFound(em.msg('institution.entity', { id }));
}

export async function listMembers(ctx: AppContext, institutionId: string) {
  await institutionExists(ctx.db, institutionId);
  const rows = await ctx.db.select().from(institutionMembers).where(eq(institutionMembers.institutionId, institutionId));
  const since = new Map(rows.map((r) => [r.userId, r.addedAt.toISOString()]));
  const accounts = await accountsByIds(ctx.db, [...since.keys()]);
  return { items: accounts.map((a) => ({ userId: a.id, username: a.username, displayName: a.displayName, addedAt: since.get(a.id)! })) };
}

/** Makes an evaluator account a member of the institution (moving it from any other: one institution per account). */
export async function addMember(ctx: AppContext, user: AuthUser, actor: Actor | undefined, institutionId: string, username: string) {
  return ctx.db.transaction(async (tx) => {
    await institutionExists(tx, institutionId);
    const account = await accountByUsername(tx, username);
    if (!account)
      throw unprocessable(em.msg('member.no_account', { username }), [{ path: 'body.username', message: em.msg('field.no_account') }]);
    if (account.role !== AGENCY_ROLE)
      throw unprocessable(em.msg('member.not_evaluator', { username }), [
        { path: 'body.username', message: em.msg('field.role_not_evaluator', { role: account.role, expected: AGENCY_ROLE }) },
      ]);
    const [row] = await tx
      .insert(institutionMembers)
      .values({ userId: account.id, institutionId, addedBy: user.id })
      .onConflictDoUpdate({ target: institutionMembers.userId, set: { institutionId, addedBy: user.id, addedAt: new Date() } })
      .returning();
    await audit(tx, actor, 'evaluation.institution.member_add', 'evaluation_institution', institutionId, { userId: account.id });
    return { userId: account.id, username: account.username, displayName: account.displayName, addedAt: row!.addedAt.toISOString() };
  });
}

export async function removeMember(ctx: AppContext, actor: Actor | undefined, institutionId: string, userId: string) {
  await ctx.db.transaction(async (tx) => {
    const gone = await tx
      .delete(institutionMembers)
      .where(and(eq(institutionMembers.institutionId, institutionId), eq(institutionMembers.userId, userId)))
      .returning({ userId: institutionMembers.userId });
    if (!gone.length) throw notFound(em.msg('member.entity', { id: userId, institution: institutionId }));
    await audit(tx, actor, 'evaluation.institution.member_remove', 'evaluation_institution', institutionId, { userId });
  });
}

/** Whether the account may work on this institution's surveys: an evaluator only for its own institution. */
export async function worksFor(db: Db | Tx, user: AuthUser, institutionId: string): Promise<boolean> {
  if (user.role !== AGENCY_ROLE) return true;
  const [row] = await db
    .select({ userId: institutionMembers.userId })
    .from(institutionMembers)
    .where(and(eq(institutionMembers.userId, user.id), eq(institutionMembers.institutionId, institutionId)));
  return !!row;
}

/** The demo's evaluator works for the agency that runs the demo's sample surveys (idempotent). */
export async function seedMembers(tx: Tx, institutionId: string, usernames: readonly string[]): Promise<void> {
  for (const username of usernames) {
    const account = await accountByUsername(tx, username);
    if (account?.role === AGENCY_ROLE)
      await tx.insert(institutionMembers).values({ userId: account.id, institutionId }).onConflictDoNothing();
  }
}
