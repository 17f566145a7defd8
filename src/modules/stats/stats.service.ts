// The city's overview (R2, R11): figures computed from the records of the
// projects, their outcomes and funding, never typed in, at any level of the
// division tree and for a year or all years. Each module adds up its own
// records (projects/overview.ts, funding's fundingBySource); a project counts in
// the division of its home community, so every level sums to the one above.
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { fundingBySource } from '../funding/index.ts';
import { projectIdsInDivision, projectOverview } from '../projects/index.ts';
import { divisionLevelOf, divisionPrefix, within } from '../registry/index.ts';

/** A division the account may see: its own scope or anything beneath it; above or beside it answers 404. */
export function divisionFor(user: AuthUser, asked?: string): string {
  const scope = user.scope.division;
  const division = asked ?? scope;
  if (!division || !divisionLevelOf(division) || !scope || !within(division, scope)) throw notFound(`Division ${asked ?? '(none)'}`);
  return division;
}

export async function overview(ctx: AppContext, user: AuthUser, q: { division?: string; year?: number }) {
  const division = divisionFor(user, q.division);
  const prefix = divisionPrefix(division);
  const [projects, ids] = await Promise.all([projectOverview(ctx.db, prefix, q.year), projectIdsInDivision(ctx.db, prefix, q.year)]);
  const { byStage, projects: projectCount, ...figures } = projects;
  return {
    division,
    level: divisionLevelOf(division)!,
    year: q.year ?? null,
    projects: projectCount,
    ...figures,
    fundingFen: await fundingBySource(ctx.db, ids),
    byStage,
  };
}
