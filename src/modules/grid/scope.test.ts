import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { upsertAccount } from '../accounts/index.ts';
import { gridWorld, type GridWorld } from './fixtures.ts';
import { createGridEvent, getGridEventFor, gridEventReporter, listGridEvents } from './index.ts';

describe('scope (acceptance 6, staff): a grid worker sees only their grids’ events', () => {
  let t: TestApp;
  let w: GridWorld;
  let mine: string;
  let theirs: string;
  const outsider = `grid-outsider-${Date.now()}`;

  beforeAll(async () => {
    t = await testApp();
    w = await gridWorld(t);
    mine = (await w.report({ category: 'street_lamp', buildingId: w.buildings[0] })).id;
    theirs = (await w.report({ category: 'street_lamp', buildingId: w.buildings[2] }, w.otherWorker.username)).id;
    // A community worker of another community of 和睦街道.
    await t.ctx.db.transaction((tx) =>
      upsertAccount(tx, {
        username: outsider,
        displayName: '邻社区社工',
        password: 'Demo@2026',
        role: 'community_worker',
        scopeDivision: '330105004002',
      }),
    );
  });
  afterAll(() => t?.close());

  const ids = async (as: string, query = '') =>
    (await t.call('GET', `/api/v1/grid-events?limit=500${query}`, as)).json().items.map((e: { id: string }) => e.id) as string[];

  it('lists and reads only the events of the worker’s own grids; another grid’s answer 404 like missing ones', async () => {
    expect(await ids(w.worker.username)).toContain(mine);
    expect(await ids(w.worker.username)).not.toContain(theirs);
    expect(await ids(w.otherWorker.username)).toEqual(expect.arrayContaining([theirs]));
    expect(await ids(w.otherWorker.username)).not.toContain(mine);
    expect((await t.call('GET', `/api/v1/grid-events/${mine}`, w.worker.username)).statusCode).toBe(200);
    const other = await t.call('GET', `/api/v1/grid-events/${theirs}`, w.worker.username);
    expect(other.statusCode).toBe(404);
    const missing = await t.call('GET', `/api/v1/grid-events/00000000-0000-4000-8000-000000000000`, w.worker.username);
    expect(other.json().code).toBe(missing.json().code);
    expect((await t.call('GET', `/api/v1/grid-events?gridId=${w.otherGridId}`, w.worker.username)).json().items).toEqual([]);
  });

  it('cannot move, escalate or photograph another grid’s event', async () => {
    expect((await t.call('POST', `/api/v1/grid-events/${theirs}/transitions`, w.worker.username, { to: 'accepted' })).statusCode).toBe(404);
    expect((await t.call('POST', `/api/v1/grid-events/${theirs}/escalate`, w.worker.username, {})).statusCode).toBe(404);
    expect((await t.call('GET', `/api/v1/grid-events/${theirs}`, w.otherWorker.username)).json().allowed).toEqual(['accepted']);
  });

  it('sees a report of their own even in another grid, and that grid’s worker sees it too', async () => {
    const own = (await w.report({ category: 'noise', buildingId: w.buildings[2] })).id;
    expect(await ids(w.worker.username)).toContain(own);
    expect(await ids(w.otherWorker.username)).toContain(own);
  });

  it('lets community and subdistrict staff see every grid of their division, and nobody outside it', async () => {
    for (const staff of [w.reviewer, w.officer, 'gongshu', 'admin']) {
      const seen = await ids(staff, `&compoundId=${w.compoundId}`);
      expect(seen, staff).toEqual(expect.arrayContaining([mine, theirs]));
    }
    expect(await ids(outsider, `&compoundId=${w.compoundId}`)).toEqual([]);
    expect((await t.call('GET', `/api/v1/grid-events/${mine}`, outsider)).statusCode).toBe(404);
    // A report in a compound outside one's division is refused, naming the place.
    const res = await t.call('POST', '/api/v1/grid-events', outsider, {
      category: 'noise',
      description: 'x',
      compoundId: w.compoundId,
      source: 'staff',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.compoundId');
  });

  it('lets a resident read only their own reports through the core, and lists a compound’s events without the reporter', async () => {
    const resident = await w.actor('hemu-resident');
    const own = await createGridEvent(
      t.ctx,
      { category: 'noise', description: '噪声', compoundId: w.compoundId, source: 'resident' },
      resident,
    );
    expect(await getGridEventFor(t.ctx, resident, own.id)).toMatchObject({ id: own.id, allowed: [] });
    await expect(getGridEventFor(t.ctx, resident, mine)).rejects.toMatchObject({ status: 404 });
    expect(await gridEventReporter(t.ctx, own.id)).toBe(resident.id);
    const publicList = await listGridEvents(t.ctx, { compoundIds: [w.compoundId], limit: 100 });
    expect(publicList.map((e) => e.id)).toEqual(expect.arrayContaining([own.id, mine, theirs]));
    expect(publicList.every((e) => e.compoundId === w.compoundId)).toBe(true);
    expect(JSON.stringify(publicList)).not.toContain(resident.id);
  });

  it('refuses roles without grid permissions with 403', async () => {
    for (const who of ['contractor', 'hemu-resident', 'power']) {
      expect((await t.call('GET', '/api/v1/grid-events', who)).statusCode, who).toBe(403);
      expect((await t.call('GET', `/api/v1/grid-events/${mine}`, who)).statusCode, who).toBe(403);
    }
    expect(
      (await t.call('POST', `/api/v1/grids`, w.worker.username, { communityCode: w.communityCode, code: 'x', name: 'x' })).statusCode,
    ).toBe(403);
  });

  it('shows a grid worker only their own grids and lets them check in on patrol only there', async () => {
    const grids = (await t.call('GET', '/api/v1/grids', w.worker.username)).json().items;
    expect(grids.map((g: { id: string }) => g.id)).toEqual([w.gridId]);
    expect((await t.call('GET', `/api/v1/grids/${w.otherGridId}`, w.worker.username)).statusCode).toBe(404);
    const ok = await t.call('POST', `/api/v1/grids/${w.gridId}/checkins`, w.worker.username, { lat: w.lat, lng: w.lng, note: '巡查' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ gridId: w.gridId, account: { id: w.worker.id }, lat: w.lat, lng: w.lng, note: '巡查' });
    expect((await t.call('POST', `/api/v1/grids/${w.otherGridId}/checkins`, w.worker.username, {})).statusCode).toBe(404);
    // Staff read check-ins but do not patrol.
    expect((await t.call('POST', `/api/v1/grids/${w.gridId}/checkins`, w.reviewer, {})).statusCode).toBe(403);
    const list = await t.call('GET', `/api/v1/grids/${w.gridId}/checkins`, w.reviewer);
    expect(list.json().items.map((c: { id: string }) => c.id)).toEqual([ok.json().id]);
  });
});
