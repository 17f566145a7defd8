// What the projects of a division and year add up to, for the city's overview
// (R2, R11). A project counts in the division of its home community (the first
// of its community codes), it and all its figures, so every level of the
// division tree sums exactly to the level above it. A compound renovated in
// several projects counts once: with the figures of its latest project (by
// year, then id), in that project's division, so the levels still sum.
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { projectCompounds, projectOutcomes, projects } from './schema.ts';
import { stages, type Stage } from './stages.ts';

export interface ProjectOverview {
  projects: number;
  compounds: number;
  floorAreaM2: string;
  households: number;
  parkingSpaces: number;
  liftsInstalled: number;
  liftPositionsReserved: number;
  serviceSpaceM2: string;
  fitnessSpaceM2: string;
  barrierFreeItems: number;
  stateRoomsM2: string;
  byStage: Record<Stage, number>;
}

function inDivision(communityPrefix: string, year?: number): SQL {
  return and(sql`${projects.communityCodes}[1] like ${communityPrefix + '%'}`, year ? eq(projects.year, year) : undefined)!;
}

const area = (column: SQL) => sql<string>`coalesce(sum(${column}), 0)::numeric(16, 2)::text`;
const int = (column: SQL) => sql<number>`coalesce(sum(${column}), 0)::bigint::float8`;

export async function projectOverview(db: Db | Tx, communityPrefix: string, year?: number): Promise<ProjectOverview> {
  const where = inDivision(communityPrefix, year);
  const latest = db
    .selectDistinctOn([projectCompounds.compoundId], {
      home: sql<string>`${projects.communityCodes}[1]`.as('home'),
      floorAreaM2: projectCompounds.floorAreaM2,
      households: projectCompounds.households,
    })
    .from(projectCompounds)
    .innerJoin(projects, eq(projects.id, projectCompounds.projectId))
    .where(year ? eq(projects.year, year) : undefined)
    .orderBy(projectCompounds.compoundId, desc(projects.year), desc(projects.id))
    .as('latest');
  const [[compounds], [outcomes], stageRows] = await Promise.all([
    db
      .select({
        compounds: sql<number>`count(*)::int`,
        floorAreaM2: area(sql`${latest.floorAreaM2}`),
        households: int(sql`${latest.households}`),
      })
      .from(latest)
      .where(sql`${latest.home} like ${communityPrefix + '%'}`),
    db
      .select({
        parkingSpaces: int(sql`${projectOutcomes.parkingSpacesAdded}`),
        liftsInstalled: int(sql`${projectOutcomes.liftsInstalled}`),
        liftPositionsReserved: int(sql`${projectOutcomes.liftPositionsReserved}`),
        serviceSpaceM2: area(sql`${projectOutcomes.publicServiceSpaceM2}`),
        fitnessSpaceM2: area(sql`${projectOutcomes.fitnessSpaceM2}`),
        barrierFreeItems: int(sql`${projectOutcomes.barrierFreeAgeFriendlyItems}`),
        stateRoomsM2: area(sql`${projectOutcomes.stateOwnedRoomsM2}`),
      })
      .from(projectOutcomes)
      .innerJoin(projects, eq(projects.id, projectOutcomes.projectId))
      .where(where),
    db
      .select({ stage: projects.stage, n: sql<number>`count(*)::int` })
      .from(projects)
      .where(where)
      .groupBy(projects.stage),
  ]);
  const byStage = Object.fromEntries(stages.map((s) => [s, 0])) as Record<Stage, number>;
  for (const r of stageRows) byStage[r.stage] = r.n;
  return {
    projects: stageRows.reduce((n, r) => n + r.n, 0),
    ...compounds!,
    ...outcomes!,
    byStage,
  };
}

/** The ids of the projects counted in a division and year (their funding is the funding module's to add up). */
export async function projectIdsInDivision(db: Db | Tx, communityPrefix: string, year?: number): Promise<string[]> {
  const rows = await db.select({ id: projects.id }).from(projects).where(inDivision(communityPrefix, year));
  return rows.map((r) => r.id);
}

/** The years in which the division has projects, ascending: what a year selector offers. */
export async function projectYearsInDivision(db: Db | Tx, communityPrefix: string): Promise<number[]> {
  const rows = await db.selectDistinct({ year: projects.year }).from(projects).where(inDivision(communityPrefix)).orderBy(projects.year);
  return rows.map((r) => r.year);
}

/** Each project's reported "state-owned rooms revitalised" (m², two decimals); projects without outcomes are absent. */
export async function reportedStateRoomsM2(db: Db | Tx, projectIds: string[]): Promise<Map<string, string>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .select({ id: projectOutcomes.projectId, m2: sql<string>`${projectOutcomes.stateOwnedRoomsM2}::numeric(16, 2)::text` })
    .from(projectOutcomes)
    .where(inArray(projectOutcomes.projectId, projectIds));
  return new Map(rows.map((r) => [r.id, r.m2]));
}
