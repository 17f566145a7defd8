// A month's facts about renovated compounds, asked of the modules that own them (projects: the renovation and its
// floor area; governance: the serving property company; participation and evaluation: the satisfaction tier;
// registry: where the compound lies), and the rules in force on the month's first day.
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { hundredths } from '../../platform/money.ts';
import { ruleAt, type PolicyRule } from '../../platform/policy.ts';
import { placeSatisfaction, type SatisfactionTierRule } from '../evaluation/index.ts';
import { servingCompanies } from '../governance/index.ts';
import { satisfactionCounts, type SatisfiedRule } from '../participation/index.ts';
import { renovatedCompounds } from '../projects/index.ts';
import { compoundInScope, divisionPrefix, registry } from '../registry/index.ts';
import { ineligibility, monthStart, RENOVATED_STAGES, rateFen, subsidyCapFen, type Ineligible } from './subsidy.rules.ts';

// One collator for every comparison: localeCompare with a locale builds a new one each call (a city's month sorts 3,000).
const byName = new Intl.Collator('zh-CN');

export const CAP_RULE = 'property.subsidy_cap_per_m2_month';
export const TIER_RULE = 'property.subsidy_min_satisfaction_percent';

export interface MonthRules {
  cap: PolicyRule<number | string>;
  minTier: PolicyRule<number>;
  tiers: PolicyRule<SatisfactionTierRule[]>;
  satisfied: PolicyRule<SatisfiedRule>;
  rateFen: bigint;
}

/** The rules of a month: those in force on its first day, so a version published for a later date leaves it unchanged. */
export async function monthRules(db: Db | Tx, month: string): Promise<MonthRules> {
  const day = monthStart(month);
  const [cap, minTier, tiers, satisfied] = await Promise.all([
    ruleAt<number | string>(db, CAP_RULE, day),
    ruleAt<number>(db, TIER_RULE, day),
    ruleAt<SatisfactionTierRule[]>(db, 'satisfaction.tiers', day),
    ruleAt<SatisfiedRule>(db, 'satisfaction.satisfied', day),
  ]);
  return { cap, minTier, tiers, satisfied, rateFen: rateFen(cap.value) };
}

export interface CompoundMonth {
  compoundId: string;
  compoundName: string;
  communityCode: string;
  subdistrictCode: string;
  districtCode: string;
  projectId: string;
  floorAreaM2: string;
  capFen: bigint;
  company: { id: string; name: string; status: string } | null;
  tierMinPercent: number | null;
  ineligible: Ineligible | null;
}

/** Which compounds an account's facts are asked for: its division, or its compounds one by one. */
function scopeWhere(user: AuthUser | null, compoundIds?: string[]): { communityPrefix?: string; compoundIds?: string[] } {
  if (compoundIds) return { compoundIds };
  if (!user) return {};
  if (user.scope.division) return { communityPrefix: divisionPrefix(user.scope.division) };
  return { compoundIds: user.scope.compoundIds };
}

/**
 * Every renovated compound within the account's scope (or the ones named), with its cap for the month and why it
 * does not qualify (null when it does). `user` null: no scope (the bench and the system).
 */
export async function compoundsOfMonth(
  ctx: { db: Db | Tx },
  user: AuthUser | null,
  rules: MonthRules,
  compoundIds?: string[],
): Promise<CompoundMonth[]> {
  const renovated = await renovatedCompounds(ctx.db, RENOVATED_STAGES, scopeWhere(user, compoundIds));
  if (!renovated.length) return [];
  const projectIds = [...new Set(renovated.map((r) => r.projectId))];
  const [places, companies, counts] = await Promise.all([
    registry.compoundPlaces(
      ctx.db,
      renovated.map((r) => r.compoundId),
    ),
    servingCompanies(ctx.db, projectIds),
    satisfactionCounts(ctx.db, projectIds, rules.satisfied.value),
  ]);
  const out: CompoundMonth[] = [];
  for (const r of renovated) {
    const place = places.get(r.compoundId);
    if (!place || (user && !compoundInScope(user.scope, { id: r.compoundId, communityCode: place.communityCode }))) continue;
    const company = companies.get(r.projectId) ?? null;
    const c = counts.get(r.projectId);
    const tierMinPercent = c && c.answered > 0 ? (placeSatisfaction(c.satisfied, c.answered, rules.tiers.value)?.minPercent ?? null) : null;
    out.push({
      compoundId: r.compoundId,
      compoundName: place.name,
      communityCode: place.communityCode,
      subdistrictCode: place.subdistrictCode,
      districtCode: place.communityCode.slice(0, 6),
      projectId: r.projectId,
      floorAreaM2: r.floorAreaM2,
      capFen: subsidyCapFen(hundredths(r.floorAreaM2), rules.rateFen),
      company,
      tierMinPercent,
      ineligible: ineligibility({ stage: r.stage, company, tierMinPercent }, rules.minTier.value),
    });
  }
  return out.sort((a, b) =>
    a.communityCode < b.communityCode ? -1 : a.communityCode > b.communityCode ? 1 : byName.compare(a.compoundName, b.compoundName),
  );
}
