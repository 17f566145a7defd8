// For tests: the objective recomputed from the model's definitions and a plan's
// starts alone, so a test can judge the solver's answer without trusting the
// numbers the solver reports about itself.
import type { Model, Starts } from './model.ts';

/** Disturbance days: per compound, last ground-opening finish − first ground-opening start, summed. */
export function disturbanceOf(model: Model, starts: Starts): number {
  const span = new Map<string, { from: number; to: number }>();
  for (const a of model.activities) {
    if (!a.opensGround || a.group === undefined || a.duration === 0) continue;
    const s = starts.get(a.id);
    if (s === undefined) throw new Error(`activity ${a.id} has no start`);
    const w = span.get(a.group);
    span.set(a.group, { from: Math.min(w?.from ?? s, s), to: Math.max(w?.to ?? 0, s + a.duration) });
  }
  let sum = 0;
  for (const w of span.values()) sum += w.to - w.from;
  return sum;
}

/** The last finish. */
export function makespanOf(model: Model, starts: Starts): number {
  return model.activities.reduce((end, a) => Math.max(end, starts.get(a.id)! + a.duration), 0);
}

/**
 * Whether `plan` is no worse than `reference` under the renovate-once objective
 * (disturbance days, then makespan), both recomputed from their starts; the
 * reason when it is worse.
 */
export function worseThan(model: Model, plan: Starts, reference: Starts): string | null {
  const [d, r] = [disturbanceOf(model, plan), disturbanceOf(model, reference)];
  if (d !== r) return d > r ? `${d} disturbance days against ${r}` : null;
  const [m, n] = [makespanOf(model, plan), makespanOf(model, reference)];
  return m > n ? `makespan ${m} against ${n} at equal disturbance` : null;
}
