// Demo coordination: the city's starting precedence rules, crews and blackout
// periods (Spring Festival, the college entrance exam, the Asian Games), and
// for every compound of the annual plan the works of its departments and
// utilities, so the demo year can be reviewed and scheduled.
import type { Tx } from '../../platform/db/client.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { prng } from '../../platform/random.ts';
import { projectCompoundIds, type SeededProject } from '../projects/index.ts';
import { defaultPrecedence, workKinds, type CoordinationDepartment, type WorkKind } from './kinds.ts';
import { cityPack } from '../../platform/city.ts';
import { blackouts, departmentCrews, planReviews, precedenceRules, workPackages } from './schema.ts';

const crews: Record<CoordinationDepartment, number> = {
  housing: 10,
  city_management: 5,
  power: 4,
  water: 4,
  gas: 3,
  telecom: 4,
  fire: 3,
  police: 3,
  civil_affairs: 2,
};

// Share of compounds that need each kind, and its duration range in working days.
const needs: [WorkKind, number, number, number][] = [
  ['water', 0.9, 8, 20],
  ['drainage', 0.9, 8, 25],
  ['power', 0.8, 5, 15],
  ['telecom', 0.8, 4, 10],
  ['gas', 0.5, 6, 15],
  ['roads', 1, 10, 25],
  ['greening', 0.4, 5, 12],
  ['lift_shaft', 0.3, 15, 30],
  ['facade', 0.6, 10, 30],
  ['painting', 0.6, 5, 15],
  ['fire', 0.5, 3, 8],
  ['police_security', 0.5, 3, 8],
  ['civil_affairs', 0.3, 5, 12],
];

export async function seedCoordination(
  tx: Tx,
  seed: number,
  cityCode: string,
  projects: SeededProject[],
  compounds: { id: string; name: string; communityCode: string }[],
  planYear: number,
): Promise<void> {
  if (!projects.length) return; // seeded once, with the projects
  const rnd = prng(seed + 7);
  await tx
    .insert(precedenceRules)
    .values(
      defaultPrecedence.map((r) => ({
        id: uuidv7(),
        cityCode,
        beforeKind: r.before,
        afterKind: r.after,
        lagDays: r.lagDays,
        note: r.note,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(departmentCrews)
    .values(Object.entries(crews).map(([department, n]) => ({ cityCode, department: department as CoordinationDepartment, crews: n })))
    .onConflictDoNothing();
  const compoundOf = new Map(compounds.map((c) => [c.id, c]));
  const planned = projects.filter((p) => p.year === planYear);
  const rows: (typeof workPackages.$inferInsert)[] = [];
  for (const p of planned) {
    for (const compoundId of await projectCompoundIds(tx, p.id)) {
      const c = compoundOf.get(compoundId)!;
      for (const [kind, share, lo, hi] of needs) {
        if (rnd.next() >= share) continue;
        rows.push({
          id: uuidv7(),
          projectId: p.id,
          projectName: `${c.name}综合改造`,
          compoundId,
          compoundName: c.name,
          communityCode: c.communityCode,
          year: planYear,
          kind,
          department: workKinds[kind].department,
          durationDays: rnd.int(lo, hi),
          crews: kind === 'roads' || kind === 'facade' ? 2 : 1,
          opensGround: workKinds[kind].opensGround,
          blocksAccess: kind === 'roads',
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await tx.insert(workPackages).values(rows.slice(i, i + 2000));
  const someCompound = rows[0]?.compoundId;
  await tx.insert(blackouts).values([
    // The city's own blackouts (festivals, exams, events): its pack's demo.json.
    ...cityPack().demo.blackouts.map((b) => ({
      id: uuidv7(),
      cityCode,
      fromDate: `${planYear}-${b.from}`,
      toDate: `${planYear}-${b.to}`,
      reason: b.reason,
    })),
    ...(someCompound
      ? [
          {
            id: uuidv7(),
            cityCode,
            compoundId: someCompound,
            fromDate: `${planYear}-03-01`,
            toDate: `${planYear}-03-15`,
            reason: '居民约定静默期 residents’ quiet period',
          },
        ]
      : []),
  ]);
  // Housing has approved the whole plan; development-and-reform most of it; finance has not begun.
  await tx
    .insert(planReviews)
    .values(
      planned.flatMap((p, i) => [
        { id: uuidv7(), projectId: p.id, year: planYear, department: 'housing' as const, decision: 'approve' as const },
        ...(i % 4
          ? [{ id: uuidv7(), projectId: p.id, year: planYear, department: 'development_reform' as const, decision: 'approve' as const }]
          : []),
      ]),
    );
}
