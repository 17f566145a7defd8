// Checking one device message against its device's profile and the ingest limits: pure functions, no
// database. A refused message yields a reason (counted per device key) and the field at fault; the caller
// never logs the payload itself.
import type { DeviceEvent } from '../pipeline.ts';
import { eventTypeOf, type ProfileSet } from '../profiles.ts';

/** The rule `smart.ingest_limits`. */
export interface IngestLimits {
  maxMessageBytes: number;
  maxFutureSeconds: number;
  maxPastDays: number;
  maxBatchEvents: number;
}

/** What the ingest knows of a device: enough to check and store its events, never its secret. */
export interface KnownDevice {
  id: string;
  key: string;
  compoundId: string;
  communityCode: string;
  profile: string;
  gatewayId: string | null;
}

export const rejectReasons = [
  'malformed',
  'unknown_device',
  'not_child',
  'unknown_type',
  'invalid_data',
  'oversized',
  'future',
  'too_old',
] as const;
export type RejectReason = (typeof rejectReasons)[number];

export interface Rejection {
  reason: RejectReason;
  /** The part of the message at fault: `id`, `at`, `type`, `data.<field>`, `device`, or empty for the whole of it. */
  field: string;
}

/** A message as the device sent it, before its device's profile is consulted. */
export interface Envelope {
  id: string;
  type: string;
  at: Date;
  data: Record<string, unknown>;
  /** A gateway names the child device it publishes for. */
  device?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

const refuse = (reason: RejectReason, field = ''): { ok: false; rejection: Rejection } => ({ ok: false, rejection: { reason, field } });

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// An offset is required: a local time without one means a different instant on every device's clock.
const isoInstant = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)$/;
const ENVELOPE_FIELDS = new Set(['id', 'type', 'at', 'data', 'device']);

/** The bytes on the wire: size first (before parsing anything), then JSON. */
export function parsePayload(payload: Buffer | string, limits: IngestLimits): Checked<unknown> {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (size > limits.maxMessageBytes) return refuse('oversized');
  try {
    return { ok: true, value: JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) as unknown };
  } catch {
    return refuse('malformed');
  }
}

/** The envelope's shape and time, the same for every profile. */
export function checkEnvelope(raw: unknown, limits: IngestLimits, now: Date): Checked<Envelope> {
  if (!isPlainObject(raw)) return refuse('malformed');
  for (const k of Object.keys(raw)) if (!ENVELOPE_FIELDS.has(k)) return refuse('malformed', k);
  const id = typeof raw.id === 'number' && Number.isSafeInteger(raw.id) ? String(raw.id) : raw.id;
  if (typeof id !== 'string' || id.length < 1 || id.length > 64) return refuse('malformed', 'id');
  if (typeof raw.type !== 'string' || raw.type.length < 1 || raw.type.length > 100) return refuse('malformed', 'type');
  let at: Date;
  if (typeof raw.at === 'number' && Number.isSafeInteger(raw.at)) at = new Date(raw.at);
  else if (typeof raw.at === 'string' && isoInstant.test(raw.at)) at = new Date(raw.at);
  else return refuse('malformed', 'at');
  if (Number.isNaN(at.getTime())) return refuse('malformed', 'at');
  if (at.getTime() > now.getTime() + limits.maxFutureSeconds * 1000) return refuse('future', 'at');
  if (at.getTime() < now.getTime() - limits.maxPastDays * 86_400_000) return refuse('too_old', 'at');
  const data = raw.data ?? {};
  if (!isPlainObject(data)) return refuse('malformed', 'data');
  if (raw.device !== undefined && (typeof raw.device !== 'string' || !raw.device.length || raw.device.length > 64))
    return refuse('malformed', 'device');
  return { ok: true, value: { id, type: raw.type, at, data, ...(raw.device !== undefined ? { device: raw.device as string } : {}) } };
}

/** The event against its device's profile: a type the profile has, data exactly per the type's field spec. */
export function checkEvent(env: Envelope, device: KnownDevice, profiles: ProfileSet, receivedAt: Date): Checked<DeviceEvent> {
  const profile = profiles.byCode.get(device.profile);
  const spec = profile && eventTypeOf(profile, env.type);
  if (!spec) return refuse('unknown_type', 'type');
  for (const [name, value] of Object.entries(env.data)) {
    const f = spec.data[name];
    if (!f) return refuse('invalid_data', `data.${name}`);
    const fits =
      f.type === 'boolean'
        ? typeof value === 'boolean'
        : f.type === 'string'
          ? typeof value === 'string' && (f.maxLength === undefined || value.length <= f.maxLength)
          : typeof value === 'number' &&
            Number.isFinite(value) &&
            (f.type === 'number' || Number.isInteger(value)) &&
            (f.min === undefined || value >= f.min) &&
            (f.max === undefined || value <= f.max);
    if (!fits) return refuse('invalid_data', `data.${name}`);
  }
  for (const [name, f] of Object.entries(spec.data)) if (f.required && !(name in env.data)) return refuse('invalid_data', `data.${name}`);
  return {
    ok: true,
    value: {
      deviceId: device.id,
      compoundId: device.compoundId,
      communityCode: device.communityCode,
      profile: device.profile,
      messageId: env.id,
      type: env.type,
      at: env.at,
      receivedAt,
      data: env.data,
    },
  };
}

/**
 * Which device a message is about: the publisher itself, or the child a gateway names (which must be
 * registered under that gateway). `child` is the device the envelope's `device` key resolved to, if any.
 */
export function targetDevice(
  env: Envelope,
  publisher: KnownDevice,
  child: KnownDevice | undefined,
  profiles: ProfileSet,
): Checked<KnownDevice> {
  if (env.device === undefined || env.device === publisher.key) return { ok: true, value: publisher };
  if (!profiles.byCode.get(publisher.profile)?.gateway) return refuse('not_child', 'device');
  if (!child) return refuse('unknown_device', 'device');
  if (child.gatewayId !== publisher.id) return refuse('not_child', 'device');
  return { ok: true, value: child };
}
