// "Renovate once": the departments' works in a compound (water, gas, power,
// telecom, drainage, roads…) should open the ground in one short window, not
// one excavation per department. This is the RCPSP core with a lexicographic
// objective, same solver, same schedule generation:
//   1. total disturbance days: for each compound with ground-opening packages,
//      last ground-opening finish − first ground-opening start, summed;
//   2. makespan;
//   3. on re-planning only: the sum over packages of |new start − old start|.
// Ground-opening packages of a compound are placed as a block (see sgs.ts), so
// the search starts from compact windows and only has to order compounds.
import { compile, type Compiled } from './compile.ts';
import type { Model, Schedule, SolveOptions, Starts } from './model.ts';
import { SchedulingInputError } from './model.ts';
import { priorityList, search, toSchedule, type Found } from './rcpsp.ts';
import { groundBlocks, noBlocks } from './blocks.ts';
import { Decoder } from './sgs.ts';

export interface GroupWindow {
  group: string;
  /** First ground-opening start and last ground-opening finish: [start, end). */
  start: number;
  end: number;
  disturbanceDays: number;
  /** Maximal runs of ground-opening work separated by at least one day without any. */
  excavations: number;
}

export interface RenovationPlan extends Schedule {
  groups: GroupWindow[];
  /** Sum of excavations over all compounds. */
  excavations: number;
}

export interface Replan extends RenovationPlan {
  /** Packages whose start differs from the previous plan. */
  changed: number;
  /** Sum of |shift| in days: the third criterion the search minimises. */
  totalShift: number;
}

/** Windows and excavation counts per compound (zero-day packages open no ground). */
export function groupWindows(model: Model, starts: Starts): GroupWindow[] {
  const runs = new Map<string, [number, number][]>();
  for (const a of model.activities) {
    if (!a.opensGround || a.group === undefined || a.duration <= 0) continue;
    const s = starts.get(a.id);
    if (s === undefined) continue;
    (runs.get(a.group) ?? runs.set(a.group, []).get(a.group)!).push([s, s + a.duration]);
  }
  return [...runs].map(([group, spans]) => {
    spans.sort((x, y) => x[0] - y[0]);
    let excavations = 0;
    let reach = Number.NEGATIVE_INFINITY;
    let end = 0;
    for (const [s, f] of spans) {
      if (s > reach) excavations++;
      reach = Math.max(reach, f);
      end = Math.max(end, f);
    }
    const start = spans[0]![0];
    return { group, start, end, disturbanceDays: end - start, excavations };
  });
}

function plan(model: Model, schedule: Schedule): RenovationPlan {
  const groups = groupWindows(model, schedule.starts);
  return { ...schedule, groups, excavations: groups.reduce((a, g) => a + g.excavations, 0) };
}

/**
 * The coordinated plan: compounds' ground works as blocks, then the search under the lexicographic
 * objective. The uncoordinated baseline competes too, so coordination never makes things worse.
 */
export function planRenovation(model: Model, options: SolveOptions = {}): RenovationPlan {
  const c = compile(model);
  const found = search({ c }, options);
  const base = baselineFound(c);
  const scale = c.horizon + 1;
  const better = base.disturbance * scale + base.makespan < found.disturbance * scale + found.makespan;
  return plan(model, toSchedule(c, better ? { ...base, stats: found.stats } : found));
}

/** The department a package belongs to: the first resource it needs (packages needing none come last). */
function departmentOf(c: Compiled, j: number): number {
  return c.demPtr[j + 1]! > c.demPtr[j]! ? Math.floor(c.demOff[c.demPtr[j]!]! / c.horizon) : c.nRes;
}

/**
 * What happens without coordination. Each department plans its own packages
 * first-come first-served: in order of earliest possible start (by hard
 * precedences and release days alone), each at the first day its own crews
 * are free and its hard predecessors (of any department) are finished. No
 * department looks at when another one digs in the same compound, and nothing
 * is improved afterwards: one serial pass, no blocks, no search.
 */
export function baseline(model: Model): RenovationPlan {
  const c = compile(model);
  return plan(model, toSchedule(c, baselineFound(c)));
}

function baselineFound(c: Compiled): Found {
  const dec = new Decoder(c, noBlocks(c.n));
  const dept = Int32Array.from({ length: c.n }, (_, j) => departmentOf(c, j));
  dec.decode(priorityList(c, dec.topoPos, (j) => c.est[j]! * (c.nRes + 1) + dept[j]!));
  const found: Found = {
    start: dec.start.slice(),
    makespan: dec.makespan(),
    disturbance: dec.disturbance(),
    shift: 0,
    stats: {
      schedules: 1,
      elapsedMs: 0,
      lowerBound: { makespan: c.lbMakespan, disturbanceDays: c.lbDisturbance },
      atLowerBound: false,
    },
  };
  return found;
}

/**
 * Re-planning on `today`: started packages keep their start (they become
 * fixed), the others may not start before `today`. The objective is the same,
 * then the sum of |shift| against the previous plan (not the count of moved
 * packages: one package moved a year is worse than two moved a day). The
 * previous plan itself, kept wherever it is still feasible, competes with the
 * search's answer, so an unchanged world gives an unchanged plan.
 * A started package whose predecessor has not started is an input error.
 */
export function replan(model: Model, previous: Starts, startedIds: Iterable<string>, today: number, options: SolveOptions = {}): Replan {
  if (!Number.isInteger(today) || today < 0) throw new SchedulingInputError(`today must be a day ≥ 0, got ${today}`);
  const started = new Set(startedIds);
  const activities = model.activities.map((a) => {
    if (started.has(a.id)) {
      const s = previous.get(a.id);
      if (s === undefined) throw new SchedulingInputError(`started activity ${a.id} has no start in the previous plan`, a.id);
      return { ...a, fixedStart: s };
    }
    return { ...a, fixedStart: undefined, earliestStart: Math.max(a.earliestStart ?? 0, today) };
  });
  const next: Model = { ...model, activities };
  const c = compile(next);
  const prev = Int32Array.from(c.ids, (id) => previous.get(id) ?? -1);

  // The previous order, each package at its old day where still feasible.
  const anchored = new Decoder(c, groundBlocks(c));
  anchored.prefer = prev;
  const byOld = priorityList(c, anchored.topoPos, (j) => (prev[j]! >= 0 ? prev[j]! : c.est[j]!));
  anchored.decode(byOld);
  const found = search({ c, previous: prev, lists: [byOld] }, options);
  const anchoredShift = prev.reduce((sum, p, j) => sum + (p >= 0 ? Math.abs(anchored.start[j]! - p) : 0), 0);
  const scale = c.horizon + 1;
  const a = anchored.disturbance() * scale + anchored.makespan();
  const f = found.disturbance * scale + found.makespan;
  const best: Found =
    a < f || (a === f && anchoredShift <= found.shift)
      ? {
          ...found,
          start: anchored.start.slice(),
          makespan: anchored.makespan(),
          disturbance: anchored.disturbance(),
          shift: anchoredShift,
        }
      : found;
  const result = plan(next, toSchedule(c, best));
  let changed = 0;
  for (const [id, s] of result.starts) if (previous.get(id) !== undefined && previous.get(id) !== s) changed++;
  return { ...result, changed, totalShift: best.shift };
}
