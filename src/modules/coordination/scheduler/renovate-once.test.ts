// Renovate once: departments planning alone dig a compound twice; the
// coordinated plan digs it once. Re-planning keeps started works where they are.
import { describe, expect, it } from 'vitest';
import type { Model } from './model.ts';
import { baseline, groupWindows, planRenovation, replan } from './renovate-once.ts';
import { disturbanceOf, worseThan } from './testing.ts';
import { verifySchedule } from './verify.ts';

// One water crew, one gas crew. Gas has compound C's package first in its
// queue, so, uncoordinated, gas reaches A only after water has left: two digs.
const city: Model = {
  resources: [
    { id: 'water', capacity: 1 },
    { id: 'gas', capacity: 1 },
  ],
  activities: [
    { id: 'C-gas', duration: 4, demands: { gas: 1 }, group: 'C', opensGround: true },
    { id: 'A-water', duration: 4, demands: { water: 1 }, group: 'A', opensGround: true },
    { id: 'B-water', duration: 4, demands: { water: 1 }, group: 'B', opensGround: true },
    { id: 'B-gas', duration: 4, demands: { gas: 1 }, group: 'B', opensGround: true },
    { id: 'A-gas', duration: 4, demands: { gas: 1 }, group: 'A', opensGround: true },
    { id: 'A-facade', duration: 10, group: 'A' },
  ],
  precedences: [],
};
const budget = { seed: 1, maxSchedules: 2_000, timeLimitMs: 60_000 };
const windowOf = (groups: ReturnType<typeof groupWindows>, g: string) => groups.find((w) => w.group === g)!;

describe('renovate once', () => {
  it('the baseline digs compound A twice; the coordinated plan once, in one short window', () => {
    const before = baseline(city);
    expect(verifySchedule(city, before.starts)).toEqual([]);
    expect(windowOf(before.groups, 'A')).toMatchObject({ start: 0, end: 12, excavations: 2, disturbanceDays: 12 });

    const plan = planRenovation(city, budget);
    expect(verifySchedule(city, plan.starts)).toEqual([]);
    for (const g of ['A', 'B', 'C']) expect(windowOf(plan.groups, g)).toMatchObject({ excavations: 1, disturbanceDays: 4 });
    expect(plan.disturbanceDays).toBe(12);
    expect(plan.excavations).toBe(3);
    // Judged from the starts, not from what the solver reports: water digs A then B, gas C, B, then A
    // (A 0–12, B 4–8, C 0–4: 20 days), against one four-day window per compound.
    expect(disturbanceOf(city, before.starts)).toBe(20);
    expect(disturbanceOf(city, plan.starts)).toBe(12);
    expect(worseThan(city, plan.starts, before.starts)).toBeNull();
    expect(worseThan(city, before.starts, plan.starts)).toBe('20 disturbance days against 12');
    expect(plan.makespan).toBe(12);
  });

  it('counts excavations as runs of ground work separated by idle days', () => {
    const starts = new Map([
      ['A-water', 0],
      ['A-gas', 4],
      ['B-water', 0],
      ['B-gas', 5],
      ['C-gas', 3],
    ]);
    const groups = groupWindows(city, starts);
    expect(windowOf(groups, 'A')).toEqual({ group: 'A', start: 0, end: 8, disturbanceDays: 8, excavations: 1 });
    expect(windowOf(groups, 'B')).toEqual({ group: 'B', start: 0, end: 9, disturbanceDays: 9, excavations: 2 });
    expect(groups.map((g) => g.group).sort()).toEqual(['A', 'B', 'C']);
  });

  it('keeps a compound out of its blackout and the whole city out of festival days', () => {
    const model: Model = { ...city, blackouts: [{ from: 0, to: 2 }], groupBlackouts: [{ group: 'A', from: 2, to: 6 }] };
    const plan = planRenovation(model, budget);
    expect(verifySchedule(model, plan.starts)).toEqual([]);
    expect(plan.excavations).toBe(3);
    expect(windowOf(plan.groups, 'A').start).toBeGreaterThanOrEqual(6);
  });

  it('re-plans around started packages: they stay, the rest starts no sooner than today', () => {
    const plan = planRenovation(city, budget);
    const today = 2;
    const started = city.activities.filter((a) => plan.starts.get(a.id)! < today).map((a) => a.id);
    expect(started.length).toBeGreaterThan(0);
    // The gas crew falls ill: half the crew-days are gone for a week.
    const sick: Model = { ...city, resources: [city.resources[0]!, { id: 'gas', capacity: { base: 1, intervals: [[4, 9, 0]] } }] };
    const next = replan(sick, plan.starts, started, today, budget);
    for (const id of started) expect(next.starts.get(id)).toBe(plan.starts.get(id));
    for (const a of city.activities) if (!started.includes(a.id)) expect(next.starts.get(a.id)).toBeGreaterThanOrEqual(today);
    const check: Model = {
      ...sick,
      activities: sick.activities.map((a) =>
        started.includes(a.id) ? { ...a, fixedStart: plan.starts.get(a.id)! } : { ...a, earliestStart: today },
      ),
    };
    expect(verifySchedule(check, next.starts)).toEqual([]);
    expect(next.changed).toBeGreaterThan(0);
  });

  it('re-planning an unchanged world changes nothing', () => {
    const plan = planRenovation(city, budget);
    const next = replan(city, plan.starts, [], 0, budget);
    expect(next.changed).toBe(0);
    expect(next.totalShift).toBe(0);
    expect(next.disturbanceDays).toBe(plan.disturbanceDays);
  });
});
