// Projects: creation from the registry's compounds, lists within scope, the
// stage timeline, and transitions guarded by gates.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { fromHundredths, hundredths } from '../../platform/money.ts';
import { divisionLevelOf, lineage, registry, within } from '../registry/index.ts';
import { evaluateGates, type GateProject } from './gates.ts';
import { projectMessages as m, stageWords } from './messages.ts';
import { projectCompounds, projectOutcomes, projects, stageTransitions } from './schema.ts';
import { nextStage, type Stage } from './stages.ts';

type ProjectRow = typeof projects.$inferSelect;

// Inside a correlated subquery drizzle writes a column unqualified ("id"), which
// would bind to the subquery's own table: name the outer column in full.
const projectIdRef = sql`"projects"."id"`;

function visibleTo(user: AuthUser, p: Pick<ProjectRow, 'communityCodes'>, compoundIds: string[]): boolean {
  if (user.scope.division && p.communityCodes.some((c) => within(c, user.scope.division!))) return true;
  return compoundIds.some((id) => user.scope.compoundIds.includes(id));
}

/** The projects an account may see, as a condition on `projects` (also used by the outcome summary). */
export function scopeSql(user: AuthUser): SQL {
  const parts: SQL[] = [];
  const code = user.scope.division;
  if (code) {
    const level = divisionLevelOf(code);
    if (level === 'community') parts.push(sql`${projects.communityCodes} @> ${pgArray([code])}::text[]`);
    else if (level === 'subdistrict') parts.push(sql`${projects.subdistrictCodes} @> ${pgArray([code])}::text[]`);
    else if (level === 'district') parts.push(eq(projects.districtCode, code));
    else if (level === 'city') parts.push(eq(projects.cityCode, code));
    else if (level === 'province') parts.push(sql`left(${projects.cityCode}, 2) = ${code.slice(0, 2)}`);
  }
  if (user.scope.compoundIds.length) {
    parts.push(
      sql`exists (select 1 from ${projectCompounds} pc where pc.project_id = ${projectIdRef} and pc.compound_id = any(${pgArray(user.scope.compoundIds)}::uuid[]))`,
    );
  }
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/**
 * The scope guard: the project exists and lies in the caller's scope, or 404 (as if it did not exist). One query
 * on the scope condition, for use cases that need nothing else of the project.
 */
export async function requireProject(ctx: AppContext | { db: Db | Tx }, user: AuthUser, id: string): Promise<void> {
  const [row] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, id), scopeSql(user)))
    .limit(1);
  if (!row) throw notFound(m.msg('project.entity', { id }));
}

export async function projectRow(ctx: AppContext, user: AuthUser, id: string): Promise<ProjectRow> {
  const [row] = await ctx.db.select().from(projects).where(eq(projects.id, id)).limit(1);
  const compoundIds = row
    ? (await ctx.db.select({ id: projectCompounds.compoundId }).from(projectCompounds).where(eq(projectCompounds.projectId, id))).map(
        (r) => r.id,
      )
    : [];
  if (!row || !visibleTo(user, row, compoundIds)) throw notFound(m.msg('project.entity', { id }));
  return row;
}

export interface NewProject {
  name: string;
  year: number;
  compoundIds: string[];
  futureCommunity?: boolean;
}

export async function createProject(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewProject) {
  const found = await registry.compoundsInScope(ctx, user, input.compoundIds);
  const districts = new Set(found.map((c) => c.districtCode));
  if (districts.size > 1) {
    throw unprocessable(m.msg('project.cluster_invalid'), [{ path: 'body.compoundIds', message: m.msg('project.cluster_invalid') }]);
  }
  const area = found.reduce((sum, c) => sum + hundredths(c.floorAreaM2), 0n);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(projects).values({
      id,
      name: input.name,
      year: input.year,
      cityCode: found[0]!.cityCode,
      districtCode: found[0]!.districtCode,
      subdistrictCodes: [...new Set(found.map((c) => c.subdistrictCode))],
      communityCodes: [...new Set(found.map((c) => c.communityCode))],
      futureCommunity: input.futureCommunity ?? false,
      floorAreaM2: fromHundredths(area),
      households: found.reduce((n, c) => n + c.householdsCount, 0),
      createdBy: user.id,
    });
    await tx
      .insert(projectCompounds)
      .values(
        found.map((c) => ({ projectId: id, compoundId: c.id, name: c.name, floorAreaM2: c.floorAreaM2, households: c.householdsCount })),
      );
    await tx.insert(stageTransitions).values({
      projectId: id,
      fromStage: null,
      toStage: 'planned',
      byUserId: user.id,
      byUsername: user.username,
      byDisplayName: user.displayName,
    });
    await audit(tx, actor, 'project.create', 'project', id, { compounds: found.length });
  });
  return getProject(ctx, user, id);
}

// The list (filters, sort, totals) lives in list.ts.
export { listProjects, projectFilters } from './list.ts';

function gateProject(row: ProjectRow): GateProject {
  return { id: row.id, year: row.year, stage: row.stage, floorAreaM2: row.floorAreaM2, households: row.households };
}

export async function getProject(ctx: AppContext, user: AuthUser, id: string) {
  const row = await projectRow(ctx, user, id);
  const [compounds, timeline] = await Promise.all([
    ctx.db.select().from(projectCompounds).where(eq(projectCompounds.projectId, id)).orderBy(asc(projectCompounds.name)),
    ctx.db.select().from(stageTransitions).where(eq(stageTransitions.projectId, id)).orderBy(asc(stageTransitions.id)),
  ]);
  const next = nextStage(row.stage);
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    stage: row.stage,
    districtCode: row.districtCode,
    divisionPath: lineage(row.districtCode),
    floorAreaM2: row.floorAreaM2,
    households: row.households,
    futureCommunity: row.futureCommunity,
    cluster: compounds.length > 1,
    compounds: compounds.map((c) => ({ id: c.compoundId, name: c.name, floorAreaM2: c.floorAreaM2, households: c.households })),
    timeline: timeline.map((t) => ({
      from: t.fromStage,
      to: t.toStage,
      at: t.at.toISOString(),
      by: t.byUserId ? { id: t.byUserId, username: t.byUsername ?? '', displayName: t.byDisplayName ?? '' } : null,
    })),
    nextStage: next,
    gates: next ? await evaluateGates(ctx, gateProject(row), next) : [],
  };
}

/** Moves a project one stage on, when every gate of that stage is met. */
export async function transition(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, to: Stage) {
  const row = await projectRow(ctx, user, id);
  const next = nextStage(row.stage);
  if (to !== next) {
    const nextWords = next ? stageWords(next) : m.msg('project.stage_final');
    throw conflict(m.msg('project.stage_order', { stage: stageWords(row.stage), next: nextWords }), {
      unmetGates: [
        {
          code: 'stage_order',
          message: m.msg('project.stage_not_next', { to: stageWords(to), stage: stageWords(row.stage) }),
          satisfy: next ? m.msg('project.stage_move_first', { next: stageWords(next) }) : m.msg('project.stage_none'),
        },
      ],
    });
  }
  const unmet = (await evaluateGates(ctx, gateProject(row), to))
    .filter((g) => !g.satisfied)
    .map(({ code, message, satisfy }) => ({ code, message, satisfy }));
  if (unmet.length) {
    const gates = unmet.map((g) => g.message);
    throw conflict(m.msg('gate.unmet', { count: unmet.length, stage: stageWords(to), gates }), { unmetGates: unmet });
  }
  await ctx.db.transaction(async (tx) => {
    // The stage in the WHERE makes two concurrent moves of one project apply once.
    const moved = await tx
      .update(projects)
      .set({ stage: to })
      .where(and(eq(projects.id, id), eq(projects.stage, row.stage)))
      .returning({ id: projects.id });
    if (!moved.length) throw conflict(m.msg('project.moved_meanwhile'));
    await tx.insert(stageTransitions).values({
      projectId: id,
      fromStage: row.stage,
      toStage: to,
      byUserId: user.id,
      byUsername: user.username,
      byDisplayName: user.displayName,
    });
    await audit(tx, actor, 'project.transition', 'project', id, { from: row.stage, to });
  });
  return getProject(ctx, user, id);
}

/** The facts other modules (funding, evaluation) need, after the same scope check. */
export async function projectFacts(ctx: AppContext, user: AuthUser, id: string) {
  const row = await projectRow(ctx, user, id);
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    stage: row.stage,
    districtCode: row.districtCode,
    floorAreaM2: row.floorAreaM2,
    households: row.households,
  };
}

/** The compounds a project covers (participation freezes a ballot's electorate from their households). */
export async function projectCompoundIds(db: Db | Tx, id: string): Promise<string[]> {
  const rows = await db.select({ id: projectCompounds.compoundId }).from(projectCompounds).where(eq(projectCompounds.projectId, id));
  return rows.map((r) => r.id);
}

/** The projects covering some compounds, newest year first (what a resident of those compounds takes part in). */
export async function projectsOfCompounds(db: Db | Tx, compoundIds: string[]) {
  if (!compoundIds.length) return [];
  return db
    .selectDistinct({
      id: projects.id,
      name: projects.name,
      year: projects.year,
      stage: projects.stage,
      compoundId: projectCompounds.compoundId,
    })
    .from(projectCompounds)
    .innerJoin(projects, eq(projects.id, projectCompounds.projectId))
    .where(inArray(projectCompounds.compoundId, compoundIds))
    .orderBy(desc(projects.year), projects.name);
}

/** A year's projects in a division (by the prefix of their community codes): the annual plan under review. */
export async function projectsOfYear(db: Db | Tx, year: number, communityPrefix: string) {
  return db
    .select({ id: projects.id, name: projects.name, districtCode: projects.districtCode, stage: projects.stage })
    .from(projects)
    .where(
      and(
        eq(projects.year, year),
        sql`exists (select 1 from unnest(${projects.communityCodes}) as c where c like ${communityPrefix + '%'})`,
      ),
    )
    .orderBy(asc(projects.name));
}

/**
 * A year's projects in a city's districts (by their district code) with what the annual district
 * assessment reads of them: stage, households and the facilities of their outcomes (null without outcomes).
 */
export async function projectsForAssessment(db: Db | Tx, year: number, cityCode: string) {
  return db
    .select({
      id: projects.id,
      districtCode: projects.districtCode,
      stage: projects.stage,
      households: projects.households,
      parkingSpacesAdded: projectOutcomes.parkingSpacesAdded,
      liftsInstalled: projectOutcomes.liftsInstalled,
      publicServiceSpaceM2: projectOutcomes.publicServiceSpaceM2,
    })
    .from(projects)
    .leftJoin(projectOutcomes, eq(projectOutcomes.projectId, projects.id))
    .where(and(eq(projects.year, year), sql`${projects.districtCode} like ${cityCode.slice(0, 4) + '%'}`))
    .orderBy(asc(projects.id));
}
