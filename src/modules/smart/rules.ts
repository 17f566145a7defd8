// The alarm rules as a pure function: a device's profile, its rule state and its new events (in order of
// time, then message id) give the new state and what to do with alarms. Thresholds, values, durations,
// counts and schedules all come from the profile (the rule `smart.device_profiles`), never from here.
// The engine (alarms.engine.ts) reads and writes the state under the device's row lock, so a device's
// events are evaluated one after the other whichever ingest process received them.
import type { AlarmRule, DeviceProfile } from './profiles.ts';
import type { Severity } from './schema.ts';

/** The local time schedules are written in (the city's). */
export const RULE_TIME_ZONE = 'Asia/Shanghai';

export interface RuleEvent {
  messageId: string;
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

/** What the evaluator carries between events of one device (kept as JSON in device_status.rule_state). */
export interface RuleState {
  /** Per rule code: when its condition began to hold (duration), recent matching times (repetition); ISO strings. */
  rules: Record<string, { since?: string; times?: string[] }>;
  /** Causes this device has an open alarm for, as far as the rules know (so a clear condition costs nothing otherwise). */
  open: Record<string, true>;
}

export type AlarmAction =
  | {
      kind: 'raise';
      cause: string;
      rule: string;
      severity: Severity;
      restricted: boolean;
      at: Date;
      /** Only the vendor's event reference and the triggering values: never an image. */
      detail: { messageId: string; eventType: string; values: Record<string, string | number | boolean> };
    }
  | { kind: 'clear'; cause: string; rule: string; at: Date; messageId: string };

export const emptyState = (): RuleState => ({ rules: {}, open: {} });

/** Reads stored state leniently: anything unexpected starts afresh rather than failing the stream. */
export function readState(value: unknown): RuleState {
  if (typeof value !== 'object' || value === null) return emptyState();
  const v = value as Partial<RuleState>;
  return {
    rules: typeof v.rules === 'object' && v.rules !== null ? { ...v.rules } : {},
    open: typeof v.open === 'object' && v.open !== null ? { ...v.open } : {},
  };
}

/** Events in the order they are evaluated: their own time, then message id. */
export const byTimeThenId = (a: RuleEvent, b: RuleEvent): number =>
  a.at.getTime() - b.at.getTime() || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);

type Op = NonNullable<AlarmRule['op']>;
type Value = NonNullable<AlarmRule['value']>;

export function compare(left: unknown, op: Op, right: Value): boolean {
  if (typeof left !== typeof right) return false;
  const l = left as Value;
  switch (op) {
    case '==':
      return l === right;
    case '!=':
      return l !== right;
    case '<':
      return l < right;
    case '<=':
      return l <= right;
    case '>':
      return l > right;
    case '>=':
      return l >= right;
  }
}

const localClock = new Intl.DateTimeFormat('en-GB', { timeZone: RULE_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Minutes since local midnight in the city's time zone. */
export function localMinutes(at: Date): number {
  const parts = localClock.formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')!.value);
  const minute = Number(parts.find((p) => p.type === 'minute')!.value);
  return hour * 60 + minute;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Inside `from`–`to` (from inclusive, to exclusive); a schedule whose end is before its start wraps midnight. */
export function inSchedule(at: Date, schedule: { from: string; to: string }): boolean {
  const m = localMinutes(at);
  const from = minutesOf(schedule.from);
  const to = minutesOf(schedule.to);
  if (from === to) return true;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** The rule's condition on one event of its type: its comparison (if any) and its schedule (if any). */
function holds(rule: AlarmRule, e: RuleEvent): boolean | undefined {
  if (rule.field !== undefined) {
    const v = e.data[rule.field];
    // An event without the field says nothing about the condition: neither holds nor breaks it.
    if (v === undefined) return undefined;
    if (!compare(v, rule.op!, rule.value!)) return false;
  }
  return rule.schedule ? inSchedule(e.at, rule.schedule) : true;
}

function triggeringValues(profile: DeviceProfile, e: RuleEvent): Record<string, string | number | boolean> {
  const declared = profile.eventTypes.find((t) => t.type === e.type)?.data ?? {};
  const out: Record<string, string | number | boolean> = {};
  for (const key of Object.keys(declared)) {
    const v = e.data[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
  }
  return out;
}

/**
 * Evaluates `events` (any order: they are sorted here) against the profile's event rules.
 * At most one raise per cause per event (the first rule that fires, in the profile's order); a cause
 * raised by an event is not cleared by the same event.
 */
export function evaluate(
  profile: DeviceProfile,
  state: RuleState,
  events: readonly RuleEvent[],
): { state: RuleState; actions: AlarmAction[] } {
  const next: RuleState = { rules: { ...state.rules }, open: { ...state.open } };
  const actions: AlarmAction[] = [];
  const rules = profile.rules.filter((r) => !r.noData && r.on);
  for (const e of [...events].sort(byTimeThenId)) {
    const raised = new Set<string>();
    const clears = new Map<string, string>();
    const t = e.at.getTime();
    for (const rule of rules) {
      if (rule.on !== e.type) continue;
      const cond = holds(rule, e);
      const prev = next.rules[rule.code] ?? {};
      let fire = false;
      if (cond === true) {
        let s = { ...prev };
        if (rule.holdSeconds !== undefined) {
          const since = s.since && Date.parse(s.since) <= t ? s.since : e.at.toISOString();
          s.since = since;
          fire = t - Date.parse(since) >= rule.holdSeconds * 1000;
        } else fire = true;
        if (rule.repeat) {
          const window = rule.repeat.withinSeconds * 1000;
          const times = [...(s.times ?? []), e.at.toISOString()]
            .filter((x) => Date.parse(x) <= t && t - Date.parse(x) <= window)
            .sort()
            .slice(-rule.repeat.count);
          s = { ...s, times };
          fire = fire && times.length >= rule.repeat.count;
        }
        next.rules[rule.code] = s;
      } else if (cond === false && prev.since) {
        // The condition broke: a duration starts again from the next matching event.
        const { since: _broken, ...rest } = prev;
        void _broken;
        next.rules[rule.code] = rest;
      }
      if (fire && !raised.has(rule.cause)) {
        raised.add(rule.cause);
        next.open[rule.cause] = true;
        actions.push({
          kind: 'raise',
          cause: rule.cause,
          rule: rule.code,
          severity: rule.severity,
          restricted: !!(rule.restricted || profile.restricted),
          at: e.at,
          detail: { messageId: e.messageId, eventType: e.type, values: triggeringValues(profile, e) },
        });
      }
      if (rule.clear && rule.field !== undefined) {
        const v = e.data[rule.field];
        if (v !== undefined && compare(v, rule.clear.op, rule.clear.value)) clears.set(rule.cause, rule.code);
      }
    }
    for (const [cause, rule] of clears) {
      if (raised.has(cause) || !next.open[cause]) continue;
      delete next.open[cause];
      actions.push({ kind: 'clear', cause, rule, at: e.at, messageId: e.messageId });
    }
  }
  return { state: next, actions };
}

/** The rule a silent device raises, if its profile has one. */
export const noDataRule = (profile: DeviceProfile): AlarmRule | undefined => profile.rules.find((r) => r.noData);
