// The district map's drill-down and hit-testing as plain functions (web/src/app/geo.ts, geoLayers.tsx): the web
// app has no unit-test runner of its own, so they are tested here, without a browser or a database. Which division
// a compound falls in one level down, outlines around one or two compounds, which outline a click lands in (the
// smallest where two overlap), and which points lie under the pointer.
import { describe, expect, it } from 'vitest';
import { fitView, insideRing, pointsNear, polygonAt, project, ringArea, unproject } from '../../../web/src/app/geo.ts';
import { childDivisionOf, divisionOutlines, drawnLayers, SPACE_COLOURS, type MapCompound } from '../../../web/src/app/geoLayers.tsx';

const compound = (id: string, communityCode: string, lat: number, lng: number): MapCompound => ({
  id,
  name: id,
  lat,
  lng,
  communityCode,
  subdistrictCode: communityCode.slice(0, 9),
  stage: null,
  households: 10,
  gapCount: 0,
  gaps: [],
});

describe('map drill-down', () => {
  const a = compound('a', '330105004001', 30.3, 120.12);
  const b = compound('b', '330105004002', 30.31, 120.13);
  const c = compound('c', '330105005001', 30.32, 120.14);
  const d = compound('d', '330106001001', 30.25, 120.1);

  it('reads the division one level below off the compound’s codes', () => {
    expect(childDivisionOf('330100', a)).toBe('330105');
    expect(childDivisionOf('330100', d)).toBe('330106');
    expect(childDivisionOf('330105', a)).toBe('330105004');
    expect(childDivisionOf('330105', c)).toBe('330105005');
    expect(childDivisionOf('330105', d)).toBeNull();
    expect(childDivisionOf('330105004', a)).toBe('330105004001');
    expect(childDivisionOf('330105004', b)).toBe('330105004002');
    expect(childDivisionOf('330105004', c)).toBeNull();
    expect(childDivisionOf('330105004001', a)).toBeNull(); // a community has nothing below
    expect(childDivisionOf('330000', a)).toBeNull(); // a province is not drawn
    expect(childDivisionOf(null, a)).toBeNull();
  });

  it('outlines every division below, even one of a single compound, and a click lands in the smallest outline', () => {
    const outlines = divisionOutlines([a, b, c, d], (x) => childDivisionOf('330105', x), '#000', {
      padM: 120,
      labelOf: (k) => `name-${k}`,
    });
    expect(outlines.map((o) => o.key).sort()).toEqual(['330105004', '330105005']);
    const single = outlines.find((o) => o.key === '330105005')!;
    expect(single.label).toBe('name-330105005');
    expect(insideRing(c, single.ring)).toBe(true);
    // 120 m either side: about 0.00108° of latitude; 200 m north is outside.
    expect(insideRing({ lat: c.lat + 0.0018, lng: c.lng }, single.ring)).toBe(false);
    expect(ringArea(single.ring)).toBeCloseTo(((2 * 120) / 111_320) ** 2 / Math.cos((c.lat * Math.PI) / 180), 8);

    const both = outlines.find((o) => o.key === '330105004')!;
    const between = { lat: (a.lat + b.lat) / 2, lng: (a.lng + b.lng) / 2 };
    expect(polygonAt(outlines, between)?.key).toBe('330105004');
    expect(polygonAt(outlines, c)?.key).toBe('330105005');
    expect(polygonAt(outlines, { lat: 30.0, lng: 120.0 })).toBeNull();
    // Where two outlines overlap, the smaller one is meant.
    const big = { ...both, id: 'big', key: 'big' };
    const around = {
      id: 'around',
      key: 'around',
      ring: [
        { lat: 30.2, lng: 120.0 },
        { lat: 30.2, lng: 120.3 },
        { lat: 30.4, lng: 120.3 },
        { lat: 30.4, lng: 120.0 },
      ],
    };
    expect(polygonAt([around, big, single], c)?.key).toBe('330105005');
    expect(polygonAt([around, big, single], between)?.key).toBe('big');
  });

  it('finds the points under the pointer, nearest first, and lets inert ones through', () => {
    const view = fitView([a, b, c], 800, 600);
    const at = project(view, a, 800, 600);
    const near = { id: 'near', ...unproject(view, at.x + 4, at.y, 800, 600) };
    const points = [
      { id: 'c', lat: c.lat, lng: c.lng },
      { ...near, size: 3 },
      { id: 'a', lat: a.lat, lng: a.lng },
    ];
    expect(pointsNear(points, view, 800, 600, at.x, at.y, 9).map((p) => p.id)).toEqual(['a', 'near']);
    expect(pointsNear(points, view, 800, 600, at.x + 30, at.y, 9)).toEqual([]);

    // Facilities and spaces are drawn inert: a click on them reaches the outline beneath.
    const drawn = drawnLayers(
      {
        circle: { radiusM: 1000, walkM: 1200 },
        compounds: [a],
        facilities: [{ id: 'f', name: 'f', need: 'food', kind: 'canteen', lat: a.lat, lng: a.lng }],
        spaces: [{ id: 's', name: '闲置用房', kind: 'state_room', status: 'allocated', areaM2: '88.25', lat: b.lat, lng: b.lng }],
      },
      { compounds: true, facilities: true, spaces: true, circles: false, gaps: false },
      {
        stage: () => '',
        need: (n) => n,
        compoundTip: (x) => x.name,
        facilityTip: (x) => x.name,
        noStage: '未列入改造',
        gapRing: '',
        facility: (n) => n,
        spaceTip: (s) => `${s.name} ${s.areaM2}`,
        space: (st) => `空间资源：${st}`,
      },
    );
    expect(drawn.points.map((p) => [p.id, p.inert ?? false, p.shape ?? 'dot'])).toEqual([
      ['a', false, 'dot'],
      ['f', true, 'square'],
      ['s', true, 'diamond'],
    ]);
    expect(drawn.points.find((p) => p.id === 's')).toMatchObject({
      color: SPACE_COLOURS.allocated,
      label: '闲置用房 88.25',
      layer: 'spaces',
    });
    expect(drawn.legend.find((l) => l.key === 'space-allocated')).toMatchObject({ shape: 'diamond', label: '空间资源：allocated' });
    expect(drawn.legend.some((l) => l.key === 'space-offered')).toBe(false);
  });
});
