// The alarm rules as a pure function, over the shipped profiles (values read from them, never restated here).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileSet, type AlarmRule, type DeviceProfile } from './profiles.ts';
import {
  compare,
  emptyState,
  evaluate,
  inSchedule,
  localMinutes,
  readState,
  type AlarmAction,
  type RuleEvent,
  type RuleState,
} from './rules.ts';

const doc = JSON.parse(readFileSync(new URL('../../../reference/catalogue/device-profiles.json', import.meta.url), 'utf8')) as unknown;
const profiles = profileSet('test', doc);
const profile = (code: string): DeviceProfile => profiles.byCode.get(code)!;
const rule = (p: DeviceProfile, code: string): AlarmRule => p.rules.find((r) => r.code === code)!;

const T0 = Date.parse('2026-03-01T04:00:00Z'); // 12:00 in Hangzhou
let seq = 0;
const ev = (type: string, atMs: number, data: Record<string, unknown> = {}): RuleEvent => ({
  messageId: `m${String(++seq).padStart(6, '0')}`,
  type,
  at: new Date(atMs),
  data,
});
const raises = (a: AlarmAction[]) => a.filter((x) => x.kind === 'raise');
const clears = (a: AlarmAction[]) => a.filter((x) => x.kind === 'clear');
/** Feeds events one call at a time, as separate batches would, carrying the state. */
function feed(p: DeviceProfile, events: RuleEvent[], state: RuleState = emptyState()) {
  const actions: AlarmAction[] = [];
  for (const e of events) {
    const out = evaluate(p, readState(JSON.parse(JSON.stringify(state))), [e]);
    state = out.state;
    actions.push(...out.actions);
  }
  return { state, actions };
}

describe('threshold and clear', () => {
  const smoke = profile('smoke_detector');
  const low = rule(smoke, 'battery.low');
  const below = (low.value as number) - 1;
  const atClear = low.clear!.value as number;

  it('raises when the value crosses the threshold, with the triggering values, and clears on the clear condition', () => {
    const { actions, state } = feed(smoke, [
      ev('telemetry', T0, { batteryPercent: (low.value as number) + 1 }),
      ev('telemetry', T0 + 1000, { batteryPercent: below }),
      ev('telemetry', T0 + 2000, { batteryPercent: atClear }),
    ]);
    expect(actions.map((a) => [a.kind, a.cause])).toEqual([
      ['raise', low.cause],
      ['clear', low.cause],
    ]);
    const raised = raises(actions)[0]!;
    expect(raised.kind === 'raise' && raised.detail.values.batteryPercent).toBe(below);
    expect(raised.kind === 'raise' && raised.severity).toBe(low.severity);
    expect(state.open[low.cause]).toBeUndefined();
  });

  it('values between the threshold and the clear condition neither raise nor clear', () => {
    const between = Math.floor(((low.value as number) + atClear) / 2);
    const { actions } = feed(smoke, [
      ev('telemetry', T0, { batteryPercent: below }),
      ev('telemetry', T0 + 1000, { batteryPercent: between }),
    ]);
    expect(raises(actions)).toHaveLength(1);
    expect(clears(actions)).toHaveLength(0);
  });

  it('a clear condition with no open alarm does nothing', () => {
    expect(feed(smoke, [ev('telemetry', T0, { batteryPercent: atClear })]).actions).toEqual([]);
  });

  it('an event-type rule without a clear stays raised (cleared by hand only)', () => {
    const lift = profile('lift');
    const trapped = rule(lift, 'lift.trapped');
    const { actions, state } = feed(lift, [
      ev('equipment.fault', T0, { code: 'E1', [trapped.field!]: trapped.value }),
      ev('equipment.fault', T0 + 1000, { code: 'E1', [trapped.field!]: !trapped.value }),
    ]);
    expect(raises(actions).map((a) => a.cause)).toContain(trapped.cause);
    expect(clears(actions)).toEqual([]);
    expect(state.open[trapped.cause]).toBe(true);
  });

  it('an event without the rule’s field changes nothing', () => {
    const { actions } = feed(smoke, [ev('telemetry', T0, { temperatureC: 20 })]);
    expect(raises(actions).filter((a) => a.cause === low.cause)).toEqual([]);
  });
});

describe('duration (holdSeconds)', () => {
  const pump = profile('water_pump');
  const low = rule(pump, 'pump.pressure_low');
  const hold = low.holdSeconds! * 1000;
  const bad = (low.value as number) - 10;

  it('raises only once the condition has held for the duration, on a still-matching event', () => {
    const early = feed(pump, [ev('telemetry', T0, { pressureKpa: bad }), ev('telemetry', T0 + hold - 1, { pressureKpa: bad })]);
    expect(raises(early.actions)).toEqual([]);
    const late = feed(pump, [ev('telemetry', T0 + hold, { pressureKpa: bad })], early.state);
    expect(raises(late.actions).map((a) => a.cause)).toEqual([low.cause]);
  });

  it('a non-matching event in between starts the duration again', () => {
    const ok = (low.value as number) + 1;
    const { actions } = feed(pump, [
      ev('telemetry', T0, { pressureKpa: bad }),
      ev('telemetry', T0 + hold / 2, { pressureKpa: ok }),
      ev('telemetry', T0 + hold, { pressureKpa: bad }),
      ev('telemetry', T0 + hold + hold / 2, { pressureKpa: bad }),
    ]);
    expect(raises(actions)).toEqual([]);
  });

  it('property: whatever the readings, a raise happens only after N s of unbroken matching readings', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 40_000 }), fc.boolean()), { maxLength: 30 }), (steps) => {
        let t = T0;
        const events = steps.map(([dt, matching]) =>
          ev('telemetry', (t += dt), { pressureKpa: matching ? bad : (low.value as number) + 5 }),
        );
        const { actions } = feed(pump, events);
        for (const a of raises(actions)) {
          // The run of matching readings that ends at this raise must span the hold.
          const i = events.findIndex((e) => e.at.getTime() === a.at.getTime());
          let j = i;
          while (j > 0 && (events[j - 1]!.data.pressureKpa as number) < (low.value as number)) j--;
          expect(a.at.getTime() - events[j]!.at.getTime()).toBeGreaterThanOrEqual(hold);
        }
      }),
    );
  });
});

describe('repetition (repeat.count within withinSeconds)', () => {
  const perimeter = profile('perimeter');
  const rep = rule(perimeter, 'perimeter.intrusion.repeated');
  const within = rep.repeat!.withinSeconds * 1000;
  const n = rep.repeat!.count;
  const noon = (i: number, gap: number) => ev('perimeter.intrusion', T0 + i * gap, { zone: 'A' });

  it('raises at the Nth event inside the window, not before', () => {
    const gap = Math.floor(within / n);
    const { actions } = feed(
      perimeter,
      Array.from({ length: n }, (_, i) => noon(i, gap)),
    );
    const r = raises(actions);
    expect(r).toHaveLength(1);
    expect(r[0]!.at.getTime()).toBe(T0 + (n - 1) * gap);
  });

  it('events spread wider than the window never raise (by day, when the night rule is out)', () => {
    const { actions } = feed(
      perimeter,
      Array.from({ length: n * 2 }, (_, i) => noon(i, within)),
    );
    expect(raises(actions)).toEqual([]);
  });

  it('one batch holding the events out of order is evaluated in time order', () => {
    const gap = Math.floor(within / n);
    const events = Array.from({ length: n }, (_, i) => noon(i, gap)).reverse();
    const out = evaluate(perimeter, emptyState(), events);
    expect(raises(out.actions)).toHaveLength(1);
  });
});

describe('schedule (local time, may wrap midnight)', () => {
  const perimeter = profile('perimeter');
  const night = rule(perimeter, 'perimeter.intrusion.night');
  const [fh, fm] = night.schedule!.from.split(':').map(Number) as [number, number];

  it('reads the time in Hangzhou', () => {
    expect(localMinutes(new Date('2026-03-01T16:30:00Z'))).toBe(30); // 00:30 next day, UTC+8
  });

  it('an intrusion just after the schedule starts (local) raises; at noon it does not', () => {
    // The local start time, as a UTC instant (Hangzhou is UTC+8, no daylight saving).
    const start = Date.UTC(2026, 2, 1, fh - 8, fm, 0) + 60_000;
    expect(raises(feed(perimeter, [ev('perimeter.intrusion', start, {})]).actions).map((a) => a.rule)).toEqual([night.code]);
    expect(raises(feed(perimeter, [ev('perimeter.intrusion', T0, {})]).actions)).toEqual([]);
  });

  it('property: a wrapping schedule is the complement of its reverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 86_399 }), (a, b, s) => {
        fc.pre(a !== b);
        const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const at = new Date(T0 + s * 1000);
        expect(inSchedule(at, { from: hhmm(a), to: hhmm(b) })).toBe(!inSchedule(at, { from: hhmm(b), to: hhmm(a) }));
      }),
    );
  });

  it('one raise per cause per event when two rules of the cause fire together', () => {
    const rep = rule(perimeter, 'perimeter.intrusion.repeated');
    const start = Date.UTC(2026, 2, 1, fh - 8, fm, 0) + 60_000;
    const events = Array.from({ length: rep.repeat!.count }, (_, i) => ev('perimeter.intrusion', start + i * 1000, {}));
    const { actions } = feed(perimeter, events);
    expect(raises(actions)).toHaveLength(rep.repeat!.count);
  });
});

describe('restricted rules and state', () => {
  it('watch-list matches are restricted and carry only the vendor reference and values', () => {
    const cam = profile('keyperson_camera');
    const m = rule(cam, 'keyperson.match');
    const { actions } = feed(cam, [ev('keyperson.match', T0, { vendorRef: 'V-1', confidencePercent: 91, image: 'data:…' })]);
    const r = raises(actions)[0]!;
    expect(r.kind === 'raise' && r.restricted).toBe(true);
    expect(r.cause).toBe(m.cause);
    expect(r.kind === 'raise' && r.detail.values).toEqual({ vendorRef: 'V-1', confidencePercent: 91 });
  });

  it('ordinary rules are not restricted', () => {
    const sos = profile('sos_button');
    const r = raises(feed(sos, [ev('sos.pressed', T0, { room: '101' })]).actions)[0]!;
    expect(r.kind === 'raise' && r.restricted).toBe(false);
  });

  it('compare refuses mixed types and reads stored state leniently', () => {
    expect(compare('5', '<', 10)).toBe(false);
    expect(compare(true, '==', true)).toBe(true);
    expect(readState(null)).toEqual(emptyState());
    expect(readState({ rules: 3 })).toEqual(emptyState());
  });

  it('property: one batch gives the same actions as the same events one at a time', () => {
    const smoke = profile('smoke_detector');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 80 })), {
          maxLength: 25,
        }),
        (xs) => {
          let t = T0;
          const events = xs.map(([dt, battery, temp]) => ev('telemetry', (t += dt), { batteryPercent: battery, temperatureC: temp }));
          const one = evaluate(smoke, emptyState(), events);
          const many = feed(smoke, events);
          expect(one.actions).toEqual(many.actions);
          expect(one.state).toEqual(many.state);
        },
      ),
    );
  });
});
