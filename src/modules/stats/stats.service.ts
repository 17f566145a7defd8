// The city's overview (R2, R11): figures computed from the records of the
// projects, their outcomes and funding, residents' consent ballots and
// satisfaction surveys, never typed in, at any level of the
// division tree and for a year or all years. Each module adds up its own
// records (projects/overview.ts, funding's fundingBySource); a project counts in
// the division of its home community, so every level sums to the one above.
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { statsMessages as sm } from './messages.ts';
import { decimal, exact } from '../../platform/exact.ts';
import { ruleAt } from '../../platform/policy.ts';
import { fundingBySource } from '../funding/index.ts';
import { consentSupport, satisfactionCounts, type SatisfiedRule } from '../participation/index.ts';
import { projectIdsInDivision, projectOverview, projectYearsInDivision } from '../projects/index.ts';
import { divisionLevelOf, divisionPrefix, within } from '../registry/index.ts';

/** A division the account may see: its own scope or anything beneath it; above or beside it answers 404. */
export function divisionFor(user: AuthUser, asked?: string): string {
  const scope = user.scope.division;
  const division = asked ?? scope;
  if (!division || !divisionLevelOf(division) || !scope || !within(division, scope))
    throw notFound(sm.msg('division.entity', { code: asked ?? sm.msg('division.none') }));
  return division;
}

/** num / den as a percentage with 2 decimals, rounded half up in integers; null when there is nothing to measure. */
export const percent = (num: number, den: number): string | null => (den > 0 ? decimal(exact(100 * num, den), 2) : null);

const rate = (num: number, den: number) => ({ rate: den > 0 ? `${num}/${den}` : null, percent: percent(num, den) });

export async function overview(ctx: AppContext, user: AuthUser, q: { division?: string; year?: number }) {
  const division = divisionFor(user, q.division);
  const prefix = divisionPrefix(division);
  const today = new Date().toISOString().slice(0, 10);
  const [projects, ids, satisfiedRule, years] = await Promise.all([
    projectOverview(ctx.db, prefix, q.year),
    projectIdsInDivision(ctx.db, prefix, q.year),
    ruleAt<SatisfiedRule>(ctx.db, 'satisfaction.satisfied', today),
    projectYearsInDivision(ctx.db, prefix),
  ]);
  const [fundingFen, support, surveys] = await Promise.all([
    fundingBySource(ctx.db, ids),
    consentSupport(ctx.db, ids),
    satisfactionCounts(ctx.db, ids, satisfiedRule.value),
  ]);
  const satisfied = [...surveys.values()].reduce((n, s) => n + s.satisfied, 0);
  const answered = [...surveys.values()].reduce((n, s) => n + s.answered, 0);
  const { byStage, projects: projectCount, ...figures } = projects;
  return {
    division,
    level: divisionLevelOf(division)!,
    year: q.year ?? null,
    years,
    projects: projectCount,
    ...figures,
    fundingFen,
    support: { ...support, ...rate(support.agree, support.eligible) },
    satisfaction: {
      surveys: surveys.size,
      satisfied,
      answered,
      ...rate(satisfied, answered),
      rule: { key: satisfiedRule.key, version: satisfiedRule.version },
    },
    byStage,
  };
}
