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
import { add, decimal, exact } from '../../platform/exact.ts';
import { ruleAt } from '../../platform/policy.ts';
import { fundingBySource } from '../funding/index.ts';
import { areaBeyond, livingCircle } from '../livingcircle/index.ts';
import { consentSupport, satisfactionCounts, type SatisfiedRule } from '../participation/index.ts';
import { projectIdsInDivision, projectOverview, projectYearsInDivision, reportedStateRoomsM2 } from '../projects/index.ts';
import { divisionLevelOf, divisionPrefix, within } from '../registry/index.ts';
import { ruleName } from '../../platform/policy.messages.ts';
import { compareWithLastMonth } from './snapshots.ts';

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

/** A two-decimal area ("123.45") as an exact fraction. */
const m2 = (area: string) => exact(BigInt(area.replace('.', '')), 100n);

const rate = (num: number, den: number) => ({ rate: den > 0 ? `${num}/${den}` : null, percent: percent(num, den) });

/**
 * Of the state-owned rooms converted for these projects, the area their projects' outcomes do not already report:
 * per project, the rooms' area beyond the project's reported state rooms (nothing when the report covers them).
 */
async function linkedRoomsBeyondReported(ctx: AppContext, ids: string[]) {
  const linked = await livingCircle.linkedStateRoomsM2(ctx.db, ids);
  const reported = await reportedStateRoomsM2(ctx.db, [...linked.keys()]);
  return [...linked].reduce((sum, [id, area]) => add(sum, m2(areaBeyond(area, reported.get(id) ?? '0.00'))), exact(0n, 1n));
}

/** `now` is the moment the figures are "as of" (a test moves it to compare with another month). */
export async function overview(ctx: AppContext, user: AuthUser, q: { division?: string; year?: number }, now = new Date()) {
  const division = divisionFor(user, q.division);
  const prefix = divisionPrefix(division);
  const today = new Date().toISOString().slice(0, 10);
  const [projects, ids, satisfiedRule, years, roomsConverted] = await Promise.all([
    projectOverview(ctx.db, prefix, q.year),
    projectIdsInDivision(ctx.db, prefix, q.year),
    ruleAt<SatisfiedRule>(ctx.db, 'satisfaction.satisfied', today),
    projectYearsInDivision(ctx.db, prefix),
    livingCircle.stateRoomsRevitalisedM2(ctx.db, prefix, q.year),
  ]);
  const [fundingFen, support, surveys, linkedRooms] = await Promise.all([
    fundingBySource(ctx.db, ids),
    consentSupport(ctx.db, ids),
    satisfactionCounts(ctx.db, ids, satisfiedRule.value),
    linkedRoomsBeyondReported(ctx, ids),
  ]);
  const satisfied = [...surveys.values()].reduce((n, s) => n + s.satisfied, 0);
  const answered = [...surveys.values()].reduce((n, s) => n + s.answered, 0);
  const { byStage, projects: projectCount, ...projectFigures } = projects;
  // State rooms revitalised: those projects report, the state-owned rooms converted from the living circle's space
  // resources for no project (counted in the year of their conversion), and, of the rooms converted for a project,
  // what exceeds that project's report (docs/decisions.md: a linked room counts once).
  const stateRooms = add(add(m2(projectFigures.stateRoomsM2), m2(roomsConverted)), linkedRooms);
  const figures = { ...projectFigures, stateRoomsM2: decimal(stateRooms, 2) };
  const totalFen = Object.values(fundingFen).reduce((a, b) => a + BigInt(b), 0n);
  // By the keys of the web's cards, so a change is marked on the card it concerns.
  const headline = {
    projects: String(projectCount),
    compounds: String(figures.compounds),
    floorArea: figures.floorAreaM2,
    households: String(figures.households),
    parking: String(figures.parkingSpaces),
    lifts: String(figures.liftsInstalled),
    serviceSpace: figures.serviceSpaceM2,
    fitnessSpace: figures.fitnessSpaceM2,
    barrierFree: String(figures.barrierFreeItems),
    stateRooms: figures.stateRoomsM2,
    funding: String(totalFen),
  };
  const changes = await compareWithLastMonth(ctx.db, division, q.year ?? null, headline, now);
  return {
    asOf: now.toISOString(),
    changes: { ...changes, rule: { ...changes.rule, name: ruleName(changes.rule.key) } },
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
