// Work packages: each department's and utility's works in a compound of a
// project. A department liaison sees and changes only their own department's
// packages; any other answers 404, as if it did not exist.
import { and, asc, desc, eq, gt, like, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { coordinationMessages as cm, kindWords } from './messages.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { projectCompoundIds, projectFacts, requireProject } from '../projects/index.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { workKinds, type WorkKind } from './kinds.ts';
import { withPlanned } from './planned.ts';
import { workPackages } from './schema.ts';

export type PackageRow = typeof workPackages.$inferSelect;

export const packageView = (p: PackageRow) => ({
  id: p.id,
  projectId: p.projectId,
  projectName: p.projectName,
  compoundId: p.compoundId,
  compoundName: p.compoundName,
  year: p.year,
  kind: p.kind,
  department: p.department,
  durationDays: p.durationDays,
  crews: p.crews,
  opensGround: p.opensGround,
  blocksAccess: p.blocksAccess,
  planItemCodes: p.planItemCodes,
  status: p.status,
  startedOn: p.startedOn,
});

/** Liaisons are held to their department; other staff see every department within their scope. */
export function departmentFilter(user: AuthUser): SQL | undefined {
  if (user.role !== 'department_liaison') return undefined;
  return eq(workPackages.department, (user.department ?? '—') as PackageRow['department']);
}

/** The division a user may plan for: the one asked, if inside their scope; their scope otherwise. */
export function divisionFor(user: AuthUser, asked?: string): string {
  const scope = user.scope.division;
  if (!scope) throw forbidden(cm.msg('coordination.no_division'));
  if (!asked) return scope;
  if (!asked.startsWith(divisionPrefix(scope)))
    throw unprocessable(cm.msg('coordination.division_out_of_scope', { division: asked }), [
      { path: 'body.division', message: cm.msg('field.outside_scope') },
    ]);
  return asked;
}

export function inDivision(division: string): SQL {
  return like(workPackages.communityCode, `${divisionPrefix(division)}%`);
}

export async function packageFor(ctx: AppContext, user: AuthUser, id: string): Promise<PackageRow> {
  const [row] = await ctx.db
    .select()
    .from(workPackages)
    .where(and(eq(workPackages.id, id), departmentFilter(user)));
  if (!row) throw notFound(cm.msg('work_package.entity', { id }));
  await requireProject(ctx, user, row.projectId).catch(() => {
    throw notFound(cm.msg('work_package.entity', { id }));
  });
  return row;
}

export async function projectPackages(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const rows = await ctx.db
    .select()
    .from(workPackages)
    .where(and(eq(workPackages.projectId, projectId), departmentFilter(user)))
    .orderBy(asc(workPackages.compoundName), asc(workPackages.kind));
  return { items: await withPlanned(ctx.db, rows) };
}

export interface PackageQuery {
  year: number;
  division?: string;
  department?: string;
  limit: number;
  cursor?: string;
}

export async function listPackages(ctx: AppContext, user: AuthUser, q: PackageQuery) {
  const division = divisionFor(user, q.division);
  const after = decodeCursor(q.cursor, z.tuple([z.string(), z.string()]));
  const rows = await ctx.db
    .select()
    .from(workPackages)
    .where(
      and(
        eq(workPackages.year, q.year),
        inDivision(division),
        departmentFilter(user),
        q.department ? eq(workPackages.department, q.department as PackageRow['department']) : undefined,
        after
          ? or(gt(workPackages.compoundName, after[0]), and(eq(workPackages.compoundName, after[0]), gt(workPackages.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(asc(workPackages.compoundName), asc(workPackages.id))
    .limit(q.limit + 1);
  const result = page(rows, q.limit, (r) => [r.compoundName, r.id]);
  return { items: await withPlanned(ctx.db, result.items), nextCursor: result.nextCursor };
}

/** The years with work packages in the account's division (a liaison: their department's), newest first: what a year picker offers. */
export async function packageYears(ctx: AppContext, user: AuthUser, q: { division?: string }) {
  const division = divisionFor(user, q.division);
  const rows = await ctx.db
    .selectDistinct({ year: workPackages.year })
    .from(workPackages)
    .where(and(inDivision(division), departmentFilter(user)))
    .orderBy(desc(workPackages.year));
  return { years: rows.map((r) => r.year) };
}

export interface NewPackage {
  compoundId: string;
  kind: WorkKind;
  durationDays: number;
  crews: number;
  blocksAccess?: boolean;
  planItemCodes?: string[];
}

export async function createPackage(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: NewPackage) {
  const facts = await projectFacts(ctx, user, projectId);
  const kind = workKinds[input.kind];
  if (user.role === 'department_liaison' && user.department !== kind.department)
    throw forbidden(
      cm.msg('package.liaison_own_department', { department: user.department ?? '', kind: kindWords(input.kind), owner: kind.department }),
    );
  if (!(await projectCompoundIds(ctx.db, projectId)).includes(input.compoundId))
    throw unprocessable(cm.msg('work_package.compound_not_in_project'), [
      { path: 'body.compoundId', message: cm.msg('field.not_in_project') },
    ]);
  const [compound] = await registry.compoundsInScope(ctx, user, [input.compoundId]);
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(workPackages)
      .values({
        id: uuidv7(),
        projectId,
        projectName: facts.name,
        compoundId: compound!.id,
        compoundName: compound!.name,
        communityCode: compound!.communityCode,
        year: facts.year,
        kind: input.kind,
        department: kind.department,
        durationDays: input.durationDays,
        crews: input.crews,
        opensGround: kind.opensGround,
        blocksAccess: input.blocksAccess ?? false,
        planItemCodes: input.planItemCodes ?? [],
        createdBy: user.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) throw conflict(cm.msg('work_package.exists', { kind: kindWords(input.kind) }));
    await audit(tx, actor, 'work_package.create', 'work_package', inserted.id, { projectId, kind: input.kind });
    return inserted;
  });
  return (await withPlanned(ctx.db, [row]))[0]!;
}

export interface PackagePatch {
  durationDays?: number;
  crews?: number;
  blocksAccess?: boolean;
  status?: 'planned' | 'started' | 'done';
  startedOn?: string | null;
}

/** A slip is a longer duration; a start is recorded with its day, and a started package keeps its place on re-planning. */
export async function patchPackage(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, patch: PackagePatch) {
  const current = await packageFor(ctx, user, id);
  if (patch.status === 'started' && !(patch.startedOn ?? current.startedOn))
    throw unprocessable(cm.msg('work_package.started_needs_day'), [
      { path: 'body.startedOn', message: cm.msg('field.required_when_started') },
    ]);
  const row = await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(workPackages)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(workPackages.id, id))
      .returning();
    await audit(tx, actor, 'work_package.update', 'work_package', id, { fields: Object.keys(patch) });
    return updated!;
  });
  return (await withPlanned(ctx.db, [row]))[0]!;
}
