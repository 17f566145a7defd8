// Test factories for grid governance: each test makes its own compound (in 和睦社区, at a point of its own far from
// the demo city's compounds), three buildings, two grids with a grid worker each, so no test leans on the demo grids
// or another test's events. Other slices (the resident's side, Open311, the exchange, the dashboard) use it too.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from '../../platform/testing/harness.ts';
import { authUserByUsername, upsertAccount } from '../accounts/index.ts';
import type { GridActor } from './access.ts';
import { createGridEvent, type CreatedGridEvent, type NewGridEvent } from './events.service.ts';

export const HEMU_COMMUNITY = '330105004001';

export interface GridWorld {
  tag: string;
  communityCode: string;
  compoundId: string;
  /** The compound's point: reports at it land in this compound. */
  lat: number;
  lng: number;
  /** Building ids: the first two lie in `gridId`, the third in `otherGridId`. */
  buildings: string[];
  gridId: string;
  otherGridId: string;
  /** The grid worker of `gridId` (username and account id; password Demo@2026). */
  worker: { username: string; id: string };
  /** The grid worker of `otherGridId`. */
  otherWorker: { username: string; id: string };
  /** The community's staff who review (hemu-worker) and the subdistrict officer (hemu). */
  reviewer: string;
  officer: string;
  /** The account as a service-level actor, for calling the core without HTTP. */
  actor(username: string): Promise<GridActor>;
  /** Reports an event through the core (defaults: a street lamp at building 0, as the grid worker on patrol). */
  report(input?: Partial<NewGridEvent>, as?: string | null): Promise<CreatedGridEvent>;
  /** A point `metres` north of the compound's point. */
  north(metres: number): { lat: number; lng: number };
}

let counter = 0;

export async function gridWorld(t: TestApp): Promise<GridWorld> {
  const tag = randomBytes(3).toString('hex');
  // Spread worlds over a patch of hills west of the city where the demo city has no compounds, 2 km apart.
  const n = (parseInt(tag, 16) + counter++ * 7919) % 400;
  // Rounded as the registry keeps them (6 decimals), so a world's point compares equal to what the API answers.
  const lat = Number((30.05 + Math.floor(n / 20) * 0.02).toFixed(6));
  const lng = Number((119.3 + (n % 20) * 0.02).toFixed(6));
  const res = await t.call('POST', '/api/v1/compounds', 'hemu-worker', {
    name: `网格测试小区-${tag}`,
    communityCode: HEMU_COMMUNITY,
    address: `和睦路网格${tag}号`,
    yearBuilt: 1992,
    floorAreaM2: '5000.00',
    latitude: lat.toFixed(6),
    longitude: lng.toFixed(6),
  });
  expect(res.statusCode, res.body).toBe(201);
  const compoundId = res.json<{ id: string }>().id;
  const hh = await t.call('POST', `/api/v1/compounds/${compoundId}/households`, 'hemu-worker', {
    items: ['1幢', '2幢', '3幢'].map((building) => ({ building, unit: '1单元', room: '101', floorAreaM2: '60.00' })),
  });
  expect(hh.statusCode, hh.body).toBe(201);
  const detail = await t.call('GET', `/api/v1/compounds/${compoundId}`, 'hemu-worker');
  const buildings = detail
    .json<{ buildings: { id: string; name: string }[] }>()
    .buildings.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
    .map((b) => b.id);
  const account = async (suffix: string) => {
    const username = `grid-${tag}-${suffix}`;
    const id = await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username,
        displayName: `网格员${suffix}-${tag}`,
        password: 'Demo@2026',
        role: 'grid_worker',
        scopeDivision: HEMU_COMMUNITY,
      }),
    );
    return { username, id };
  };
  const [worker, otherWorker] = [await account('a'), await account('b')];
  const grid = async (code: string, buildingIds: string[], workerId: string) => {
    const g = await t.call('POST', '/api/v1/grids', 'hemu-worker', {
      communityCode: HEMU_COMMUNITY,
      code,
      name: `测试网格${code}`,
      buildingIds,
    });
    expect(g.statusCode, g.body).toBe(201);
    const gridId = g.json<{ id: string }>().id;
    const w = await t.call('PUT', `/api/v1/grids/${gridId}/workers`, 'hemu-worker', { accountIds: [workerId] });
    expect(w.statusCode, w.body).toBe(200);
    return gridId;
  };
  const gridId = await grid(`T${tag}a`, buildings.slice(0, 2), worker.id);
  const otherGridId = await grid(`T${tag}b`, buildings.slice(2), otherWorker.id);
  const actor = async (username: string): Promise<GridActor> => authUserByUsername(t.ctx, username);
  return {
    tag,
    communityCode: HEMU_COMMUNITY,
    compoundId,
    lat,
    lng,
    buildings,
    gridId,
    otherGridId,
    worker,
    otherWorker,
    reviewer: 'hemu-worker',
    officer: 'hemu',
    actor,
    north: (metres) => ({ lat: Number((lat + metres / 111_320).toFixed(6)), lng }),
    async report(input = {}, as = worker.username) {
      return createGridEvent(
        t.ctx,
        { category: 'street_lamp', description: `测试事件 ${tag}`, buildingId: buildings[0], source: 'patrol', ...input },
        as === null ? null : await actor(as),
      );
    },
  };
}
