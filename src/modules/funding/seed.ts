// Demo funding: every project with a plan gets lines from several sources that
// respect the rules of its year; from tendering on they cover the whole cost.
import type { Tx } from '../../platform/db/client.ts';
import { fractionFloor, type Fraction } from '../../platform/money.ts';
import { ruleAt } from '../../platform/policy.ts';
import { stages, type SeededProject } from '../projects/index.ts';
import { subsidyLimitFen, type Line } from './rules.ts';
import { fundingLines } from './schema.ts';

/** Shares of the cost (in percent) each source takes before the subsidy cap and the rest are settled. */
const share = (cost: bigint, percent: number) => (cost * BigInt(percent)) / 100n;

export async function seedFunding(tx: Tx, projects: SeededProject[]): Promise<number> {
  const rows: (typeof fundingLines.$inferInsert)[] = [];
  const rules = new Map<number, { cap: number | string; resident: Fraction; split: { city: Fraction } }>();
  for (const p of projects) {
    if (p.costFen === 0n) continue;
    if (!rules.has(p.year)) {
      const day = `${p.year}-01-01`;
      // One after another: a transaction is one connection.
      const cap = await ruleAt<number | string>(tx, 'funding.subsidy_cap_per_m2', day);
      const resident = await ruleAt<Fraction>(tx, 'funding.resident_share_max', day);
      const split = await ruleAt<{ city: Fraction }>(tx, 'funding.city_district_split', day);
      rules.set(p.year, { cap: cap.value, resident: resident.value, split: split.value });
    }
    const r = rules.get(p.year)!;
    const complete = stages.indexOf(p.stage) >= stages.indexOf('tendered');
    const cost = complete ? p.costFen : share(p.costFen, 70);
    // Residents at half their maximum share, pipelines 4%, subsidies up to the cap, the rest central funds and bonds.
    const resident = fractionFloor(p.costFen, r.resident) / 2n;
    const pipeline = share(cost, 4);
    const subsidy = [subsidyLimitFen(r.cap, p.floorAreaHundredths), share(cost, 45)].reduce((a, b) => (a < b ? a : b));
    const city = fractionFloor(subsidy, r.split.city);
    const rest = cost - resident - pipeline - subsidy;
    const bond = share(rest, 30);
    const lines: Line[] = [
      { source: 'central_subsidy', channel: '', amountFen: rest - bond },
      { source: 'special_bond', channel: '', amountFen: bond },
      { source: 'city_subsidy', channel: '', amountFen: city },
      { source: 'district_subsidy', channel: '', amountFen: subsidy - city },
      { source: 'pipeline_utility', channel: '', amountFen: pipeline },
      { source: 'resident', channel: 'housing_maintenance_fund', amountFen: resident },
    ];
    for (const l of lines) if (l.amountFen > 0n) rows.push({ projectId: p.id, year: p.year, districtCode: p.districtCode, ...l });
  }
  for (let k = 0; k < rows.length; k += 3000) await tx.insert(fundingLines).values(rows.slice(k, k + 3000));
  return rows.length;
}
