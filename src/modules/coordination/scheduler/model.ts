// The scheduling model shared by the RCPSP core, the renovate-once objective,
// the checker and the PSPLIB reader. Time is counted in whole working days
// from day 0; every interval is half-open [from, to).

/** A period of different capacity: [from, to, capacity). */
export type CapacityInterval = readonly [from: number, to: number, capacity: number];

/**
 * A department's crews over time:
 * - a number: the same every day;
 * - an array: day t has `capacity[t]`; days past the end keep the last value (an
 *   array cannot end the world, so a plan always exists when the tail suffices);
 * - `base` with `intervals`: `base` every day except inside the intervals (later intervals win).
 */
export type CapacitySpec = number | readonly number[] | { readonly base: number; readonly intervals: readonly CapacityInterval[] };

export interface Resource {
  id: string;
  capacity: CapacitySpec;
}

export interface Activity {
  id: string;
  /** Working days, integer ≥ 0. A zero-day package uses no crew and opens no ground. */
  duration: number;
  /** Crews needed per resource id while the package is in progress. */
  demands?: Readonly<Record<string, number>>;
  /** The compound (or any unit whose disturbance counts as one window). */
  group?: string;
  opensGround?: boolean;
  /** Started packages keep their start on re-planning. */
  fixedStart?: number;
  earliestStart?: number;
}

/** Finish-to-start: `after` starts no sooner than `lag` days after `before` finishes. */
export interface Precedence {
  before: string;
  after: string;
  lag?: number;
}

export interface Interval {
  from: number;
  to: number;
}

export interface GroupBlackout extends Interval {
  group: string;
}

export interface Model {
  resources: readonly Resource[];
  activities: readonly Activity[];
  precedences: readonly Precedence[];
  /** City-wide stops: every resource has capacity 0 on these days. */
  blackouts?: readonly Interval[];
  /** No package of the group may be in progress during these days. */
  groupBlackouts?: readonly GroupBlackout[];
}

/** Start day per activity id. */
export type Starts = ReadonlyMap<string, number>;

export interface SolveStats {
  /** Schedules generated (each decode or justification pass counts one). */
  schedules: number;
  elapsedMs: number;
  lowerBound: { makespan: number; disturbanceDays: number };
  /** True when the search stopped because it reached the lower bound. */
  atLowerBound: boolean;
}

export interface Schedule {
  starts: Map<string, number>;
  makespan: number;
  /** Sum over groups of their ground-opening window (see renovate-once.ts). */
  disturbanceDays: number;
  stats: SolveStats;
}

export interface SolveOptions {
  seed?: number;
  /** Wall-clock budget of the search; the best schedule so far is answered when it runs out. */
  timeLimitMs?: number;
  /** Budget in generated schedules: with no time limit, the answer depends on the seed only. */
  maxSchedules?: number;
  /** Stop after this many schedules without improvement. */
  stallSchedules?: number;
  populationSize?: number;
  /** Clock for the time budget (ms); injectable so tests need not wait. */
  clock?: () => number;
}

/** Input the scheduler cannot plan: named activity, stated reason. Never a hang. */
export class SchedulingInputError extends Error {
  override readonly name = 'SchedulingInputError';
  constructor(
    message: string,
    readonly activityId?: string,
  ) {
    super(message);
  }
}

/** The day from which the capacity no longer changes. */
export function capacityTailStart(spec: CapacitySpec): number {
  if (typeof spec === 'number') return 0;
  if (isPerPeriod(spec)) return spec.length;
  return spec.intervals.reduce((m, [, to]) => Math.max(m, to), 0);
}

export function isPerPeriod(spec: CapacitySpec): spec is readonly number[] {
  return Array.isArray(spec);
}

/** Capacity per day over [0, horizon), before city-wide blackouts. */
export function capacityProfile(spec: CapacitySpec, horizon: number): Int32Array {
  const out = new Int32Array(horizon);
  if (typeof spec === 'number') return out.fill(spec);
  if (isPerPeriod(spec)) {
    if (spec.length === 0) throw new SchedulingInputError('a per-day capacity array must not be empty');
    for (let t = 0; t < horizon; t++) out[t] = spec[Math.min(t, spec.length - 1)]!;
    return out;
  }
  out.fill(spec.base);
  for (const [from, to, c] of spec.intervals) out.fill(c, Math.max(0, Math.min(from, horizon)), Math.max(0, Math.min(to, horizon)));
  return out;
}

/** Capacity from the tail start on (what is available forever). */
export function tailCapacity(spec: CapacitySpec): number {
  if (typeof spec === 'number') return spec;
  if (isPerPeriod(spec)) return spec[spec.length - 1] ?? 0;
  return spec.base;
}
