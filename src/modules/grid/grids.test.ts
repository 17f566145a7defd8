import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { accountByUsername, upsertAccount } from '../accounts/index.ts';
import { gridWorld, type GridWorld } from './fixtures.ts';
import { gridEventStates } from './schema.ts';

describe('grids, their buildings and workers', () => {
  let t: TestApp;
  let w: GridWorld;

  beforeAll(async () => {
    t = await testApp();
    w = await gridWorld(t);
  });
  afterAll(() => t?.close());

  it('shows a grid with its buildings and workers, and lists the community’s grids', async () => {
    const g = (await t.call('GET', `/api/v1/grids/${w.gridId}`, w.reviewer)).json();
    expect(g).toMatchObject({ communityCode: w.communityCode, code: `T${w.tag}a`, polygon: null });
    expect(g.buildings.map((b: { id: string }) => b.id)).toEqual(w.buildings.slice(0, 2));
    expect(g.buildings[0]).toMatchObject({ compoundId: w.compoundId, name: '1幢' });
    expect(g.workers).toEqual([expect.objectContaining({ id: w.worker.id })]);
    const list = (await t.call('GET', `/api/v1/grids?communityCode=${w.communityCode}`, w.officer)).json().items;
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: w.gridId, buildingsCount: 2, workers: [expect.objectContaining({ id: w.worker.id })] }),
        expect.objectContaining({ id: w.otherGridId, buildingsCount: 1 }),
      ]),
    );
  });

  it('keeps a building in one grid only, inside the grid’s community, and a grid code once per community', async () => {
    const taken = await t.call('POST', '/api/v1/grids', w.reviewer, { communityCode: w.communityCode, code: `T${w.tag}a`, name: 'x' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe('body.code');
    const twice = await t.call('POST', '/api/v1/grids', w.reviewer, {
      communityCode: w.communityCode,
      code: `T${w.tag}c`,
      name: 'x',
      buildingIds: [w.buildings[0]],
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().errors).toEqual([expect.objectContaining({ path: 'body.buildingIds.0' })]);
    const elsewhere = await t.call('POST', '/api/v1/grids', w.officer, {
      communityCode: '330105004002',
      code: `T${w.tag}d`,
      name: 'x',
      buildingIds: [w.buildings[2]],
    });
    expect(elsewhere.statusCode).toBe(422);
    const outside = await t.call('POST', '/api/v1/grids', w.reviewer, { communityCode: '330105004002', code: `T${w.tag}e`, name: 'x' });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].path).toBe('body.communityCode');
  });

  it('moves a building between grids, redraws the outline, and new reports follow the building', async () => {
    const ring = [
      [w.lng - 0.001, w.lat - 0.001],
      [w.lng + 0.001, w.lat - 0.001],
      [w.lng + 0.001, w.lat + 0.001],
      [w.lng - 0.001, w.lat - 0.001],
    ];
    const shrunk = await t.call('PATCH', `/api/v1/grids/${w.otherGridId}`, w.reviewer, {
      buildingIds: [],
      polygon: [ring],
      name: '新网格',
    });
    expect(shrunk.statusCode, shrunk.body).toBe(200);
    expect(shrunk.json()).toMatchObject({ buildings: [], polygon: [ring], name: '新网格' });
    const grown = await t.call('PATCH', `/api/v1/grids/${w.gridId}`, w.reviewer, { buildingIds: w.buildings });
    expect(grown.json().buildings).toHaveLength(3);
    const e = await w.report({ buildingId: w.buildings[2] });
    expect((await t.call('GET', `/api/v1/grid-events/${e.id}`, w.worker.username)).json().gridId).toBe(w.gridId);
    // Put back as the world made it.
    await t.call('PATCH', `/api/v1/grids/${w.gridId}`, w.reviewer, { buildingIds: w.buildings.slice(0, 2) });
    await t.call('PATCH', `/api/v1/grids/${w.otherGridId}`, w.reviewer, { buildingIds: w.buildings.slice(2) });
  });

  it('places a report by its point in the grid whose outline holds it, else in the grid of most of the compound', async () => {
    const p = w.north(300);
    const d = 0.002;
    const square = [
      [p.lng - d, p.lat - d],
      [p.lng + d, p.lat - d],
      [p.lng + d, p.lat + d],
      [p.lng - d, p.lat + d],
      [p.lng - d, p.lat - d],
    ];
    const at = async (q: { lat: number; lng: number }) => {
      const e = await w.report({ category: 'noise', buildingId: undefined, compoundId: w.compoundId, ...q }, w.reviewer);
      return (await t.call('GET', `/api/v1/grid-events/${e.id}`, w.reviewer)).json().gridId;
    };
    await t.call('PATCH', `/api/v1/grids/${w.otherGridId}`, w.reviewer, { polygon: null });
    expect(await at(p)).toBe(w.gridId);
    expect((await t.call('PATCH', `/api/v1/grids/${w.otherGridId}`, w.reviewer, { polygon: [square] })).statusCode).toBe(200);
    expect(await at(p)).toBe(w.otherGridId);
    expect(await at(w.north(1000))).toBe(w.gridId);
    await t.call('PATCH', `/api/v1/grids/${w.otherGridId}`, w.reviewer, { polygon: null });
  });

  it('takes only grid worker accounts of its community as a grid’s workers, and offers those', async () => {
    const hemu = (await accountByUsername(t.ctx.db, 'hemu-worker'))!;
    const bad = await t.call('PUT', `/api/v1/grids/${w.gridId}/workers`, w.reviewer, { accountIds: [w.worker.id, hemu.id] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: 'body.accountIds.1' })]);
    const both = await t.call('PUT', `/api/v1/grids/${w.gridId}/workers`, w.reviewer, { accountIds: [w.worker.id, w.otherWorker.id] });
    expect(
      both
        .json()
        .workers.map((x: { id: string }) => x.id)
        .sort(),
    ).toEqual([w.worker.id, w.otherWorker.id].sort());
    const back = await t.call('PUT', `/api/v1/grids/${w.gridId}/workers`, w.reviewer, { accountIds: [w.worker.id] });
    expect(back.json().workers.map((x: { id: string }) => x.id)).toEqual([w.worker.id]);

    // A grid worker of another community is neither offered nor taken.
    const { rows } = await t.ctx.database.pool.query<{ code: string }>(
      `select code from divisions where level = 'community' and code <> $1 and parent <> $2 order by code limit 1`,
      [w.communityCode, w.communityCode.slice(0, 9)],
    );
    const elsewhere = await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username: `grid-${w.tag}-far`,
        displayName: `外社区网格员-${w.tag}`,
        password: 'Demo@2026',
        role: 'grid_worker',
        scopeDivision: rows[0]!.code,
      }),
    );
    const offered = await t.call('GET', `/api/v1/grids/${w.gridId}/worker-candidates`, w.reviewer);
    expect(offered.statusCode, offered.body).toBe(200);
    const offeredIds = offered.json().items.map((a: { id: string }) => a.id);
    expect(offeredIds).toEqual(expect.arrayContaining([w.worker.id, w.otherWorker.id]));
    expect(offeredIds).not.toContain(elsewhere);
    expect(offeredIds).not.toContain(hemu.id);
    const far = await t.call('PUT', `/api/v1/grids/${w.gridId}/workers`, w.reviewer, { accountIds: [elsewhere] });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors).toEqual([expect.objectContaining({ path: 'body.accountIds.0' })]);
    expect((await t.call('GET', `/api/v1/grids/${w.gridId}/worker-candidates`, w.worker.username)).statusCode).toBe(403);
  });

  it('pages patrol check-ins newest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 3; i++)
      made.push((await t.call('POST', `/api/v1/grids/${w.gridId}/checkins`, w.worker.username, { note: `第${i}次` })).json().id);
    const first = (await t.call('GET', `/api/v1/grids/${w.gridId}/checkins?limit=2`, w.reviewer)).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([made[2], made[1]]);
    const second = (await t.call('GET', `/api/v1/grids/${w.gridId}/checkins?limit=2&cursor=${first.nextCursor}`, w.reviewer)).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual([made[0]]);
    expect(second.nextCursor).toBeNull();
    const bad = await t.call('POST', `/api/v1/grids/${w.gridId}/checkins`, w.worker.username, { lat: 95, lng: 120 });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the demo grids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t?.close());

  it('divides each community of 和睦街道 into grids and gives the demo grid worker one grid of 和睦社区 with events in every state', async () => {
    const all = (await t.call('GET', '/api/v1/grids', 'hemu')).json().items as { communityCode: string; buildingsCount: number }[];
    const communities = [...new Set(all.map((g) => g.communityCode))];
    expect(communities.length).toBeGreaterThanOrEqual(2);
    for (const c of communities) {
      const n = all.filter((g) => g.communityCode === c).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
    }
    const mine = (await t.call('GET', '/api/v1/grids', 'grid')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0].communityCode).toBe('330105004001');
    expect(mine[0].buildingsCount).toBeGreaterThan(0);
    const events = (await t.call('GET', '/api/v1/grid-events?limit=100', 'grid')).json().items as { state: string; gridId: string }[];
    expect(events.length).toBeGreaterThanOrEqual(18);
    expect(events.every((e) => e.gridId === mine[0].id)).toBe(true);
    expect(new Set(events.map((e) => e.state))).toEqual(new Set(gridEventStates));
  });
});
