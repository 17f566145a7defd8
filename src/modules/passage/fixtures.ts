// Test factories for passage and parking: each test file makes its own compound in the 和睦 community with two
// households, binds the demo resident (`hemu-resident`) to the first, can make a neighbour with an account of their
// own in the second, registers gates and barriers through the smart community's API, and sends their events through
// the real ingest endpoint.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';

export const HEMU_COMMUNITY = '330105004001';

export interface Device {
  id: string;
  key: string;
  secret: string;
}

export interface PassageWorld {
  compoundId: string;
  households: string[];
  /** A resident of the second household with an account of their own (its username). */
  neighbour(): Promise<string>;
  /** A device of `profile` in the compound, registered by the subdistrict officer `hemu`. */
  device(profile: 'gate' | 'barrier'): Promise<Device>;
  /** Sends events through POST /api/v1/ingest/events as the device (202 expected). */
  send(device: Device, type: string, data: Record<string, unknown>, at?: Date): Promise<void>;
}

export async function passageWorld(t: TestApp, name = '通行测试小区'): Promise<PassageWorld> {
  const tag = randomBytes(3).toString('hex');
  const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `${name}-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路通行${tag}号`,
    yearBuilt: 1991,
    floorAreaM2: '4000.00',
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const compoundId = compound.json().id as string;
  const added = await t.call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: [
      { building: '1幢', unit: '1单元', room: '101', floorAreaM2: '60.00' },
      { building: '2幢', unit: '1单元', room: '201', floorAreaM2: '60.00' },
    ],
  });
  expect(added.statusCode, added.body).toBe(201);
  const households = added.json().ids as string[];
  await t.ctx.database.pool.query(
    `insert into household_residents (compound_id, household_id, resident_id, relation, status, verified_at)
     select $1, $2, u.resident_id, 'owner', 'verified', now() from users u where u.username = 'hemu-resident'`,
    [compoundId, households[0]],
  );
  let neighbours = 0;
  let devices = 0;
  return {
    compoundId,
    households,
    async neighbour() {
      const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const bound = await t.call('POST', `/api/v1/households/${households[1]}/residents`, 'hemu-worker', { name: '测试邻居', phone });
      expect(bound.statusCode, bound.body).toBe(201);
      const residentId = bound.json().residentId as string;
      const verified = await t.call('POST', `/api/v1/households/${households[1]}/residents/${residentId}/verification`, 'hemu-worker-2', {
        decision: 'verified',
      });
      expect(verified.statusCode, verified.body).toBe(200);
      const username = `passage-${tag}-${++neighbours}`;
      await t.ctx.database.db.transaction((tx) =>
        upsertAccount(tx, { username, displayName: '测试邻居', password: 'Demo@2026', role: 'resident', residentId }),
      );
      return username;
    },
    async device(profile) {
      const res = await t.call('POST', '/api/v1/devices', 'hemu', { compoundId, profile, name: `${profile}-${++devices}` });
      expect(res.statusCode, res.body).toBe(201);
      const d = res.json<{ id: string; key: string; secret: string }>();
      return { id: d.id, key: d.key, secret: d.secret };
    },
    async send(device, type, data, at = new Date()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ingest/events',
        headers: { 'content-type': 'application/json', authorization: `Device ${device.key}:${device.secret}` },
        payload: JSON.stringify({ events: [{ id: randomUUID(), type, at: at.toISOString(), data }] }),
      });
      expect(res.statusCode, res.body).toBe(202);
    },
  };
}
