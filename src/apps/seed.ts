// `renova seed`: policy rules, divisions, the demo city and one account per role.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import { loadShippedRules } from '../platform/policy.ts';
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

export const DEMO_PASSWORD = 'Demo@2026';

export function demoAccounts(s: SeedSummary): NewAccount[] {
  const account = (username: string, displayName: string, role: NewAccount['role'], scope: Partial<NewAccount> = {}): NewAccount => ({
    username,
    displayName,
    role,
    password: DEMO_PASSWORD,
    ...scope,
  });
  return [
    account('admin', '市旧改办 管理员', 'city_admin', { scopeDivision: '330100' }),
    account('gongshu', '拱墅区住建局', 'district_officer', { scopeDivision: '330105' }),
    account('hemu', '和睦街道办', 'subdistrict_officer', { scopeDivision: '330105004' }),
    account('hemu-worker', '和睦社区 社工甲', 'community_worker', { scopeDivision: s.hemuCommunity }),
    account('hemu-worker-2', '和睦社区 社工乙', 'community_worker', { scopeDivision: s.hemuCommunity }),
    account('power', '国网杭州供电 联络员', 'department_liaison', { scopeDivision: '330100', department: 'power' }),
    account('contractor', '施工单位', 'contractor', { scopeCompoundIds: s.hemuCompoundIds.slice(0, 2) }),
    account('evaluator', '第三方评估机构', 'evaluator', { scopeDivision: '330100' }),
    account('property', '物业服务企业', 'property_manager', { scopeCompoundIds: s.hemuCompoundIds.slice(0, 3) }),
    account('provider', '居家养老服务商', 'service_provider', { scopeDivision: '330105004' }),
    account('police', '和睦派出所 值班民警', 'public_security', { scopeDivision: '330105004' }),
    account('hemu-resident', '和睦居民(演示)', 'resident', { residentId: s.hemuResidentId }),
    account('grid', '和睦社区 网格员', 'grid_worker', { scopeDivision: s.hemuCommunity }),
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
    await seedCoordination(tx, seed, '330100', projects, compounds, PLAN_YEAR);
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
    // Fresh statistics, so the first queries on a new city are planned for its real size.
    await tx.execute(sql`analyze`);
    onProgress?.(`${projects.length} projects`);
    return summary;
  });
}
