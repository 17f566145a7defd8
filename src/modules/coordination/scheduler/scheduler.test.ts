// Properties on random small models: whatever the solver, the baseline and the
// re-planner answer satisfies every constraint, as judged by verify.ts; and
// verify.ts itself catches broken schedules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prng } from '../../../platform/random.ts';
import { SchedulingInputError, type Activity, type CapacitySpec, type Model, type Precedence } from './model.ts';
import { baseline, planRenovation, replan } from './renovate-once.ts';
import { solveRcpsp } from './rcpsp.ts';
import { disturbanceOf, worseThan } from './testing.ts';
import { verifySchedule } from './verify.ts';

const BUDGET = { maxSchedules: 150, timeLimitMs: 60_000 };

/** A random model that always has a plan: every demand fits the capacity that lasts forever. */
function randomModel(seed: number): Model {
  const r = prng(seed);
  const resources = Array.from({ length: r.int(1, 4) }, (_, k) => {
    const tail = r.int(1, 4);
    const kind = r.int(0, 2);
    let capacity: CapacitySpec = tail;
    if (kind === 1) capacity = [...Array.from({ length: r.int(0, 12) }, () => r.int(0, 4)), tail];
    if (kind === 2)
      capacity = {
        base: tail,
        intervals: Array.from({ length: r.int(0, 2) }, () => {
          const from = r.int(0, 15);
          return [from, from + r.int(1, 6), r.int(0, 4)] as const;
        }),
      };
    return { id: `R${k}`, capacity, tail };
  });
  const activities: Activity[] = Array.from({ length: r.int(1, 10) }, (_, i) => {
    const demands: Record<string, number> = {};
    for (const res of resources) if (r.next() < 0.6) demands[res.id] = r.int(0, res.tail);
    return {
      id: `a${i}`,
      duration: r.int(0, 5),
      demands,
      group: r.next() < 0.8 ? `G${r.int(0, 2)}` : undefined,
      opensGround: r.next() < 0.6,
      earliestStart: r.next() < 0.2 ? r.int(0, 6) : undefined,
    };
  });
  const precedences: Precedence[] = [];
  for (let i = 0; i < activities.length; i++)
    for (let j = i + 1; j < activities.length; j++)
      if (r.next() < 0.25) precedences.push({ before: `a${i}`, after: `a${j}`, lag: r.next() < 0.5 ? r.int(0, 2) : undefined });
  const blackouts = r.next() < 0.3 ? [{ from: r.int(0, 10), to: 0 }].map((b) => ({ ...b, to: b.from + r.int(1, 4) })) : [];
  const groupBlackouts =
    r.next() < 0.5 ? [{ group: `G${r.int(0, 2)}`, from: r.int(0, 10), to: 0 }].map((b) => ({ ...b, to: b.from + r.int(1, 5) })) : [];
  return { resources: resources.map(({ id, capacity }) => ({ id, capacity })), activities, precedences, blackouts, groupBlackouts };
}

/** Started packages as a re-planner would see them: those begun before `today`, closed under predecessors. */
function startedBefore(model: Model, starts: ReadonlyMap<string, number>, today: number): string[] {
  const ids = new Set(model.activities.filter((a) => starts.get(a.id)! < today).map((a) => a.id));
  for (const p of model.precedences) if (ids.has(p.after) && !ids.has(p.before)) ids.delete(p.after);
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of model.precedences)
      if (ids.has(p.after) && !ids.has(p.before)) {
        ids.delete(p.after);
        changed = true;
      }
  }
  return [...ids];
}

describe('schedules on random models', () => {
  it('the solver, the baseline and the re-planner answer feasible schedules', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 12 }), (seed, today) => {
        const model = randomModel(seed);
        const plan = planRenovation(model, { ...BUDGET, seed });
        expect(verifySchedule(model, plan.starts)).toEqual([]);
        expect(verifySchedule(model, solveRcpsp(model, { ...BUDGET, seed }).starts)).toEqual([]);
        expect(verifySchedule(model, baseline(model).starts)).toEqual([]);

        const started = startedBefore(model, plan.starts, today);
        const again = replan(model, plan.starts, started, today, { ...BUDGET, seed });
        const fixedModel: Model = {
          ...model,
          activities: model.activities.map((a) =>
            started.includes(a.id)
              ? { ...a, fixedStart: plan.starts.get(a.id)! }
              : { ...a, earliestStart: Math.max(a.earliestStart ?? 0, today) },
          ),
        };
        expect(verifySchedule(fixedModel, again.starts)).toEqual([]);
        expect(verifySchedule(fixedModel, planRenovation(fixedModel, { ...BUDGET, seed }).starts)).toEqual([]);
        for (const id of started) expect(again.starts.get(id)).toBe(plan.starts.get(id));
      }),
      { numRuns: 150 },
    );
  });

  it('the coordinated plan is never worse than the baseline, judged from both plans’ starts, and often strictly better', () => {
    let strictlyBetter = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const model = randomModel(seed);
        const plan = planRenovation(model, { ...BUDGET, seed });
        const base = baseline(model);
        expect(verifySchedule(model, plan.starts)).toEqual([]);
        expect(verifySchedule(model, base.starts)).toEqual([]);
        // What the solver says of its plans is what their starts give, recomputed from the definition.
        expect(plan.disturbanceDays).toBe(disturbanceOf(model, plan.starts));
        expect(base.disturbanceDays).toBe(disturbanceOf(model, base.starts));
        expect(worseThan(model, plan.starts, base.starts)).toBeNull();
        if (disturbanceOf(model, plan.starts) < disturbanceOf(model, base.starts)) strictlyBetter++;
      }),
      // A fixed seed: the count below is about these 100 models, not luck.
      { numRuns: 100, seed: 20_261_202 },
    );
    // The comparison is not vacuous: on many models coordination digs less than departments alone.
    expect(strictlyBetter).toBeGreaterThanOrEqual(10);
  });

  it('the comparison catches a feasible plan worse than the baseline', () => {
    const model: Model = {
      resources: [
        { id: 'water', capacity: 1 },
        { id: 'gas', capacity: 1 },
      ],
      activities: [
        { id: 'A-water', duration: 4, demands: { water: 1 }, group: 'A', opensGround: true },
        { id: 'A-gas', duration: 4, demands: { gas: 1 }, group: 'A', opensGround: true },
        { id: 'A-facade', duration: 6, group: 'A' },
      ],
      precedences: [],
    };
    const base = baseline(model).starts;
    expect(disturbanceOf(model, base)).toBe(4);
    const dugTwice = new Map(base).set('A-gas', 10);
    const later = new Map([...base].map(([id, s]) => [id, s + 3]));
    for (const worse of [dugTwice, later]) expect(verifySchedule(model, worse)).toEqual([]);
    expect(worseThan(model, dugTwice, base)).toBe('14 disturbance days against 4');
    expect(worseThan(model, later, base)).toBe('makespan 9 against 6 at equal disturbance');
    expect(worseThan(model, base, dugTwice)).toBeNull();
    expect(worseThan(model, planRenovation(model, { ...BUDGET, seed: 1 }).starts, base)).toBeNull();
  });
});

describe('verifySchedule', () => {
  it('finds a broken precedence, an overload and a moved fixed start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const model = randomModel(seed);
        const starts = new Map(planRenovation(model, { ...BUDGET, seed }).starts);
        const byId = new Map(model.activities.map((a) => [a.id, a]));
        const arc = model.precedences.find((p) => byId.get(p.before)!.duration > 0);
        if (arc) {
          const broken = new Map(starts).set(arc.after, starts.get(arc.before)!);
          expect(verifySchedule(model, broken).some((v) => v.includes(`activity ${arc.after} starts`))).toBe(true);
        }
        const first = model.activities[0]!;
        const fixed = { ...model, activities: [{ ...first, fixedStart: starts.get(first.id)! + 1 }, ...model.activities.slice(1)] };
        expect(verifySchedule(fixed, starts).some((v) => v.includes('is fixed'))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('names the resource and day of an overload, a blackout breach and a missing start', () => {
    const model: Model = {
      resources: [{ id: 'water', capacity: { base: 1, intervals: [[5, 8, 0]] } }],
      activities: [
        { id: 'a', duration: 3, demands: { water: 1 }, group: 'C1' },
        { id: 'b', duration: 3, demands: { water: 1 }, group: 'C1' },
        { id: 'c', duration: 1 },
      ],
      precedences: [],
      groupBlackouts: [{ group: 'C1', from: 20, to: 22 }],
    };
    const v = verifySchedule(
      model,
      new Map([
        ['a', 0],
        ['b', 1],
      ]),
    );
    expect(v).toContain('resource water is over capacity on day 1: 2 needed (a, b), 1 available');
    expect(v).toContain('activity c has no start');
    const w = verifySchedule(
      model,
      new Map([
        ['a', 6],
        ['b', 19],
        ['c', 0],
      ]),
    );
    expect(w.some((x) => x.startsWith('resource water is over capacity on day 6'))).toBe(true);
    expect(w).toContain('activity b of C1 is in progress during its blackout [20, 22)');
  });
});

describe('input the scheduler cannot plan', () => {
  const base = (activities: Activity[], precedences: Precedence[] = []): Model => ({
    resources: [{ id: 'gas', capacity: [3, 3, 0] }],
    activities,
    precedences,
  });

  it('a precedence cycle names an activity on it', () => {
    const model = base(
      [
        { id: 'x', duration: 1 },
        { id: 'y', duration: 1 },
        { id: 'z', duration: 1 },
      ],
      [
        { before: 'x', after: 'y' },
        { before: 'y', after: 'z' },
        { before: 'z', after: 'y' },
      ],
    );
    expect(() => planRenovation(model)).toThrow(SchedulingInputError);
    expect(() => planRenovation(model)).toThrow(/cycle through activity [yz]/);
  });

  it('a demand above any capacity ever available names the activity', () => {
    const model = base([{ id: 'dig', duration: 1, demands: { gas: 4 } }]);
    expect(() => planRenovation(model)).toThrow(/activity dig needs 4 of gas, but at most 3 is ever available/);
  });

  it('a demand that fits only a window too short for it fails fast instead of searching forever', () => {
    const model = base([{ id: 'long', duration: 3, demands: { gas: 2 } }]);
    expect(() => planRenovation(model)).toThrow(/activity long fits nowhere/);
  });

  it('unknown ids, bad durations and fixed packages with free predecessors are refused', () => {
    expect(() => planRenovation(base([{ id: 'a', duration: 1 }], [{ before: 'a', after: 'nope' }]))).toThrow(/unknown activity nope/);
    expect(() => planRenovation(base([{ id: 'a', duration: 1.5 }]))).toThrow(/activity a: duration/);
    const fixed = base(
      [
        { id: 'a', duration: 1 },
        { id: 'b', duration: 1, fixedStart: 5 },
      ],
      [{ before: 'a', after: 'b' }],
    );
    expect(() => planRenovation(fixed)).toThrow(/activity b is fixed at day 5 but its predecessor a is not fixed/);
  });
});
