// What simulated devices say: plausible `data` for each event type of a profile, normal readings for telemetry
// (clear of every threshold rule, so telemetry alone raises nothing) and alarming ones for the occasional alarm
// events. Plain functions over the profile, given a random source: tested without a broker.
import type { AlarmRule, DeviceProfile } from './profiles.ts';

export type Random = () => number;

const between = (r: Random, lo: number, hi: number) => lo + r() * (hi - lo);
const int = (r: Random, lo: number, hi: number) => Math.floor(between(r, lo, hi + 1));
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const tag = (r: Random) => Math.floor(r() * 36 ** 6).toString(36);

/** Normal readings by field name: what a healthy device reports most of the time. */
const normal: Record<string, (r: Random) => unknown> = {
  batteryPercent: (r) => int(r, 55, 100),
  temperatureC: (r) => Math.round(between(r, 16, 31) * 10) / 10,
  floor: (r) => int(r, 1, 18),
  doorOpenSeconds: (r) => int(r, 0, 8),
  pressureKpa: (r) => Math.round(between(r, 240, 420)),
  zone: (r) => pick(r, ['东侧围墙', '西侧围墙', '北门', '南门', '车库入口']),
  area: (r) => pick(r, ['配电房', '水泵房', '消防通道', '屋顶平台']),
  clipRef: (r) => `clip-${tag(r)}`,
  code: (r) => pick(r, ['E01', 'E07', 'E12', 'E31']),
  trapped: (r) => r() < 0.15,
  obscurationPercent: (r) => Math.round(between(r, 12, 45) * 10) / 10,
  householdId: (r) => `hh-${tag(r)}`,
  room: (r) => `${int(r, 1, 12)}-${int(r, 1, 6)}0${int(r, 1, 4)}`,
  vendorRef: (r) => `evt-${tag(r)}${tag(r)}`,
  listCode: (r) => pick(r, ['A', 'B', 'C']),
  confidencePercent: (r) => int(r, 80, 99),
};

type FieldSpec = DeviceProfile['eventTypes'][number]['data'][string];

function fromSpec(r: Random, spec: FieldSpec): unknown {
  switch (spec.type) {
    case 'boolean':
      return r() < 0.5;
    case 'integer':
      return int(r, spec.min ?? 0, spec.max ?? 100);
    case 'number':
      return Math.round(between(r, spec.min ?? 0, spec.max ?? 100) * 10) / 10;
    default:
      return `sim-${tag(r)}`.slice(0, spec.maxLength ?? 32);
  }
}

function compare(left: unknown, op: NonNullable<AlarmRule['op']>, right: unknown): boolean {
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return (left as number) < (right as number);
    case '<=':
      return (left as number) <= (right as number);
    case '>':
      return (left as number) > (right as number);
    case '>=':
      return (left as number) >= (right as number);
  }
}

/** Whether `data` of an event of `type` meets the condition of some threshold rule of the profile. */
export function triggersRule(profile: DeviceProfile, type: string, data: Record<string, unknown>): boolean {
  return profile.rules.some((rule) => rule.on === type && rule.field !== undefined && compare(data[rule.field], rule.op!, rule.value));
}

/** Data for an event of `type`, each field within its declared bounds. */
export function eventData(profile: DeviceProfile, type: string, r: Random): Record<string, unknown> {
  const spec = profile.eventTypes.find((e) => e.type === type);
  if (!spec) throw new Error(`profile ${profile.code} has no event type ${type}`);
  const data: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(spec.data)) {
    let value = normal[name]?.(r) ?? fromSpec(r, field);
    if (typeof value === 'number') value = Math.min(field.max ?? value, Math.max(field.min ?? value, value));
    if (typeof value === 'string' && field.maxLength) value = value.slice(0, field.maxLength);
    data[name] = value;
  }
  return data;
}

/** Telemetry (or a heartbeat, for profiles without telemetry) that no threshold rule fires on. */
export function normalEvent(profile: DeviceProfile, r: Random): { type: string; data: Record<string, unknown> } {
  const type = profile.eventTypes.some((e) => e.type === 'telemetry') ? 'telemetry' : 'heartbeat';
  for (let attempt = 0; attempt < 20; attempt++) {
    const data = eventData(profile, type, r);
    if (!triggersRule(profile, type, data)) return { type, data };
  }
  return { type: 'heartbeat', data: eventData(profile, 'heartbeat', r) };
}

/** The event types of a profile that are alarms by themselves (not heartbeats, not telemetry). */
export const alarmTypes = (profile: DeviceProfile): string[] =>
  profile.eventTypes.map((e) => e.type).filter((t) => t !== 'heartbeat' && t !== 'telemetry');
