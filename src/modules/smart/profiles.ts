// Device profiles and their alarm rules are data: the versioned policy rule
// `smart.device_profiles` (shipped as reference/catalogue/device-profiles.json;
// a city publishes its own version). This file is their shape, checked when
// read, and plain lookups over it; nothing here touches the database but `profilesAt`.
import { z } from 'zod';
import type { Db, Tx } from '../../platform/db/client.ts';
import { ruleAt } from '../../platform/policy.ts';
import { severities } from './schema.ts';

export const PROFILES_RULE = 'smart.device_profiles';

const localized = z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

/** One field of an event's `data`: its type and bounds. Fields not declared are refused. */
const field = z.object({
  type: z.enum(['number', 'integer', 'string', 'boolean']),
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().optional(),
  required: z.boolean().optional(),
});

const eventType = z.object({
  type: z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)*$/),
  name: localized,
  data: z.record(z.string(), field),
});

const comparison = z.object({
  op: z.enum(['<', '<=', '>', '>=', '==', '!=']),
  value: z.union([z.number(), z.boolean(), z.string()]),
});

/**
 * A rule raises an alarm of its `cause` on events of type `on`, when its
 * condition holds (`field op value`, or always when no field is named), for
 * `holdSeconds` (duration), `repeat.count` times within `repeat.withinSeconds`
 * (repetition), inside `schedule` (local time, may wrap midnight). A `noData`
 * rule raises when the device is silent for its heartbeat plus grace. An alarm
 * clears by its `clear` condition on the same field, or when a silent device speaks.
 */
const rule = z
  .object({
    code: z.string().min(1),
    cause: z.string().min(1),
    name: localized,
    severity: z.enum(severities),
    on: z.string().optional(),
    field: z.string().optional(),
    op: comparison.shape.op.optional(),
    value: comparison.shape.value.optional(),
    holdSeconds: z.number().int().positive().optional(),
    repeat: z.object({ count: z.number().int().min(2), withinSeconds: z.number().int().positive() }).optional(),
    schedule: z.object({ from: z.string().regex(/^\d\d:\d\d$/), to: z.string().regex(/^\d\d:\d\d$/) }).optional(),
    clear: comparison.optional(),
    noData: z.boolean().optional(),
    restricted: z.boolean().optional(),
  })
  .refine((r) => r.noData || r.on, 'a rule needs an event type (on) or noData')
  .refine(
    (r) => (r.field === undefined) === (r.op === undefined) && (r.op === undefined) === (r.value === undefined),
    'field, op and value go together',
  );

export const profileSchema = z.object({
  code: z.string().regex(/^[a-z][a-z_]*$/),
  name: localized,
  heartbeatSeconds: z.number().int().positive(),
  graceSeconds: z.number().int().min(0),
  /** Its events take the priority lane (SOS and fire). */
  priority: z.boolean().optional(),
  /** Its alarms are watch-list alerts: public security only. */
  restricted: z.boolean().optional(),
  /** It publishes for other devices. */
  gateway: z.boolean().optional(),
  eventTypes: z.array(eventType).min(1),
  rules: z.array(rule),
});

export const profileDocument = z.object({
  version: z.string(),
  source: z.string(),
  profiles: z.array(profileSchema).min(1),
});

export type DeviceProfile = z.infer<typeof profileSchema>;
export type AlarmRule = DeviceProfile['rules'][number];
export type EventTypeSpec = DeviceProfile['eventTypes'][number];
export type ProfileDocument = z.infer<typeof profileDocument>;

/** Event types that never wait behind telemetry, whatever device sends them. */
export const PRIORITY_TYPES: ReadonlySet<string> = new Set(['sos.pressed', 'fire.smoke']);

export interface ProfileSet {
  /** The version of the rule `smart.device_profiles` these came from. */
  version: string;
  document: ProfileDocument;
  byCode: ReadonlyMap<string, DeviceProfile>;
}

export function profileSet(version: string, value: unknown): ProfileSet {
  const document = profileDocument.parse(value);
  return { version, document, byCode: new Map(document.profiles.map((p) => [p.code, p])) };
}

/** The profiles in force (cached with the rule for a minute). */
export async function profilesAt(db: Db | Tx, day?: string): Promise<ProfileSet> {
  const r = await ruleAt<unknown>(db, PROFILES_RULE, day);
  return profileSet(r.version, r.value);
}

export const eventTypeOf = (p: DeviceProfile, type: string): EventTypeSpec | undefined => p.eventTypes.find((e) => e.type === type);
