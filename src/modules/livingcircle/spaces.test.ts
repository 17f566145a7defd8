// Space resources through the API against a real database. Acceptance 2: converting a state-owned room into an
// elderly day-care centre closes that gap for every compound it reaches and raises the city's "state rooms
// revitalised" by its area, the overview agreeing with the records; the matches of a compound's gaps beforehand
// name the room with that coverage gain. Also: bad input named by field, statuses refused out of order, who may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, HEMU_COMMUNITY, type CircleWorld } from './fixtures.ts';
import { offset } from './reach.ts';
import { spaceNear } from './spaces.fixtures.ts';

const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const cents = (area: string) => BigInt(area.replace('.', ''));

describe('space resources', () => {
  let t: TestApp;
  let a: CircleWorld;
  let b: CircleWorld;

  beforeAll(async () => {
    t = await testApp();
    a = await circleWorld(t, { households: 3 });
    // A neighbour 400 m north: a room 200 m north of the first is 200 m from both.
    b = await circleWorld(t, { households: 5, at: offset(a.at, 400, 0) });
  });
  afterAll(() => t.close());

  const overview = async (division: string, as: string, year?: number) => {
    const res = await t.call('GET', `/api/v1/stats/overview?division=${division}${year ? `&year=${year}` : ''}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { stateRoomsM2: string };
  };
  const elderly = async (w: CircleWorld) => {
    const res = await t.call('GET', `/api/v1/compounds/${w.compoundId}/circle`, 'hemu');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().needs as { need: string; gap: boolean; reached: { facilityId: string }[] }[]).find(
      (n) => n.need === 'elderly_care',
    )!;
  };
  const recordsM2 = async () =>
    (
      await t.ctx.database.pool.query<{ m2: string }>(
        `select coalesce(sum(area_m2), 0)::numeric(16,2)::text as m2 from circle_space_resources
         where kind = 'state_room' and status in ('converted', 'in_use') and division_code like '3301%'`,
      )
    ).rows[0]!.m2;

  it('acceptance 2: converting a state-owned room into an elderly day-care centre closes the gap of every compound it reaches and raises the city’s state rooms revitalised by its area', async () => {
    expect((await elderly(a)).gap).toBe(true);
    expect((await elderly(b)).gap).toBe(true);
    const cityBefore = await overview('330100', 'admin');
    const subdistrictBefore = await overview('330105004', 'hemu');
    const yearBefore = await overview('330100', 'admin', thisYear());

    const room = await spaceNear(t, a.at, 200, { kind: 'state_room', areaM2: '320.50', compoundId: a.compoundId });
    expect(room).toMatchObject({
      status: 'offered',
      areaM2: '320.50',
      kind: 'state_room',
      compoundId: a.compoundId,
      divisionCode: HEMU_COMMUNITY,
    });

    // Before deciding: the matches of the first compound's gap name the room, with what converting it would close.
    const matches = await t.call('GET', `/api/v1/compounds/${a.compoundId}/space-matches`, 'hemu-worker');
    expect(matches.statusCode, matches.body).toBe(200);
    const body = matches.json();
    expect(body.rules.map((r: { key: string }) => r.key)).toContain('livingcircle.space_matching');
    const care = body.gaps.find((g: { need: string }) => g.need === 'elderly_care');
    expect(care).toMatchObject({ kind: 'elderly_day_care', minAreaM2: '300.00' });
    expect(care.matches).toEqual([
      expect.objectContaining({ spaceId: room.id, distanceM: 240, closesGap: true, gain: { compounds: 2, households: 8 } }),
    ]);
    // Scattered land does not suit transport's bike station unless it is land: the room is not offered there.
    expect(body.gaps.find((g: { need: string }) => g.need === 'transport').matches).toEqual([]);

    expect((await t.call('POST', `/api/v1/spaces/${room.id}/allocate`, 'hemu', { allocatedTo: '和睦街道' })).statusCode).toBe(200);
    const converted = await t.call('POST', `/api/v1/spaces/${room.id}/convert`, 'hemu', {
      need: 'elderly_care',
      kind: 'elderly_day_care',
      name: '和睦老年人日间照料中心（测试）',
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const c = converted.json();
    expect(c).toMatchObject({ status: 'converted', conversion: { need: 'elderly_care', kind: 'elderly_day_care' }, affectedCompounds: 2 });

    for (const w of [a, b]) {
      const n = await elderly(w);
      expect(n.gap).toBe(false);
      expect(n.reached.map((r) => r.facilityId)).toContain(c.conversion.facilityId);
    }
    const sums = (await t.call('GET', `/api/v1/circle/gaps?division=${HEMU_COMMUNITY}`, 'hemu')).json();
    for (const w of [a, b]) {
      const mine = sums.children.find((x: { code: string }) => x.code === w.compoundId);
      expect(mine.needs.find((n: { need: string }) => n.need === 'elderly_care')).toEqual({
        need: 'elderly_care',
        compoundsWithGap: 0,
        householdsAffected: 0,
      });
    }
    // Converted, it is no longer on offer.
    const after = (await t.call('GET', `/api/v1/compounds/${a.compoundId}/space-matches`, 'hemu')).json();
    expect(after.gaps.find((g: { need: string }) => g.need === 'elderly_care')).toBeUndefined();

    const raised = (before: { stateRoomsM2: string }, now: { stateRoomsM2: string }) =>
      cents(now.stateRoomsM2) - cents(before.stateRoomsM2);
    expect(raised(cityBefore, await overview('330100', 'admin'))).toBe(32050n);
    expect(raised(subdistrictBefore, await overview('330105004', 'hemu'))).toBe(32050n);
    expect(raised(yearBefore, await overview('330100', 'admin', thisYear()))).toBe(32050n);

    // In use, it still counts, once; the overview's part from rooms equals the records' sum.
    expect((await t.call('POST', `/api/v1/spaces/${room.id}/in-use`, 'gongshu', {})).json().status).toBe('in_use');
    expect(raised(cityBefore, await overview('330100', 'admin'))).toBe(32050n);
    const projectsOnly = await t.ctx.database.pool.query<{ m2: string }>(
      `select coalesce(sum(o.state_owned_rooms_m2), 0)::numeric(16,2)::text as m2 from project_outcomes o join projects p on p.id = o.project_id
       where p.community_codes[1] like '3301%'`,
    );
    expect(cents((await overview('330100', 'admin')).stateRoomsM2)).toBe(cents(projectsOnly.rows[0]!.m2) + cents(await recordsM2()));

    const detail = (await t.call('GET', `/api/v1/spaces/${room.id}`, 'hemu-worker')).json();
    expect(detail.steps.map((s: { status: string; by: string }) => `${s.status}:${s.by}`)).toEqual([
      'offered:hemu',
      'allocated:hemu',
      'converted:hemu',
      'in_use:gongshu',
    ]);
  });

  it('refuses statuses out of order (409, the status named) and leaves the record as it was', async () => {
    const s = await spaceNear(t, a.at, 3000, { kind: 'existing_room' });
    const convert = { need: 'recreation', kind: 'activity_room' };
    for (const [path, body] of [
      ['convert', convert],
      ['in-use', {}],
    ] as const) {
      const res = await t.call('POST', `/api/v1/spaces/${s.id}/${path}`, 'hemu', body);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'space.out_of_order', status: 409, current: 'offered' });
    }
    expect((await t.call('POST', `/api/v1/spaces/${s.id}/allocate`, 'hemu', { allocatedTo: '和睦社区' })).statusCode).toBe(200);
    const again = await t.call('POST', `/api/v1/spaces/${s.id}/allocate`, 'hemu', { allocatedTo: '和睦社区' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('is "allocated"');
    // A kind not of the need: named, and nothing moved.
    const wrong = await t.call('POST', `/api/v1/spaces/${s.id}/convert`, 'hemu', { need: 'recreation', kind: 'clinic' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0].path).toBe('body.kind');
    expect((await t.call('GET', `/api/v1/spaces/${s.id}`, 'hemu')).json().status).toBe('allocated');
  });

  it('names the field of bad input, and only officers register and convert', async () => {
    const post = (over: Record<string, unknown>, as = 'hemu') =>
      t.call('POST', '/api/v1/spaces', as, {
        kind: 'state_room',
        name: '闲置用房',
        areaM2: '100.00',
        owner: '某单位',
        lat: 31,
        lng: 120,
        ...over,
      });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ areaM2: '12.345' }, 400, 'body.areaM2'],
      [{ areaM2: 12.345 }, 422, 'body.areaM2'],
      [{ areaM2: '0' }, 422, 'body.areaM2'],
      [{ kind: 'castle' }, 400, 'body.kind'],
      [{ lat: 91 }, 400, 'body.lat'],
      [{ owner: '' }, 400, 'body.owner'],
      [{ compoundId: '00000000-0000-7000-8000-000000000000' }, 422, 'body.compoundId'],
    ];
    for (const [over, status, path] of cases) {
      const res = await post(over);
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await post({}, 'hemu-worker')).statusCode).toBe(403);
    const s = await spaceNear(t, a.at, 5000);
    expect((await t.call('POST', `/api/v1/spaces/${s.id}/allocate`, 'hemu-worker', { allocatedTo: 'x' })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/v1/spaces/${s.id}`, 'hemu-resident')).statusCode).toBe(403);
    expect((await t.call('GET', '/api/v1/spaces/00000000-0000-7000-8000-000000000000', 'hemu')).statusCode).toBe(404);
  });

  it('lists by status and kind in pages', async () => {
    const land = await spaceNear(t, a.at, 4000, { kind: 'scattered_land' });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.call(
        'GET',
        `/api/v1/spaces?kind=scattered_land&status=offered&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        'hemu',
      );
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json() as { items: { id: string; kind: string; status: string }[]; nextCursor: string | null };
      for (const i of p.items) expect(i).toMatchObject({ kind: 'scattered_land', status: 'offered' });
      all.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(all).toContain(land.id);
    expect(new Set(all).size).toBe(all.length);
    const bad = await t.call('GET', '/api/v1/spaces?division=330106', 'hemu');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('query.division');
  });
});
