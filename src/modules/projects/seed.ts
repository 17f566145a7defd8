// Demo projects: each year's plan over eligible compounds, with every stage
// represented, a costed plan where the stage needs one, and a timeline. The
// facts other modules seed from (funding) are returned, not read back.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { cityPack } from '../../platform/city.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { fromHundredths, hundredths } from '../../platform/money.ts';
import type { Random } from '../../platform/random.ts';
import { futureScenarios, listIndicators, priceListAt, sixHaves, type Indicator } from '../catalogue/index.ts';
import { costPlan, type PlanLine } from './plan.ts';
import { planItems, planVersions, projectCompounds, projectOutcomes, projects, stageTransitions } from './schema.ts';
import { stages, type Stage } from './stages.ts';

export interface SeedCompound {
  id: string;
  name: string;
  cityCode: string;
  districtCode: string;
  subdistrictCode: string;
  communityCode: string;
  floorAreaM2: string;
  householdsCount: number;
  buildingsCount: number;
  yearBuilt: number;
}

export interface SeededProject {
  id: string;
  name: string;
  year: number;
  districtCode: string;
  stage: Stage;
  floorAreaHundredths: bigint;
  costFen: bigint;
}

/** The demo's annual plan still to be carried out (the demo's "today" is late 2021). */
export const PLAN_YEAR = 2022;

// How far each year's projects have come by the demo's "today" (late 2021).
const stagesByYear: Record<number, readonly Stage[]> = {
  2019: ['handed_over', 'handed_over', 'accepted'],
  2020: ['handed_over', 'accepted', 'under_construction'],
  2021: stages,
  2022: ['planned', 'planned', 'surveyed'],
};

function quantityFor(indicator: Indicator, c: SeedCompound, rnd: Random): bigint {
  const area = hundredths(c.floorAreaM2);
  switch (indicator.unit) {
    case 'm2':
      return (area * BigInt(rnd.int(5, 30))) / 100n;
    case 'm':
      return BigInt(rnd.int(50, 800)) * 100n;
    case 'household':
      return BigInt(c.householdsCount) * 100n;
    case 'building':
      return BigInt(Math.max(1, c.buildingsCount)) * 100n;
    case 'space':
      return BigInt(rnd.int(5, 60)) * 100n;
    case 'lamp':
    case 'tree':
      return BigInt(rnd.int(5, 60)) * 100n;
    case 'kW':
      return BigInt(rnd.int(20, 200)) * 100n;
    default:
      return BigInt(rnd.int(1, 8)) * 100n;
  }
}

export async function seedProjects(tx: Tx, compounds: SeedCompound[], rnd: Random, catalogueVersion: string): Promise<SeededProject[]> {
  const [{ n }] = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from projects`)).rows as [{ n: number }];
  if (n > 0) return []; // seeded once; a second seed run leaves the projects as they are
  const catalogue = new Map((await listIndicators(tx, catalogueVersion)).items.map((i) => [i.code, i]));
  const leaves = [...catalogue.values()].filter((i) => i.level === 3);
  const basics = leaves.filter((i) => i.category === 'basic');
  const { priceList, prices } = await priceListAt(tx, '2019-01-01');
  const eligible = compounds.filter((c) => c.yearBuilt <= 2000);
  // A third of eligible compounds enter a plan; 和睦 (330105004) is sure to have projects at many stages.
  const chosen = eligible.filter((c, i) => c.subdistrictCode === cityPack().demo.subdistrict.code || i % 3 === 0);
  const years = Object.keys(stagesByYear).map(Number);
  const seeded: SeededProject[] = [];
  const projectRows: (typeof projects.$inferInsert)[] = [];
  const compoundRows: (typeof projectCompounds.$inferInsert)[] = [];
  const timelineRows: (typeof stageTransitions.$inferInsert)[] = [];
  const planRows: (typeof planVersions.$inferInsert)[] = [];
  const itemRows: (typeof planItems.$inferInsert)[] = [];
  const addProject = (c: SeedCompound, year: number, stage: Stage) => {
    const id = uuidv7();
    const name = `${c.name}综合改造`;
    projectRows.push({
      id,
      name,
      year,
      stage,
      cityCode: c.cityCode,
      districtCode: c.districtCode,
      subdistrictCodes: [c.subdistrictCode],
      communityCodes: [c.communityCode],
      futureCommunity: rnd.next() < 0.15,
      floorAreaM2: c.floorAreaM2,
      households: c.householdsCount,
    });
    compoundRows.push({ projectId: id, compoundId: c.id, name: c.name, floorAreaM2: c.floorAreaM2, households: c.householdsCount });
    const reached = stages.slice(0, stages.indexOf(stage) + 1);
    reached.forEach((to, k) => {
      const at = new Date(Date.UTC(year, 0, 10) + k * 21 * 86_400_000);
      timelineRows.push({
        projectId: id,
        fromStage: k ? reached[k - 1]! : null,
        toStage: to,
        at,
        byUsername: 'seed',
        byDisplayName: '演示数据 (demo data)',
      });
    });
    let costFen = 0n;
    if (stages.indexOf(stage) >= stages.indexOf('designed') && priceList) {
      const picked = new Map<string, Indicator>();
      for (const b of basics) if (rnd.next() < 0.25) picked.set(b.code, b);
      while (picked.size < 8) {
        const l = rnd.pick(leaves);
        picked.set(l.code, l);
      }
      const lines: PlanLine[] = [...picked.values()].map((ind) => ({
        indicatorCode: ind.code,
        quantityHundredths: quantityFor(ind, c, rnd),
        unitPriceFen: prices.get(ind.code)!,
      }));
      const costed = costPlan(lines, catalogue, sixHaves, futureScenarios);
      costFen = costed.totalFen;
      const approved = stages.indexOf(stage) >= stages.indexOf('plan_approved');
      const planId = uuidv7();
      planRows.push({
        id: planId,
        projectId: id,
        version: 1,
        status: approved ? 'approved' : 'submitted',
        catalogueVersion,
        priceListId: priceList.id,
        totalFen: costFen,
      });
      for (const item of costed.items) {
        itemRows.push({
          planVersionId: planId,
          indicatorCode: item.indicatorCode,
          quantity: fromHundredths(item.quantityHundredths),
          unitPriceFen: item.unitPriceFen,
          amountFen: item.amountFen,
        });
      }
    }
    seeded.push({
      id,
      name,
      year,
      districtCode: c.districtCode,
      stage,
      floorAreaHundredths: hundredths(c.floorAreaM2),
      costFen,
    });
  };
  chosen.forEach((c, i) => {
    const year = years[i % years.length]!;
    const yearStages = stagesByYear[year]!;
    addProject(c, year, yearStages[Math.floor(i / years.length) % yearStages.length]!);
  });
  // Next year's annual plan takes in every eligible compound not yet in one: the demo's
  // year to review and to schedule, every department's works in it (coordination).
  const chosenIds = new Set(chosen.map((c) => c.id));
  for (const c of eligible) if (!chosenIds.has(c.id)) addProject(c, PLAN_YEAR, 'planned');
  const chunks = <T>(rows: T[], size = 2000) =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
  for (const rows of chunks(projectRows)) await tx.insert(projects).values(rows);
  for (const rows of chunks(compoundRows)) await tx.insert(projectCompounds).values(rows);
  for (const rows of chunks(timelineRows)) await tx.insert(stageTransitions).values(rows);
  for (const rows of chunks(planRows)) await tx.insert(planVersions).values(rows);
  for (const rows of chunks(itemRows)) await tx.insert(planItems).values(rows);
  // What the finished projects delivered (R11), drawn after everything else so earlier demo data stays as it was.
  const finished = seeded.filter((p) => stages.indexOf(p.stage) >= stages.indexOf('accepted'));
  const outcomeRows = finished.map((p) => ({
    projectId: p.id,
    parkingSpacesAdded: rnd.int(0, 60),
    liftsInstalled: rnd.int(0, 6),
    liftPositionsReserved: rnd.int(0, 8),
    publicServiceSpaceM2: `${rnd.int(0, 400)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
    fitnessSpaceM2: `${rnd.int(0, 300)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
    barrierFreeAgeFriendlyItems: rnd.int(0, 20),
    stateOwnedRoomsM2: `${rnd.int(0, 200)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
  }));
  for (const rows of chunks(outcomeRows)) await tx.insert(projectOutcomes).values(rows);
  return seeded;
}
