// Test factories for space resources: one at a known distance and bearing from a point, registered through the
// API (as the subdistrict's officer by default), optionally moved on to a status.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { offset, type Point } from './reach.ts';

export interface SpaceBody {
  kind?: 'scattered_land' | 'existing_room' | 'state_room';
  areaM2?: string;
  compoundId?: string;
  name?: string;
}

export async function spaceNear(
  t: TestApp,
  from: Point,
  metres: number,
  body: SpaceBody = {},
  opts: { bearing?: number; as?: string } = {},
): Promise<{ id: string; areaM2: string; status: string; lat: number; lng: number }> {
  const b = ((opts.bearing ?? 0) * Math.PI) / 180;
  const p = offset(from, metres * Math.cos(b), metres * Math.sin(b));
  const res = await t.call('POST', '/api/v1/spaces', opts.as ?? 'hemu', {
    kind: body.kind ?? 'state_room',
    name: body.name ?? `闲置用房-${randomBytes(3).toString('hex')}`,
    areaM2: body.areaM2 ?? '320.50',
    owner: '区机关事务管理局',
    lat: Number(p.lat.toFixed(6)),
    lng: Number(p.lng.toFixed(6)),
    ...(body.compoundId ? { compoundId: body.compoundId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
