// Test factories for the smart community: each test makes its own compound in the 和睦 community and its own
// devices, so no test leans on the demo city's devices or another test's alarms.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername } from '../accounts/index.ts';
import { randomUUID } from 'node:crypto';
import { createDevice, type NewDevice } from './devices.service.ts';
import type { DeviceEvent } from './pipeline.ts';

export const HEMU_COMMUNITY = '330105004001';

export interface SmartWorld {
  compoundId: string;
  /** Registers a device of `profile` in the world's compound (as the subdistrict officer `hemu`). */
  device(profile: string, extra?: Partial<NewDevice>): Promise<{ id: string; key: string; secret: string }>;
  /** An accepted event of one of the world's devices, as the ingest hands it to the alarm engine. */
  event(device: { id: string }, profile: string, type: string, at?: Date, data?: Record<string, unknown>): DeviceEvent;
}

/** `place`: the compound's coordinates (as the registry takes them, decimal strings), for tests that map it. */
export async function smartWorld(t: TestApp, place: { longitude?: string; latitude?: string } = {}): Promise<SmartWorld> {
  const tag = randomBytes(3).toString('hex');
  const res = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `设备测试小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路${tag}号`,
    yearBuilt: 1990,
    floorAreaM2: '3000.00',
    ...place,
  });
  expect(res.statusCode, res.body).toBe(201);
  const compoundId = res.json().id as string;
  const officer = await authUserByUsername(t.ctx, 'hemu');
  let n = 0;
  return {
    compoundId,
    event: (device, profile, type, at = new Date(), data = {}) => ({
      deviceId: device.id,
      compoundId,
      communityCode: HEMU_COMMUNITY,
      profile,
      messageId: randomUUID(),
      type,
      at,
      receivedAt: new Date(),
      data,
    }),
    device: (profile, extra = {}) => createDevice(t.ctx, officer, { compoundId, profile, name: `${profile}-${++n}`, ...extra }),
  };
}
