// The independent check of a schedule against its model: written from the
// model's definitions, not from the solver's arrays, so a solver bug cannot
// hide behind a shared one. Answers every violation in words (capped).
import { capacityProfile, type Model, type Starts } from './model.ts';

export interface VerifyOptions {
  /** Stop collecting after this many violations. */
  limit?: number;
}

export function verifySchedule(model: Model, starts: Starts, options: VerifyOptions = {}): string[] {
  const limit = options.limit ?? 100;
  const out: string[] = [];
  const say = (message: string) => {
    if (out.length < limit) out.push(message);
  };
  const byId = new Map(model.activities.map((a) => [a.id, a]));
  for (const id of starts.keys()) if (!byId.has(id)) say(`schedule has unknown activity ${id}`);

  let end = 0;
  for (const a of model.activities) {
    const s = starts.get(a.id);
    if (s === undefined) {
      say(`activity ${a.id} has no start`);
      continue;
    }
    if (!Number.isInteger(s) || s < 0) say(`activity ${a.id} starts on ${s}, not a day ≥ 0`);
    if (a.fixedStart !== undefined && s !== a.fixedStart) say(`activity ${a.id} is fixed at day ${a.fixedStart} but starts on day ${s}`);
    if (a.earliestStart !== undefined && s < a.earliestStart)
      say(`activity ${a.id} starts on day ${s}, before its earliest start ${a.earliestStart}`);
    end = Math.max(end, s + a.duration);
  }

  for (const p of model.precedences) {
    const before = byId.get(p.before);
    const sb = starts.get(p.before);
    const sa = starts.get(p.after);
    if (!before || sb === undefined || sa === undefined) continue;
    const earliest = sb + before.duration + (p.lag ?? 0);
    if (sa < earliest)
      say(
        `activity ${p.after} starts on day ${sa}, but ${p.before} finishes on day ${sb + before.duration}${p.lag ? ` plus a lag of ${p.lag}` : ''}`,
      );
  }

  const forbidden = new Map<string, { from: number; to: number }[]>();
  for (const b of model.groupBlackouts ?? []) (forbidden.get(b.group) ?? forbidden.set(b.group, []).get(b.group)!).push(b);
  for (const a of model.activities) {
    const s = starts.get(a.id);
    if (s === undefined || a.duration === 0 || a.group === undefined) continue;
    for (const b of forbidden.get(a.group) ?? [])
      if (s < b.to && s + a.duration > b.from)
        say(`activity ${a.id} of ${a.group} is in progress during its blackout [${b.from}, ${b.to})`);
  }

  for (const r of model.resources) {
    const capacity = capacityProfile(r.capacity, end);
    for (const b of model.blackouts ?? []) capacity.fill(0, Math.min(b.from, end), Math.min(b.to, end));
    const usage = new Int32Array(end + 1);
    for (const a of model.activities) {
      const s = starts.get(a.id);
      const need = a.demands?.[r.id] ?? 0;
      if (s === undefined || need === 0 || !Number.isInteger(s) || s < 0) continue;
      usage[s]! += need;
      usage[s + a.duration]! -= need;
    }
    let level = 0;
    for (let t = 0; t < end; t++) {
      level += usage[t]!;
      if (level > capacity[t]! && out.length < limit) {
        const who = model.activities.filter(
          (a) => (a.demands?.[r.id] ?? 0) > 0 && starts.get(a.id)! <= t && t < starts.get(a.id)! + a.duration,
        );
        say(
          `resource ${r.id} is over capacity on day ${t}: ${level} needed (${who.map((a) => a.id).join(', ')}), ${capacity[t]} available`,
        );
      }
    }
  }
  return out;
}
