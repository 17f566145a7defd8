// Plan and funding checks are pure functions: recomputing every project of a
// year (plan totals by level, coverage, and the funding rules) in process,
// against the bare arithmetic of the same lines as the physical reference.
import type { AppContext } from '../../src/platform/context.ts';
import { hundredths, type Fraction } from '../../src/platform/money.ts';
import { ruleAt } from '../../src/platform/policy.ts';
import { futureScenarios, listIndicators, sixHaves } from '../../src/modules/catalogue/index.ts';
import { checkFunding, type FundingLine as Line, type FundingSource } from '../../src/modules/funding/index.ts';
import { costPlan, type PlanLine } from '../../src/modules/projects/index.ts';
import { log } from './run.ts';

export interface PlanCheckFigures {
  year: number;
  projects: number;
  planLines: number;
  projectsPerSecond: number;
  referencePerSecond: number;
}

interface Loaded {
  area: bigint;
  plan: PlanLine[];
  funding: Line[];
}

export async function benchPlanChecks(ctx: AppContext, year: number, minSeconds = 3): Promise<PlanCheckFigures> {
  const pool = ctx.database.pool;
  const { rows: projects } = await pool.query<{ id: string; floor_area_m2: string }>(
    'select id, floor_area_m2 from projects where year = $1',
    [year],
  );
  const { rows: items } = await pool.query<{ project_id: string; indicator_code: string; quantity: string; unit_price_fen: string }>(
    `select pv.project_id, pi.indicator_code, pi.quantity, pi.unit_price_fen from plan_items pi
     join plan_versions pv on pv.id = pi.plan_version_id
     where pv.project_id = any($1::uuid[]) and pv.version = (select max(version) from plan_versions x where x.project_id = pv.project_id)`,
    [projects.map((p) => p.id)],
  );
  const { rows: lines } = await pool.query<{ project_id: string; source: FundingSource; channel: string; amount_fen: string }>(
    'select project_id, source, channel, amount_fen from funding_lines where year = $1',
    [year],
  );
  const loaded = new Map<string, Loaded>(projects.map((p) => [p.id, { area: hundredths(p.floor_area_m2), plan: [], funding: [] }]));
  for (const i of items)
    loaded
      .get(i.project_id)!
      .plan.push({ indicatorCode: i.indicator_code, quantityHundredths: hundredths(i.quantity), unitPriceFen: BigInt(i.unit_price_fen) });
  for (const l of lines) loaded.get(l.project_id)!.funding.push({ source: l.source, channel: l.channel, amountFen: BigInt(l.amount_fen) });
  const catalogue = new Map((await listIndicators(ctx.db)).items.map((i) => [i.code, i]));
  const day = `${year}-01-01`;
  const cap = await ruleAt<number | string>(ctx.db, 'funding.subsidy_cap_per_m2', day);
  const residentShare = await ruleAt<Fraction>(ctx.db, 'funding.resident_share_max', day);
  const all = [...loaded.values()];
  log(`plan checks: ${all.length} projects of ${year}, ${items.length} plan lines, ${lines.length} funding lines`);

  const rate = (work: (p: Loaded) => bigint) => {
    let rounds = 0;
    let sink = 0n;
    const t0 = performance.now();
    do {
      for (const p of all) sink += work(p);
      rounds++;
    } while (performance.now() - t0 < minSeconds * 1000);
    if (sink < 0n) throw new Error('unreachable');
    return (rounds * all.length) / ((performance.now() - t0) / 1000);
  };
  const projectsPerSecond = rate((p) => {
    const plan = costPlan(p.plan, catalogue, sixHaves, futureScenarios);
    const check = checkFunding({ lines: p.funding, costFen: plan.totalFen, floorAreaHundredths: p.area, cap, residentShare });
    return plan.totalFen + check.shortfallFen;
  });
  // The physical floor: the same lines' amounts multiplied and added, with nothing else.
  const referencePerSecond = rate((p) => {
    let total = 0n;
    for (const l of p.plan) total += (l.quantityHundredths * l.unitPriceFen + 50n) / 100n;
    for (const f of p.funding) total -= f.amountFen;
    return total;
  });
  return { year, projects: all.length, planLines: items.length, projectsPerSecond, referencePerSecond };
}
