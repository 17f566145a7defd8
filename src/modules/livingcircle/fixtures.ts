// Test factories: a compound of 和睦 community with a point far from the demo city (each world gets a place of its
// own, kilometres from the others), and facilities placed at known walking-free distances from it, so what a
// compound reaches never depends on the demo seed.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { offset, type Point } from './reach.ts';

export const HEMU_COMMUNITY = '330105004001';
// North of Hangzhou's demo compounds (which lie under 30.6°N): nothing of the seed is within reach.
const BASE = { lat: 31.2, lng: 120.2 };
let worlds = 0;

export interface CircleWorld {
  compoundId: string;
  at: Point;
  /** A facility `metres` from the compound (north, or at a bearing in degrees), as `username` adds it. */
  facility(
    metres: number,
    body: { need: string; kind: string; name?: string },
    opts?: { bearing?: number; as?: string },
  ): Promise<{ id: string; affectedCompounds: number }>;
}

/** A new compound of `households` households (the registry's count) at its own point (offset within the file by a counter and a random tag). */
export async function circleWorld(t: TestApp, opts: { households?: number; at?: Point } = {}): Promise<CircleWorld> {
  const tag = randomBytes(3).toString('hex');
  const n = worlds++;
  const at = opts.at ?? { lat: BASE.lat + 0.2 * (n % 10) + parseInt(tag, 16) / 0xffffff / 50, lng: BASE.lng + 0.3 * Math.floor(n / 10) };
  const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `生活圈测试小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路${tag}号`,
    yearBuilt: 1992,
    floorAreaM2: '5000.00',
    latitude: at.lat.toFixed(6),
    longitude: at.lng.toFixed(6),
    householdsCount: opts.households ?? 2,
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const compoundId = compound.json().id as string;
  // The point as stored (six decimals), so distances are measured from where the registry keeps it.
  const stored = { lat: Number(at.lat.toFixed(6)), lng: Number(at.lng.toFixed(6)) };
  return {
    compoundId,
    at: stored,
    async facility(metres, body, o = {}) {
      const b = ((o.bearing ?? 0) * Math.PI) / 180;
      const p = offset(stored, metres * Math.cos(b), metres * Math.sin(b));
      const res = await t.call('POST', '/api/v1/facilities', o.as ?? 'hemu-worker', {
        name: body.name ?? `${body.kind}-${randomBytes(3).toString('hex')}`,
        need: body.need,
        kind: body.kind,
        lat: Number(p.lat.toFixed(6)),
        lng: Number(p.lng.toFixed(6)),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; affectedCompounds: number };
    },
  };
}
