// A generated city for the renovate-once scheduler: compounds whose packages
// belong to the departments that dig (water, gas, power, telecom, drainage,
// heating) and those that do not, a road resurfacing after the digging and the
// greening after that. Seeded: the same city on every machine.
import { prng } from '../../src/platform/random.ts';
import {
  baseline,
  planRenovation,
  verifySchedule,
  type Activity,
  type GroupBlackout,
  type Model,
  type Precedence,
  type RenovationPlan,
} from '../../src/modules/coordination/index.ts';
import { log } from './run.ts';

const DIGGING = ['water', 'gas', 'power', 'telecom', 'drainage', 'heating'];
const OTHERS = ['facade', 'lighting', 'fire', 'roads', 'greening'];

export function generateCity(compounds: number, seed: number): Model {
  const r = prng(seed);
  const departments = [...DIGGING, ...OTHERS];
  // Crews sized so the programme takes about three working years.
  const crews = Math.max(2, Math.round(compounds / 40));
  const resources = departments.map((id) => ({
    id,
    capacity: r.next() < 0.3 ? { base: crews, intervals: [[200, 260, Math.max(1, Math.floor(crews / 2))] as const] } : crews,
  }));
  const activities: Activity[] = [];
  const precedences: Precedence[] = [];
  const groupBlackouts: GroupBlackout[] = [];
  for (let c = 0; c < compounds; c++) {
    const group = `C${c}`;
    const release = r.next() < 0.2 ? r.int(0, 300) : 0;
    const digs = DIGGING.filter(() => r.next() < 0.7);
    if (digs.length === 0) digs.push(r.pick(DIGGING));
    const dug: string[] = [];
    for (const d of digs) {
      const id = `${group}-${d}`;
      activities.push({
        id,
        duration: r.int(3, 15),
        demands: { [d]: r.int(1, 2) },
        group,
        opensGround: true,
        earliestStart: release || undefined,
      });
      dug.push(id);
    }
    // Gas goes in after water where both dig: a hard precedence inside the compound.
    if (digs.includes('water') && digs.includes('gas')) precedences.push({ before: `${group}-water`, after: `${group}-gas` });
    for (const o of ['facade', 'lighting', 'fire'].filter(() => r.next() < 0.5)) {
      activities.push({ id: `${group}-${o}`, duration: r.int(5, 20), demands: { [o]: 1 }, group, earliestStart: release || undefined });
    }
    activities.push({ id: `${group}-roads`, duration: r.int(3, 8), demands: { roads: r.int(1, 2) }, group, opensGround: true });
    for (const id of dug) precedences.push({ before: id, after: `${group}-roads` });
    activities.push({ id: `${group}-greening`, duration: r.int(2, 6), demands: { greening: 1 }, group });
    precedences.push({ before: `${group}-roads`, after: `${group}-greening` });
    if (r.next() < 0.05) {
      const from = r.int(100, 500);
      groupBlackouts.push({ group, from, to: from + r.int(5, 20) });
    }
  }
  // Spring Festival and National Day weeks, in working days, three years running.
  const blackouts = [0, 250, 500].flatMap((y) => [
    { from: y + 25, to: y + 35 },
    { from: y + 190, to: y + 195 },
  ]);
  return { resources, activities, precedences, blackouts, groupBlackouts };
}

export interface CityFigures {
  compounds: number;
  compoundsDigging: number;
  activities: number;
  departments: number;
  seconds: number;
  baselineSeconds: number;
  peakRssMb: number;
  violations: number;
  plan: Pick<RenovationPlan, 'disturbanceDays' | 'excavations' | 'makespan'> & { schedules: number };
  baseline: Pick<RenovationPlan, 'disturbanceDays' | 'excavations' | 'makespan'>;
}

export function benchCity(compounds: number, seed: number): CityFigures {
  const model = generateCity(compounds, seed);
  log(`city: ${compounds} compounds, ${model.activities.length} packages, ${model.resources.length} departments`);
  const t0 = performance.now();
  const base = baseline(model);
  const t1 = performance.now();
  const plan = planRenovation(model, { seed });
  const t2 = performance.now();
  const violations = verifySchedule(model, plan.starts).length + verifySchedule(model, base.starts).length;
  const figures: CityFigures = {
    compounds,
    compoundsDigging: plan.groups.length,
    activities: model.activities.length,
    departments: model.resources.length,
    seconds: (t2 - t0) / 1000,
    baselineSeconds: (t1 - t0) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    violations,
    plan: {
      disturbanceDays: plan.disturbanceDays,
      excavations: plan.excavations,
      makespan: plan.makespan,
      schedules: plan.stats.schedules,
    },
    baseline: { disturbanceDays: base.disturbanceDays, excavations: base.excavations, makespan: base.makespan },
  };
  log(
    `city: ${fmt2(figures.seconds)} s, ${plan.stats.schedules} schedules, disturbance ${plan.disturbanceDays} vs ${base.disturbanceDays} days, ` +
      `excavations ${plan.excavations} vs ${base.excavations}, makespan ${plan.makespan} vs ${base.makespan}, ${violations} violations`,
  );
  return figures;
}

const fmt2 = (x: number) => x.toFixed(1);
