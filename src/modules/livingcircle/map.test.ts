// GET /api/v1/map/layers against a real database: the layers hold the test's own compound, facilities and space
// resources (made by factories, far from the demo city), a box keeps only what lies inside it, a bad box is a
// 400 naming the field, and a division beyond the account's scope is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../platform/testing/harness.ts';
import { circleWorld, type CircleWorld } from './fixtures.ts';
import { offset, type Point } from './reach.ts';
import { spaceNear } from './spaces.fixtures.ts';

interface Layers {
  division: string | null;
  compounds: { id: string; lat: number; lng: number; gaps: string[] }[];
  facilities: { id: string; need: string }[];
  spaces: { id: string; kind: string; status: string; name: string; areaM2: string; lat: number; lng: number }[];
  truncated: boolean;
}

/** "minLng,minLat,maxLng,maxLat" of the square `metres` either side of a point. */
const boxAround = (p: Point, metres: number) => {
  const sw = offset(p, -metres, -metres);
  const ne = offset(p, metres, metres);
  return [sw.lng, sw.lat, ne.lng, ne.lat].map((v) => v.toFixed(6)).join(',');
};

describe('map layers', () => {
  let t: TestApp;
  let w: CircleWorld;
  let near: { id: string };
  let far: { id: string };
  let room: { id: string; lat: number; lng: number };
  let land: { id: string };

  beforeAll(async () => {
    t = await testApp();
    w = await circleWorld(t, { households: 4 });
    near = await w.facility(300, { need: 'food', kind: 'canteen' });
    far = await w.facility(900, { need: 'medical', kind: 'clinic' }, { bearing: 180 });
    room = await spaceNear(t, w.at, 150, { kind: 'state_room', areaM2: '88.25', compoundId: w.compoundId }, { bearing: 90 });
    land = await spaceNear(t, w.at, 2_000, { kind: 'scattered_land', areaM2: '410.00', compoundId: w.compoundId }, { bearing: 270 });
  });
  afterAll(() => t.close());

  const layers = async (query: string, as = 'hemu') => {
    const res = await t.call('GET', `/api/v1/map/layers${query}`, as);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Layers;
  };

  it('holds the division’s own compounds, the facilities around them and its space resources', async () => {
    const body = await layers('?division=330105004');
    expect(body.division).toBe('330105004');
    const ours = body.compounds.find((c) => c.id === w.compoundId)!;
    expect(ours).toMatchObject({ lat: w.at.lat, lng: w.at.lng });
    const facilityIds = body.facilities.map((f) => f.id);
    expect(facilityIds).toEqual(expect.arrayContaining([near.id, far.id]));
    const spaces = new Map(body.spaces.map((s) => [s.id, s]));
    expect(spaces.get(room.id)).toEqual({
      id: room.id,
      kind: 'state_room',
      status: 'offered',
      name: expect.any(String),
      areaM2: '88.25',
      lat: room.lat,
      lng: room.lng,
    });
    expect(spaces.get(land.id)).toMatchObject({ kind: 'scattered_land', areaM2: '410.00' });

    // The district's officer sees them too; the account's own division is the default.
    const district = await layers('?division=330105', 'gongshu');
    expect(district.spaces.map((s) => s.id)).toEqual(expect.arrayContaining([room.id, land.id]));
    const own = await layers('');
    expect(own.division).toBe('330105004');
    expect(own.spaces.map((s) => s.id)).toEqual(expect.arrayContaining([room.id, land.id]));
  });

  it('keeps only what lies inside the box', async () => {
    // 500 m either side: the compound, the canteen at 300 m and the room at 150 m; not the clinic (900 m) nor the land (2 km).
    const inside = await layers(`?division=330105004&bbox=${boxAround(w.at, 500)}`);
    expect(inside.compounds.map((c) => c.id)).toContain(w.compoundId);
    expect(inside.facilities.map((f) => f.id)).toContain(near.id);
    expect(inside.facilities.map((f) => f.id)).not.toContain(far.id);
    expect(inside.spaces.map((s) => s.id)).toContain(room.id);
    expect(inside.spaces.map((s) => s.id)).not.toContain(land.id);

    // A box 5 km west holds none of them.
    const elsewhere = await layers(`?division=330105004&bbox=${boxAround(offset(w.at, 0, -5_000), 500)}`);
    expect(elsewhere.compounds.map((c) => c.id)).not.toContain(w.compoundId);
    expect(elsewhere.facilities.map((f) => f.id)).not.toContain(near.id);
    expect(elsewhere.spaces.map((s) => s.id)).not.toContain(room.id);
  });

  it.each([
    ['three numbers', '120.1,30.1,120.2'],
    ['five numbers', '120.1,30.1,120.2,30.2,1'],
    ['not a number', 'NaN,30.1,120.2,30.2'],
    ['south above north', '120.1,30.3,120.2,30.2'],
    ['west beyond east', '120.3,30.1,120.2,30.2'],
    ['latitude out of range', '120.1,30.1,120.2,91'],
    ['longitude out of range', '-181,30.1,120.2,30.2'],
  ])('refuses a box of %s with a problem naming the field', async (_, bbox) => {
    const res = await t.call('GET', `/api/v1/map/layers?division=330105004&bbox=${encodeURIComponent(bbox)}`, 'hemu');
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['querystring.bbox']);
  });

  it('refuses a division beyond the account’s scope, and one that is no city, district, subdistrict or community', async () => {
    for (const division of ['330106', '330105', '330105005']) {
      const res = await t.call('GET', `/api/v1/map/layers?division=${division}`, 'hemu');
      expect(res.statusCode, `${division}: ${res.body}`).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.division']);
    }
    const province = await t.call('GET', '/api/v1/map/layers?division=330000', 'admin');
    expect(province.statusCode, province.body).toBe(422);
    expect(province.json().errors[0].path).toBe('query.division');
  });

  it('gives an account granted single compounds no space resources (they are kept per community)', async () => {
    const res = await t.call('GET', '/api/v1/map/layers', 'property');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().spaces).toEqual([]);
  });
});
