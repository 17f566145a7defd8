// The governance dashboard (issue 13 item 7, acceptance 2's second half): counts by state, category and source,
// SLA compliance, an event made overdue by the clock (slaSweep with `now` moved, never slept) counted as overdue,
// and scope: a community worker sees their community only. Each test reads its own compounds' events.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { createGridEvent, slaSweep, transitionGridEvent, type GridEventSource, type GridEventState } from './index.ts';
import { ratio } from './dashboard.ts';
import { gridWorld } from './fixtures.ts';

const HEMU = '330105004';
const HEMU_COMMUNITY = '330105004001';

let t: TestApp;
let a: string; // a compound in hemu-worker's community
let b: string; // a compound in another community of 和睦
let otherCommunity: string;

async function compound(username: string, communityCode: string, lat: string, lng: string): Promise<string> {
  const tag = randomBytes(3).toString('hex');
  const res = await t.call('POST', '/api/v1/compounds', username, {
    name: `驾驶舱测试小区-${tag}`,
    communityCode,
    address: `和睦路${tag}号`,
    yearBuilt: 1992,
    floorAreaM2: '5000.00',
    latitude: lat,
    longitude: lng,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

async function report(compoundId: string, category: string, source: GridEventSource, lat: number, lng: number): Promise<string> {
  const r = await createGridEvent(t.ctx, { category, description: `测试事件 ${category}`, compoundId, lat, lng, source }, null);
  return r.id;
}

async function walk(id: string, ...states: GridEventState[]): Promise<void> {
  for (const s of states) await transitionGridEvent(t.ctx, id, s, null);
}

type Dashboard = {
  level: string;
  division: string | null;
  totals: {
    events: number;
    open: number;
    overdue: number;
    closed: number;
    closedInTime: number;
    sla: { rate: string | null; percent: string | null };
  };
  byState: { state: string; count: number }[];
  bySource: { source: string; count: number }[];
  byCategory: { category: string; name: string; count: number }[];
  byLevel: { level: string; count: number }[];
  children: { key: string; events: number }[];
  childLevel: string | null;
  response: { samples: number; medianSeconds: number | null };
  hotSpots: { count: number }[];
  points: { id: string; state: string; overdue: boolean }[];
  surveys: { byKind: unknown[]; satisfaction: { answered: number } };
  services: { total: number; byStatus: { status: string; count: number }[] };
  grids: { id: string; ring: { lat: number; lng: number }[] }[];
};

async function dashboard(username: string, query: string): Promise<Dashboard> {
  const res = await t.call('GET', `/api/v1/grid-dashboard?${query}`, username);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
}
const countOf = <K extends string>(rows: ({ count: number } & Record<K, string>)[], key: K, value: string) =>
  rows.find((r) => r[key] === value)?.count ?? 0;

beforeAll(async () => {
  t = await testApp();
  const divisions = (await t.call('GET', `/api/v1/divisions?parent=${HEMU}`, 'hemu')).json().items as { code: string }[];
  otherCommunity = divisions.map((d) => d.code).find((c) => c !== HEMU_COMMUNITY)!;
  expect(otherCommunity).toBeTruthy();
  a = await compound('hemu-worker', HEMU_COMMUNITY, '30.301000', '120.130000');
  b = await compound('hemu', otherCommunity, '30.305000', '120.140000');
});
afterAll(() => t.close());

describe('the grid dashboard of a compound', () => {
  it('counts events by state, category and source, SLA compliance, and an event made overdue by the clock', async () => {
    const lamp = await report(a, 'street_lamp', 'resident', 30.3011, 120.1301);
    const dumping = await report(a, 'dumping', 'patrol', 30.3012, 120.1302);
    const noise = await report(a, 'noise', 'open311', 30.3013, 120.1303);
    const leak = await report(a, 'water_leak', 'staff', 30.3014, 120.1304);
    await walk(lamp, 'accepted', 'handled', 'reviewed', 'closed');
    await walk(dumping, 'accepted');
    await walk(leak, 'accepted');

    let d = await dashboard('hemu-worker', `compoundId=${a}`);
    expect(d.level).toBe('compound');
    expect(d.totals).toMatchObject({ events: 4, open: 3, closed: 1, closedInTime: 1, overdue: 0, sla: { rate: '1/1', percent: '100.0' } });
    expect(countOf(d.byState, 'state', 'reported')).toBe(1);
    expect(countOf(d.byState, 'state', 'accepted')).toBe(2);
    expect(countOf(d.byState, 'state', 'closed')).toBe(1);
    expect(d.byState.map((s) => s.state)).toEqual(['reported', 'accepted', 'handled', 'reviewed', 'closed', 'disputed']);
    for (const source of ['resident', 'patrol', 'open311', 'staff']) expect(countOf(d.bySource, 'source', source)).toBe(1);
    expect(countOf(d.bySource, 'source', 'alarm')).toBe(0);
    expect(d.byCategory.map((c) => c.category).sort()).toEqual(['dumping', 'noise', 'street_lamp', 'water_leak']);
    // Category names are the catalogue's words in the reader's language (the harness reads English), never the code.
    expect(d.byCategory.find((c) => c.category === 'street_lamp')!.name).not.toBe('street_lamp');
    expect(d.response.samples).toBe(3);
    expect(d.response.medianSeconds).not.toBeNull();
    expect(d.points.map((p) => p.id).sort()).toEqual([lamp, dumping, noise, leak].sort());
    expect(d.hotSpots.reduce((n, h) => n + h.count, 0)).toBe(4);
    expect(d.childLevel).toBe('grid');

    // Acceptance 2: the clock, moved a month on, flags every open event overdue (and raises its level).
    const later = new Date(Date.now() + 30 * 86_400_000);
    const swept = await slaSweep(t.ctx, later);
    expect(swept.flagged).toBeGreaterThanOrEqual(3);
    d = await dashboard('hemu-worker', `compoundId=${a}`);
    expect(d.totals.overdue).toBe(3);
    expect(
      d.points
        .filter((p) => p.overdue)
        .map((p) => p.id)
        .sort(),
    ).toEqual([dumping, noise, leak].sort());
    // Escalated by the same clock: nothing of this compound is left at the grid level.
    expect(swept.escalated.map((e) => e.id)).toEqual(expect.arrayContaining([dumping, noise, leak]));
    expect(countOf(d.byLevel, 'level', 'grid')).toBe(0);
    expect(d.byLevel.reduce((n, l) => n + l.count, 0)).toBe(4);

    // Closed after running late: closed, but not within its time limit.
    await walk(leak, 'handled', 'reviewed', 'closed');
    d = await dashboard('hemu-worker', `compoundId=${a}`);
    expect(d.totals).toMatchObject({ events: 4, open: 2, closed: 2, closedInTime: 1, overdue: 2, sla: { rate: '1/2', percent: '50.0' } });
  });

  it('shows the service data and the surveys of the place beside the events', async () => {
    const d = await dashboard('hemu', `compoundId=${b}`);
    expect(d.services.byStatus.map((s) => s.status)).toEqual(['open', 'assigned', 'in_progress', 'done', 'cancelled']);
    expect(d.services.total).toBe(0);
    expect(d.surveys.byKind).toEqual([]);
    expect(d.totals.events).toBe(0);
    expect(d.totals.sla).toEqual({ rate: null, percent: null });
  });
});

describe('scope', () => {
  it('a community worker sees their community only', async () => {
    await report(b, 'dumping', 'resident', 30.3051, 120.1401);
    const own = await dashboard('hemu-worker', '');
    expect(own).toMatchObject({ level: 'community', division: HEMU_COMMUNITY, childLevel: 'compound' });
    expect(own.children.map((c) => c.key)).toContain(a);
    expect(own.children.map((c) => c.key)).not.toContain(b);

    for (const q of [`division=${otherCommunity}`, `division=${HEMU}`, `compoundId=${b}`]) {
      const res = await t.call('GET', `/api/v1/grid-dashboard?${q}`, 'hemu-worker');
      expect(res.statusCode, q).toBe(404);
    }
    // The subdistrict officer sees both communities, one level down.
    const hemu = await dashboard('hemu', `division=${HEMU}`);
    expect(hemu).toMatchObject({ level: 'subdistrict', childLevel: 'community' });
    expect(hemu.children.map((c) => c.key)).toEqual(expect.arrayContaining([HEMU_COMMUNITY, otherCommunity]));
    const community = hemu.children.find((c) => c.key === HEMU_COMMUNITY)!;
    expect(community.events).toBeGreaterThanOrEqual(own.totals.events);
  });

  it('a grid worker counts their own grids’ events only', async () => {
    const world = await gridWorld(t);
    await world.report({ buildingId: world.buildings[0] }, null);
    await world.report({ buildingId: world.buildings[1], category: 'dumping' }, null);
    await world.report({ buildingId: world.buildings[2] }, null);
    const mine = await dashboard(world.worker.username, `compoundId=${world.compoundId}`);
    expect(mine.totals.events).toBe(2);
    expect(mine.children.map((c) => c.key)).toEqual([world.gridId]);
    const theirs = await dashboard(world.otherWorker.username, `compoundId=${world.compoundId}`);
    expect(theirs.totals.events).toBe(1);
    // A grid with an outline is drawn on the map of its compound.
    const d = 0.001;
    const outline = [
      [world.lng - d, world.lat - d],
      [world.lng + d, world.lat - d],
      [world.lng + d, world.lat + d],
      [world.lng - d, world.lat + d],
      [world.lng - d, world.lat - d],
    ];
    const drawn = await t.call('PATCH', `/api/v1/grids/${world.gridId}`, 'hemu-worker', { polygon: [outline] });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const staff = await dashboard('hemu-worker', `compoundId=${world.compoundId}`);
    expect(staff.totals.events).toBe(3);
    expect(staff.grids.map((g) => [g.id, g.ring.length])).toEqual([[world.gridId, 5]]);
    expect(staff.grids[0]!.ring[0]).toEqual({ lat: world.lat - d, lng: world.lng - d });
    expect(staff.children.map((c) => c.key).sort()).toEqual([world.gridId, world.otherGridId].sort());
  });

  it('answers bad queries with a problem naming the field', async () => {
    const both = await t.call('GET', `/api/v1/grid-dashboard?division=${HEMU}&compoundId=${a}`, 'hemu');
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].path).toBe('querystring.compoundId');
    const reversed = await t.call('GET', `/api/v1/grid-dashboard?from=2026-05-02&to=2026-05-01`, 'hemu');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].path).toBe('querystring.to');
    const bad = await t.call('GET', `/api/v1/grid-dashboard?division=33010500`, 'hemu');
    expect(bad.statusCode).toBe(400);
    const day = await t.call('GET', `/api/v1/grid-dashboard?from=2026-02-30`, 'hemu');
    expect(day.statusCode).toBe(400);
  });

  it('residents may not read it', async () => {
    const res = await t.call('GET', '/api/v1/grid-dashboard', 'hemu-resident');
    expect(res.statusCode).toBe(403);
  });
});

describe('ratio', () => {
  it('rounds half up in integers', () => {
    expect(ratio(0, 0)).toEqual({ rate: null, percent: null });
    expect(ratio(1, 3)).toEqual({ rate: '1/3', percent: '33.3' });
    expect(ratio(2, 3)).toEqual({ rate: '2/3', percent: '66.7' });
    expect(ratio(1, 8)).toEqual({ rate: '1/8', percent: '12.5' });
    expect(ratio(1, 16)).toEqual({ rate: '1/16', percent: '6.3' }); // 6.25 → 6.3
    expect(ratio(5, 5)).toEqual({ rate: '5/5', percent: '100.0' });
  });
});
