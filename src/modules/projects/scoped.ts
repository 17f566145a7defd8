// Reads for the homes (issue 16): the projects an account may see, when each reached a stage, and what
// blocks each from its next one (its unmet gates). Scope is the account's, as in every project list.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { evaluateGates, type GateResult } from './gates.ts';
import { scopeSql } from './projects.service.ts';
import { projects, stageTransitions } from './schema.ts';
import { nextStage, type Stage } from './stages.ts';

export interface ScopedProject {
  id: string;
  name: string;
  year: number;
  stage: Stage;
  districtCode: string;
  /** The home community (the first of its communities): where the project counts. */
  communityCode: string;
  floorAreaM2: string;
  households: number;
}

/** The projects in the account's scope (of a year, if given), newest year first, then by name. */
export async function scopedProjects(db: Db | Tx, user: AuthUser, q: { year?: number } = {}): Promise<ScopedProject[]> {
  const rows = await db
    .select({
      id: projects.id,
      name: projects.name,
      year: projects.year,
      stage: projects.stage,
      districtCode: projects.districtCode,
      communityCode: sql<string>`${projects.communityCodes}[1]`,
      floorAreaM2: projects.floorAreaM2,
      households: projects.households,
    })
    .from(projects)
    .where(and(scopeSql(user), q.year ? eq(projects.year, q.year) : undefined))
    .orderBy(desc(projects.year), asc(projects.name), asc(projects.id));
  return rows;
}

/** When each project first entered each of some stages, as a Shanghai calendar month (yyyy-mm). */
export async function stageMonths(
  db: Db | Tx,
  projectIds: string[],
  toStages: readonly Stage[],
): Promise<{ projectId: string; stage: Stage; month: string }[]> {
  if (!projectIds.length || !toStages.length) return [];
  const rows = await db
    .select({
      projectId: stageTransitions.projectId,
      stage: stageTransitions.toStage,
      month: sql<string>`to_char(min(${stageTransitions.at}) at time zone 'Asia/Shanghai', 'YYYY-MM')`,
    })
    .from(stageTransitions)
    .where(and(inArray(stageTransitions.projectId, projectIds), inArray(stageTransitions.toStage, [...toStages])))
    .groupBy(stageTransitions.projectId, stageTransitions.toStage);
  return rows.map((r) => ({ ...r, stage: r.stage as Stage }));
}

/** What keeps each project from its next stage: the unmet gates of that stage (none at the last stage). */
export async function projectBlockers(ctx: AppContext, list: readonly ScopedProject[]): Promise<Map<string, GateResult[]>> {
  const out = new Map<string, GateResult[]>();
  for (const p of list) {
    const next = nextStage(p.stage);
    if (!next) continue;
    const results = await evaluateGates(ctx, p, next);
    out.set(
      p.id,
      results.filter((g) => !g.satisfied),
    );
  }
  return out;
}
