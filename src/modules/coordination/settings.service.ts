// The city's coordination settings: precedence rules between kinds, each
// department's crews, and blackout periods (city-wide or one compound's).
import { and, asc, eq, gte } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { coordinationMessages as cm, kindWords } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registry } from '../registry/index.ts';
import type { CoordinationDepartment, WorkKind } from './kinds.ts';
import { blackouts, departmentCrews, precedenceRules } from './schema.ts';

function cityOf(user: AuthUser): string {
  const scope = user.scope.division;
  if (!scope) throw forbidden(cm.msg('coordination.no_city'));
  return scope.slice(0, 4) + '00';
}

export async function listRules(ctx: AppContext, user: AuthUser) {
  const rows = await ctx.db
    .select()
    .from(precedenceRules)
    .where(eq(precedenceRules.cityCode, cityOf(user)))
    .orderBy(asc(precedenceRules.beforeKind), asc(precedenceRules.afterKind));
  return { items: rows.map(({ id, beforeKind, afterKind, lagDays, note }) => ({ id, beforeKind, afterKind, lagDays, note })) };
}

export async function addRule(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  input: { beforeKind: WorkKind; afterKind: WorkKind; lagDays: number; note?: string | null },
) {
  if (input.beforeKind === input.afterKind)
    throw unprocessable(cm.msg('precedence.self'), [{ path: 'body.afterKind', message: cm.msg('field.same_as_before_kind') }]);
  const cityCode = cityOf(user);
  const existing = await ctx.db.select().from(precedenceRules).where(eq(precedenceRules.cityCode, cityCode));
  // A rule that closes a cycle (a before b … before a) would make every compound with those kinds unplannable.
  const next = new Map<string, string[]>();
  for (const r of [...existing, input]) next.set(r.beforeKind, [...(next.get(r.beforeKind) ?? []), r.afterKind]);
  const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
    from === to || (!seen.has(from) && (seen.add(from), (next.get(from) ?? []).some((n) => reaches(n, to, seen))));
  if ((next.get(input.afterKind) ?? []).some((n) => reaches(n, input.beforeKind)))
    throw unprocessable(cm.msg('precedence.cycle', { after: kindWords(input.afterKind), before: kindWords(input.beforeKind) }), [
      { path: 'body.afterKind', message: cm.msg('field.closes_cycle') },
    ]);
  if (existing.some((r) => r.beforeKind === input.beforeKind && r.afterKind === input.afterKind))
    throw conflict(cm.msg('precedence.exists'));
  const [row] = await ctx.db
    .insert(precedenceRules)
    .values({ id: uuidv7(), cityCode, ...input, note: input.note ?? null })
    .returning();
  await audit(ctx.db, actor, 'precedence_rule.add', 'precedence_rule', row!.id, {
    beforeKind: input.beforeKind,
    afterKind: input.afterKind,
  });
  return { id: row!.id, beforeKind: row!.beforeKind, afterKind: row!.afterKind, lagDays: row!.lagDays, note: row!.note };
}

export async function deleteRule(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string) {
  const [row] = await ctx.db
    .delete(precedenceRules)
    .where(and(eq(precedenceRules.id, id), eq(precedenceRules.cityCode, cityOf(user))))
    .returning({ id: precedenceRules.id });
  if (!row) throw notFound(cm.msg('precedence.entity', { id }));
  await audit(ctx.db, actor, 'precedence_rule.delete', 'precedence_rule', id);
}

export async function listCrews(ctx: AppContext, user: AuthUser) {
  const rows = await ctx.db
    .select()
    .from(departmentCrews)
    .where(eq(departmentCrews.cityCode, cityOf(user)))
    .orderBy(departmentCrews.department);
  return { items: rows.map(({ department, crews }) => ({ department, crews })) };
}

export async function setCrews(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  department: CoordinationDepartment,
  crews: number,
) {
  const cityCode = cityOf(user);
  await ctx.db
    .insert(departmentCrews)
    .values({ cityCode, department, crews })
    .onConflictDoUpdate({ target: [departmentCrews.cityCode, departmentCrews.department], set: { crews } });
  await audit(ctx.db, actor, 'department_crews.set', 'department', department, { crews });
  return { department, crews };
}

export async function listBlackouts(ctx: AppContext, user: AuthUser, year: number) {
  const rows = await ctx.db
    .select()
    .from(blackouts)
    .where(and(eq(blackouts.cityCode, cityOf(user)), gte(blackouts.toDate, `${year}-01-01`)))
    .orderBy(asc(blackouts.fromDate));
  const names = new Map(
    (
      await registry.compoundsInScope(ctx, { ...user, scope: { division: cityOf(user), compoundIds: [] } }, [
        ...new Set(rows.flatMap((r) => (r.compoundId ? [r.compoundId] : []))),
      ])
    ).map((c) => [c.id, c.name]),
  );
  return {
    items: rows
      .filter((r) => r.fromDate <= `${year}-12-31`)
      .map((r) => ({
        id: r.id,
        compoundId: r.compoundId,
        compoundName: r.compoundId ? (names.get(r.compoundId) ?? null) : null,
        fromDate: r.fromDate,
        toDate: r.toDate,
        reason: r.reason,
      })),
  };
}

export async function addBlackout(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  input: { compoundId?: string | null; fromDate: string; toDate: string; reason: string },
) {
  if (input.toDate < input.fromDate)
    throw unprocessable(cm.msg('blackout.period_reversed'), [{ path: 'body.toDate', message: cm.msg('field.before_from_date') }]);
  if (input.compoundId) await registry.compoundsInScope(ctx, user, [input.compoundId]);
  const [row] = await ctx.db
    .insert(blackouts)
    .values({
      id: uuidv7(),
      cityCode: cityOf(user),
      compoundId: input.compoundId ?? null,
      fromDate: input.fromDate,
      toDate: input.toDate,
      reason: input.reason,
    })
    .returning();
  await audit(ctx.db, actor, 'blackout.add', 'blackout', row!.id, { compoundId: input.compoundId ?? null });
  return { id: row!.id, compoundId: row!.compoundId, fromDate: row!.fromDate, toDate: row!.toDate, reason: row!.reason };
}
