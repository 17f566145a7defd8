// From the city's records to the scheduler's model, as a plain function: the
// departments are the resources (their crews), the packages the activities
// (grouped by compound), the city's precedence rules applied inside each
// compound, and blackouts as days without crews (city-wide) or without works
// in one compound.
import type { Activity, Model, Precedence } from './scheduler/model.ts';

export interface PackageFacts {
  id: string;
  compoundId: string;
  kind: string;
  department: string;
  durationDays: number;
  crews: number;
  opensGround: boolean;
  status: 'planned' | 'started' | 'done';
}

export interface PlanInput {
  packages: PackageFacts[];
  rules: { beforeKind: string; afterKind: string; lagDays: number }[];
  crews: ReadonlyMap<string, number>;
  /** Working-day ranges [from, to); compoundId null is city-wide. */
  blackouts: { compoundId: string | null; from: number; to: number }[];
}

export function buildModel(input: PlanInput): Model {
  const departments = [...new Set(input.packages.map((p) => p.department))].sort();
  const byCompound = new Map<string, PackageFacts[]>();
  for (const p of input.packages) byCompound.set(p.compoundId, [...(byCompound.get(p.compoundId) ?? []), p]);
  const precedences: Precedence[] = [];
  for (const list of byCompound.values())
    for (const rule of input.rules)
      for (const before of list.filter((p) => p.kind === rule.beforeKind))
        for (const after of list.filter((p) => p.kind === rule.afterKind))
          precedences.push({ before: before.id, after: after.id, lag: rule.lagDays });
  const activities: Activity[] = input.packages.map((p) => ({
    id: p.id,
    duration: p.durationDays,
    demands: { [p.department]: p.crews },
    group: p.compoundId,
    opensGround: p.opensGround,
  }));
  return {
    resources: departments.map((d) => ({ id: d, capacity: input.crews.get(d) ?? 0 })),
    activities,
    precedences,
    blackouts: input.blackouts.filter((b) => b.compoundId === null).map(({ from, to }) => ({ from, to })),
    groupBlackouts: input.blackouts
      .filter((b) => b.compoundId !== null)
      .map(({ compoundId, from, to }) => ({ group: compoundId!, from, to })),
  };
}
