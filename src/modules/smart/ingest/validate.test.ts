// The message checks, without a database: every refusal reason, the field it names, and what passes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileSet } from '../profiles.ts';
import { checkEnvelope, checkEvent, parsePayload, targetDevice, type KnownDevice } from './validate.ts';

const profiles = profileSet(
  'test',
  JSON.parse(readFileSync(new URL('../../../../reference/catalogue/device-profiles.json', import.meta.url), 'utf8')) as unknown,
);
const limits = { maxMessageBytes: 512, maxFutureSeconds: 300, maxPastDays: 7, maxBatchEvents: 100 };
const now = new Date('2026-06-01T04:00:00Z');
const device = (profile: string, extra: Partial<KnownDevice> = {}): KnownDevice => ({
  id: `id-${profile}`,
  key: `d-${profile}`,
  compoundId: 'c1',
  communityCode: '330105004001',
  profile,
  gatewayId: null,
  ...extra,
});

/** The whole path of one message: bytes → envelope → its device → event. */
function check(payload: string, d: KnownDevice = device('smoke_detector'), child?: KnownDevice) {
  const parsed = parsePayload(payload, limits);
  if (!parsed.ok) return parsed;
  const env = checkEnvelope(parsed.value, limits, now);
  if (!env.ok) return env;
  const target = targetDevice(env.value, d, child, profiles);
  if (!target.ok) return target;
  return checkEvent(env.value, target.value, profiles, now);
}
const refusal = (r: ReturnType<typeof check>) => (r.ok ? 'accepted' : `${r.rejection.reason}@${r.rejection.field}`);
const msg = (m: Record<string, unknown>) => JSON.stringify({ id: 'm1', type: 'fire.smoke', at: '2026-06-01T11:59:00+08:00', ...m });

describe('checking a device message', () => {
  it('accepts an event of the profile with data per its field spec, at the instant it names', () => {
    const r = check(msg({ data: { obscurationPercent: 12.5 } }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value).toMatchObject({
        deviceId: 'id-smoke_detector',
        messageId: 'm1',
        type: 'fire.smoke',
        data: { obscurationPercent: 12.5 },
      });
      expect(r.value.at.toISOString()).toBe('2026-06-01T03:59:00.000Z');
    }
    expect(refusal(check(JSON.stringify({ id: 7, type: 'heartbeat', at: now.getTime() })))).toBe('accepted');
  });

  it('refuses malformed messages and names the envelope field', () => {
    expect(refusal(check('{"id":'))).toBe('malformed@');
    expect(refusal(check('[1,2]'))).toBe('malformed@');
    expect(refusal(check(msg({ id: '' })))).toBe('malformed@id');
    expect(refusal(check(msg({ type: 3 })))).toBe('malformed@type');
    expect(refusal(check(msg({ at: '2026-06-01 11:59:00' })))).toBe('malformed@at');
    expect(refusal(check(msg({ data: [1] })))).toBe('malformed@data');
    expect(refusal(check(msg({ extra: true })))).toBe('malformed@extra');
  });

  it('refuses oversized messages before parsing them', () => {
    expect(refusal(check(msg({ data: { note: 'x'.repeat(600) } })))).toBe('oversized@');
  });

  it('refuses events from the future beyond the allowance and too old ones', () => {
    expect(refusal(check(msg({ at: new Date(now.getTime() + 301_000).toISOString() })))).toBe('future@at');
    expect(refusal(check(msg({ at: new Date(now.getTime() + 299_000).toISOString(), data: {} })))).toBe('accepted');
    expect(refusal(check(msg({ at: new Date(now.getTime() - 8 * 86_400_000).toISOString() })))).toBe('too_old@at');
  });

  it("refuses a type the device's profile does not have", () => {
    expect(refusal(check(msg({ type: 'sos.pressed' })))).toBe('unknown_type@type');
  });

  it('refuses data off its spec: type, bounds, length, unknown and missing required fields', () => {
    expect(refusal(check(msg({ data: { obscurationPercent: '12' } })))).toBe('invalid_data@data.obscurationPercent');
    expect(refusal(check(msg({ data: { obscurationPercent: 101 } })))).toBe('invalid_data@data.obscurationPercent');
    expect(refusal(check(msg({ data: { smoke: 1 } })))).toBe('invalid_data@data.smoke');
    expect(refusal(check(msg({ type: 'heartbeat', data: { batteryPercent: 50.5 } })))).toBe('invalid_data@data.batteryPercent');
    const sos = device('sos_button');
    expect(refusal(check(msg({ type: 'sos.pressed', data: { room: 'x'.repeat(33) } }), sos))).toBe('invalid_data@data.room');
    const cam = device('keyperson_camera');
    expect(refusal(check(msg({ type: 'keyperson.match', data: { listCode: 'A' } }), cam))).toBe('invalid_data@data.vendorRef');
    expect(refusal(check(msg({ type: 'keyperson.match', data: { vendorRef: 'v-1', confidencePercent: 90 } }), cam))).toBe('accepted');
  });

  it('takes a gateway message for its own child only', () => {
    const gw = device('gateway', { id: 'gw-1', key: 'd-gw' });
    const child = device('smoke_detector', { id: 'c-1', key: 'd-child', gatewayId: 'gw-1' });
    const stranger = device('smoke_detector', { id: 'c-2', key: 'd-other', gatewayId: 'gw-9' });
    const r = check(msg({ device: 'd-child', data: { obscurationPercent: 3 } }), gw, child);
    expect(r.ok && r.value.deviceId).toBe('c-1');
    expect(refusal(check(msg({ device: 'd-other' }), gw, stranger))).toBe('not_child@device');
    expect(refusal(check(msg({ device: 'd-none' }), gw, undefined))).toBe('unknown_device@device');
    // A device that is no gateway cannot speak for another.
    expect(refusal(check(msg({ device: 'd-child' }), device('smoke_detector'), child))).toBe('not_child@device');
  });
});
