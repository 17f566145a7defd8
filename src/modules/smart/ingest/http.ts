// The HTTP batch for vendors that cannot speak MQTT: the same events, the same checks, the same store.
// Unlike the stream (where one bad message is refused and the rest go on), a batch is all or nothing:
// the vendor hears at once which event is wrong and sends the batch again.
import type { AppContext } from '../../../platform/context.ts';
import { unauthorized, unprocessable, type FieldError } from '../../../platform/http/problem.ts';
import { parseDeviceAuthorization, secretMatches } from '../credentials.ts';
import type { DeviceEvent } from '../pipeline.ts';
import { profilesAt } from '../profiles.ts';
import { ingestMessages as im } from './messages.ts';
import { runtimeOf } from './runtime.ts';
import { commitBatch, DeviceDirectory, knownDevices, limitsAt, type Refusal } from './store.ts';
import { checkEnvelope, checkEvent, targetDevice, type KnownDevice, type Rejection } from './validate.ts';

const directories = new WeakMap<AppContext, DeviceDirectory>();
const directoryOf = (ctx: AppContext) => {
  let d = runtimeOf(ctx)?.directory ?? directories.get(ctx);
  if (!d) directories.set(ctx, (d = new DeviceDirectory(ctx.db)));
  return d;
};

/** The device behind `Authorization: Device <key>:<secret>`, checked against the database (never cached). */
async function deviceOf(ctx: AppContext, header: string | undefined): Promise<KnownDevice> {
  const creds = parseDeviceAuthorization(header);
  if (!creds) throw unauthorized(im.msg('ingest.device_unauthorized'));
  const [r] = await knownDevices(ctx.db, [creds.key]);
  if (!r || !secretMatches(creds.secret, r.secretHash)) throw unauthorized(im.msg('ingest.device_unauthorized'));
  const { secretHash: _, ...device } = r;
  return device;
}

const fieldError = (n: number, rejection: Rejection): FieldError => ({
  path: `body.events.${n}${rejection.field ? `.${rejection.field}` : ''}`,
  message: im.msg(`reason.${rejection.reason}`),
});

export async function ingestBatch(
  ctx: AppContext,
  authorization: string | undefined,
  events: readonly unknown[],
  now: Date = new Date(),
): Promise<{ accepted: number; duplicates: number }> {
  const device = await deviceOf(ctx, authorization);
  const limits = await limitsAt(ctx.db);
  if (events.length > limits.maxBatchEvents)
    throw unprocessable(im.msg('ingest.too_many_events', { max: limits.maxBatchEvents }), [
      { path: 'body.events', message: im.msg('ingest.too_many_events', { max: limits.maxBatchEvents }) },
    ]);
  const profiles = await profilesAt(ctx.db);
  const directory = directoryOf(ctx);
  const children = events.flatMap((e) =>
    typeof e === 'object' && e !== null && typeof (e as { device?: unknown }).device === 'string' ? [(e as { device: string }).device] : [],
  );
  const known = await directory.load(children);
  const accepted: DeviceEvent[] = [];
  const errors: FieldError[] = [];
  const refusals: Refusal[] = [];
  events.forEach((raw, n) => {
    const size = Buffer.byteLength(JSON.stringify(raw) ?? '');
    const env =
      size > limits.maxMessageBytes
        ? { ok: false as const, rejection: { reason: 'oversized' as const, field: '' } }
        : checkEnvelope(raw, limits, now);
    let rejection: Rejection | undefined = env.ok ? undefined : env.rejection;
    let who = device;
    if (env.ok) {
      const child = env.value.device ? (known.get(env.value.device) ?? undefined) : undefined;
      const target = targetDevice(env.value, device, child, profiles);
      if (!target.ok) rejection = target.rejection;
      else {
        who = target.value;
        const event = checkEvent(env.value, target.value, profiles, now);
        if (event.ok) accepted.push(event.value);
        else rejection = event.rejection;
      }
    }
    if (rejection) {
      errors.push(fieldError(n, rejection));
      refusals.push({ deviceKey: who.key, deviceId: who.id, reason: rejection.reason });
    }
  });
  if (errors.length) {
    // Nothing of the batch is stored; the refusals are still counted, as on the stream.
    await commitBatch(ctx, ctx.db, [], refusals, now);
    ctx.log.warn({ deviceKey: device.key, refused: errors.length }, 'device batch refused');
    throw unprocessable(im.msg('ingest.events_invalid'), errors);
  }
  const done = await commitBatch(ctx, ctx.db, accepted, [], now);
  runtimeOf(ctx)?.committed(done.inserted);
  return { accepted: done.inserted.length, duplicates: done.duplicates };
}
