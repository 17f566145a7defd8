// Compounds whose renovation is done (their latest project at or past a given stage), for the programmes that
// follow renovation (the market module's property-service subsidy).
import { and, desc, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import { projectCompounds, projects } from './schema.ts';
import type { Stage } from './stages.ts';

export interface RenovatedCompound {
  compoundId: string;
  projectId: string;
  year: number;
  stage: Stage;
  districtCode: string;
  /** The compound's floor area as the project took it, in m² with two places. */
  floorAreaM2: string;
}

/**
 * Each compound's latest project (by year), where that project has reached one of `stages`; limited to compounds
 * of communities under `communityPrefix` (a division code's prefix; '' for all) or to `compoundIds` when given.
 */
export async function renovatedCompounds(
  db: Db | Tx,
  stages: readonly Stage[],
  where: { communityPrefix?: string; compoundIds?: string[] },
): Promise<RenovatedCompound[]> {
  if (where.compoundIds && !where.compoundIds.length) return [];
  const latest = db
    .selectDistinctOn([projectCompounds.compoundId], {
      compoundId: projectCompounds.compoundId,
      projectId: projects.id,
      year: projects.year,
      stage: projects.stage,
      districtCode: projects.districtCode,
      floorAreaM2: projectCompounds.floorAreaM2,
    })
    .from(projectCompounds)
    .innerJoin(projects, sql`${projects.id} = ${projectCompounds.projectId}`)
    .where(
      and(
        where.compoundIds ? sql`${projectCompounds.compoundId} = any(${pgArray(where.compoundIds)}::uuid[])` : undefined,
        where.communityPrefix
          ? sql`exists (select 1 from unnest(${projects.communityCodes}) as c where c like ${where.communityPrefix + '%'})`
          : undefined,
      ),
    )
    .orderBy(projectCompounds.compoundId, desc(projects.year), desc(projects.id))
    .as('latest');
  const rows = await db
    .select()
    .from(latest)
    .where(inArray(latest.stage, [...stages]));
  return rows;
}
