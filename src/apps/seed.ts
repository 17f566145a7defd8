// `renova seed`: policy rules, divisions, the demo city and one account per role.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { loadShippedRules } from '../platform/policy.ts';
import { cityPack } from '../platform/city.ts';
import { upsertAccount, type NewAccount } from '../modules/accounts/index.ts';
import { loadShippedCatalogue, seedDemoPrices } from '../modules/catalogue/index.ts';
import { seedApprovals } from '../modules/approvals/index.ts';
import { seedFunding } from '../modules/funding/index.ts';
import { seedCoordination } from '../modules/coordination/index.ts';
import { seedEvaluation } from '../modules/evaluation/index.ts';
import { seedGovernance } from '../modules/governance/index.ts';
import { seedAcceptances, seedBallots, seedSatisfactionSurveys, seedSurveys } from '../modules/participation/index.ts';
import { PLAN_YEAR, seedProjects } from '../modules/projects/index.ts';
import { compoundsForSeeding, seedRegistry, type SeedScale, type SeedSummary } from '../modules/registry/index.ts';
import { prng } from '../platform/random.ts';
import { seedSmartDevices } from '../modules/smart/index.ts';
import { seedGrids } from '../modules/grid/index.ts';
import { seedExchange } from '../modules/exchange/index.ts';
import { seedOpen311 } from '../modules/open311/index.ts';
import { seedServices } from '../modules/services/index.ts';
import { seedPassage } from '../modules/passage/index.ts';
import { seedParking } from '../modules/parking/index.ts';
import { seedMarket } from '../modules/market/index.ts';
import { seedRepairs } from '../modules/repairs/index.ts';
import { seedCommunity } from '../modules/community/index.ts';
import { seedLivingCircle } from '../modules/livingcircle/index.ts';

export const DEMO_PASSWORD = 'Demo@2026';

export function demoAccounts(s: SeedSummary): NewAccount[] {
  // Usernames are the same in every city (the README and tests sign in with them); places and names are the pack's.
  const { city, district, subdistrict, accounts } = cityPack().demo;
  const account = (username: string, role: NewAccount['role'], scope: Partial<NewAccount> = {}): NewAccount => ({
    username,
    displayName: accounts[username] ?? username,
    role,
    password: DEMO_PASSWORD,
    ...scope,
  });
  return [
    account('admin', 'city_admin', { scopeDivision: city.code }),
    account('gongshu', 'district_officer', { scopeDivision: district.code }),
    account('hemu', 'subdistrict_officer', { scopeDivision: subdistrict.code }),
    account('hemu-worker', 'community_worker', { scopeDivision: s.hemuCommunity }),
    account('hemu-worker-2', 'community_worker', { scopeDivision: s.hemuCommunity }),
    account('power', 'department_liaison', { scopeDivision: city.code, department: 'power' }),
    account('contractor', 'contractor', { scopeCompoundIds: s.hemuCompoundIds.slice(0, 2) }),
    account('evaluator', 'evaluator', { scopeDivision: city.code }),
    account('property', 'property_manager', { scopeCompoundIds: s.hemuCompoundIds.slice(0, 3) }),
    account('provider', 'service_provider', { scopeDivision: subdistrict.code }),
    account('police', 'public_security', { scopeDivision: subdistrict.code }),
    account('hemu-resident', 'resident', { residentId: s.hemuResidentId }),
    account('grid', 'grid_worker', { scopeDivision: s.hemuCommunity }),
  ];
}

export async function seedCity(ctx: AppContext, scale: SeedScale, seed: number, onProgress?: (msg: string) => void): Promise<SeedSummary> {
  return ctx.db.transaction(async (tx) => {
    await loadShippedRules(tx);
    const catalogueVersion = await loadShippedCatalogue(tx);
    // Illustrative prices from the first programme year; a city publishes its own lists.
    await seedDemoPrices(tx, catalogueVersion, '2019-01-01');
    const summary = await seedRegistry(tx, ctx.personalKey, scale, seed, onProgress);
    for (const a of demoAccounts(summary)) await upsertAccount(tx, a);
    const compounds = await compoundsForSeeding(tx);
    const projects = await seedProjects(tx, compounds, prng(seed + 1), catalogueVersion);
    await seedFunding(tx, projects);
    await seedApprovals(tx, projects);
    await seedSurveys(tx, projects);
    await seedBallots(tx, projects, ctx);
    await seedAcceptances(tx, projects);
    await seedSatisfactionSurveys(tx, projects);
    await seedGovernance(tx, ctx.env.dataDir, projects);
    await seedCoordination(tx, seed, cityPack().code, projects, compounds, PLAN_YEAR);
    await seedEvaluation(tx, projects);
    await seedSmartDevices(tx, summary.hemuCompoundIds);
    await seedGrids(tx, summary.hemuCompoundIds);
    await seedExchange(tx, ctx.personalKey);
    await seedOpen311(tx);
    await seedServices(tx, ctx.personalKey, summary.hemuCompoundIds, summary.hemuResidentId);
    await seedParking(tx, await seedPassage(tx, ctx.personalKey, summary.hemuResidentId));
    await seedMarket(tx, summary.hemuCompoundIds);
    await seedRepairs(ctx, tx, summary.hemuResidentId, DEMO_PASSWORD);
    await seedCommunity(tx, summary.hemuCompoundIds, summary.hemuResidentId);
    await seedLivingCircle(tx, seed);
    // Fresh statistics, so the first queries on a new city are planned for its real size.
    await tx.execute(sql`analyze`);
    onProgress?.(`${projects.length} projects`);
    return summary;
  });
}
