// Test factories: each test makes its own compound in the 和睦 community (with a point on the map, two buildings,
// a home in each) and its own residents, each with an account, bound and verified by two community workers, so
// counts never depend on the demo seed (which also lives in 和睦).
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername, upsertAccount } from '../accounts/index.ts';
import type { AuthUser } from '../../platform/http/auth.ts';

export const HEMU_COMMUNITY = '330105004001';
export const LAT = 30.281234;
export const LNG = 120.111234;

export interface CommunityWorld {
  compoundId: string;
  /** 1幢, 2幢 */
  buildings: { id: string; name: string }[];
  /** A home in each building (1幢 1单元 101, 2幢 1单元 201), then one more in 1幢 (1幢 1单元 102). */
  households: string[];
  /** A new resident of a home with an account of their own; returns the username and the resident's id. */
  resident(home: number, relation?: 'owner' | 'family' | 'tenant'): Promise<{ username: string; residentId: string }>;
  user(username: string): Promise<AuthUser>;
}

export async function communityWorld(t: TestApp, opts: { lat?: number; lng?: number; community?: string } = {}): Promise<CommunityWorld> {
  const tag = randomBytes(3).toString('hex');
  const compound = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `社区服务测试小区-${tag}`,
    communityCode: opts.community ?? HEMU_COMMUNITY,
    address: `和睦路${tag}号`,
    yearBuilt: 1990,
    floorAreaM2: '3000.00',
    latitude: String(opts.lat ?? LAT),
    longitude: String(opts.lng ?? LNG),
  });
  expect(compound.statusCode, compound.body).toBe(201);
  const compoundId = compound.json().id as string;
  const added = await t.call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: [
      { building: '1幢', unit: '1单元', room: '101', floorAreaM2: '60.00' },
      { building: '2幢', unit: '1单元', room: '201', floorAreaM2: '60.00' },
      { building: '1幢', unit: '1单元', room: '102', floorAreaM2: '60.00' },
    ],
  });
  expect(added.statusCode, added.body).toBe(201);
  const households = added.json().ids as string[];
  const { rows: buildings } = await t.ctx.database.pool.query<{ id: string; name: string }>(
    'select id, name from buildings where compound_id = $1 order by name',
    [compoundId],
  );
  let n = 0;
  return {
    compoundId,
    buildings,
    households,
    async resident(home, relation = 'owner') {
      const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const bound = await t.call('POST', `/api/v1/households/${households[home]}/residents`, 'hemu-worker', {
        name: '测试居民',
        phone,
        relation,
      });
      expect(bound.statusCode, bound.body).toBe(201);
      const residentId = bound.json().residentId as string;
      const verified = await t.call(
        'POST',
        `/api/v1/households/${households[home]}/residents/${residentId}/verification`,
        'hemu-worker-2',
        {
          decision: 'verified',
        },
      );
      expect(verified.statusCode, verified.body).toBe(200);
      const username = `cm-${tag}-${++n}`;
      await t.ctx.database.db.transaction((tx) =>
        upsertAccount(tx, { username, displayName: '测试居民', password: 'Demo@2026', role: 'resident', residentId }),
      );
      return { username, residentId };
    },
    user: (username) => authUserByUsername(t.ctx, username),
  };
}

/** A canteen of the 和睦 community opened by hemu-worker, with one menu set; returns their ids. */
export async function canteenWith(
  t: TestApp,
  menu: { date: string; meal: 'breakfast' | 'lunch' | 'dinner'; capacity: number; dishes: { name: string; priceFen: number }[] },
  compoundId?: string,
) {
  const c = await t.call('POST', '/api/v1/canteens', 'hemu-worker', {
    communityCode: HEMU_COMMUNITY,
    ...(compoundId ? { compoundId } : {}),
    name: `测试食堂-${randomBytes(2).toString('hex')}`,
    address: '社区服务中心',
  });
  expect(c.statusCode, c.body).toBe(201);
  const canteenId = c.json().id as string;
  const m = await t.call('PUT', `/api/v1/canteens/${canteenId}/menus/${menu.date}/${menu.meal}`, 'hemu-worker', {
    capacity: menu.capacity,
    dishes: menu.dishes,
  });
  expect(m.statusCode, m.body).toBe(200);
  return { canteenId, menuId: m.json().id as string, dishes: m.json().dishes as { id: string; name: string; priceFen: number }[] };
}
