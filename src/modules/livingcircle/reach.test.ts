// The circle's rules as plain functions: the shipped defaults put a facility 900 m away inside and one 1,300 m away
// outside; the boundary is decided in whole metres; standards per kind make gaps; a loaded walking network is used
// instead of the detour; the grid index finds every facility within the radius.
import { describe, expect, it } from 'vitest';
import shipped from '../../../reference/cities/330100/policy-rules.json' with { type: 'json' };
import { prng } from '../../platform/random.ts';
import type { Fraction } from '../../platform/money.ts';
import {
  circleOf,
  GridIndex,
  offset,
  searchRadiusM,
  straightM,
  walkLimitM,
  type CircleRules,
  type FacilityPoint,
  type ServiceStandards,
  type WalkRule,
} from './reach.ts';

const value = <T>(key: string) => shipped.rules.find((r) => r.key === key)!.value as T;
const defaults: CircleRules = {
  walk: value<WalkRule>('livingcircle.walk'),
  detour: value<Fraction>('livingcircle.detour_factor'),
  standards: value<ServiceStandards>('livingcircle.service_standards'),
  versions: [],
};
const home = { lat: 30.28, lng: 120.11 };
const at = (id: string, metres: number, need: FacilityPoint['need'], kind: string, bearing = 0): FacilityPoint => {
  const b = (bearing * Math.PI) / 180;
  return { id, need, kind, ...offset(home, metres * Math.cos(b), metres * Math.sin(b)) };
};
const food = (rules: CircleRules, fs: FacilityPoint[]) => circleOf(home, fs, rules).find((n) => n.need === 'food')!;

describe('the walking circle', () => {
  it('places points at the distance asked', () => {
    for (const bearing of [0, 45, 90, 200]) expect(straightM(home, at('x', 900, 'food', 'market', bearing))).toBeCloseTo(900, 0);
  });

  it('with the shipped speed and detour, reaches a facility 900 m away and not one 1,300 m away', () => {
    expect(walkLimitM(defaults.walk)).toBe(1200);
    const near = at('near', 900, 'food', 'market');
    const far = at('far', 1300, 'food', 'canteen', 90);
    const n = food(defaults, [far, near]);
    expect(n.reached).toEqual([{ facilityId: 'near', distanceM: 1080 }]);
    expect(n.nearestM).toBe(1080);
    expect(n.gap).toBe(false);
  });

  it('decides the boundary in whole metres: 1,000 m straight is in, 1,001 m is out', () => {
    expect(food(defaults, [at('edge', 1000, 'food', 'market')]).reached).toHaveLength(1);
    expect(food(defaults, [at('edge', 1001, 'food', 'market')]).reached).toHaveLength(0);
  });

  it('moves the boundary with the rule: 20 minutes reach 1,300 m; a detour of 1.4 loses 900 m', () => {
    const longer = { ...defaults, walk: { ...defaults.walk, minutes: 20 } };
    expect(food(longer, [at('far', 1300, 'food', 'canteen')]).reached.map((r) => r.facilityId)).toEqual(['far']);
    const winding = { ...defaults, detour: { numerator: 7, denominator: 5 } };
    expect(food(winding, [at('near', 900, 'food', 'canteen')]).reached).toHaveLength(0);
  });

  it('finds a gap where the need has nothing in the circle, or a kind the standard names is beyond its distance', () => {
    const needs = circleOf(
      home,
      [at('dc', 700, 'elderly_care', 'elderly_day_care'), at('st', 300, 'elderly_care', 'elderly_care_station')],
      defaults,
    );
    const elderly = needs.find((n) => n.need === 'elderly_care')!;
    // 700 m straight is 840 m walking: inside the circle, beyond the day-care standard of 600 m.
    expect(elderly.reached.map((r) => r.facilityId)).toEqual(['st', 'dc']);
    expect(elderly.gap).toBe(true);
    const close = circleOf(home, [at('dc', 400, 'elderly_care', 'elderly_day_care')], defaults).find((n) => n.need === 'elderly_care')!;
    expect(close.gap).toBe(false);
    const clothing = needs.find((n) => n.need === 'clothing')!;
    expect(clothing).toEqual({ need: 'clothing', reached: [], nearestM: null, gap: true });
    // Nearest is told beyond the circle too.
    expect(food(defaults, [at('far', 1500, 'food', 'market')])).toMatchObject({ reached: [], nearestM: 1800, gap: true });
  });

  it('uses a loaded walking network where it has a path, the detour elsewhere', () => {
    const river = at('river', 500, 'food', 'market');
    const other = at('other', 500, 'food', 'canteen', 180);
    const network = { distanceM: (_: unknown, to: { lat: number }) => (to.lat === river.lat ? 1500 : null) };
    const n = circleOf(home, [river, other], defaults, network).find((x) => x.need === 'food')!;
    expect(n.reached).toEqual([{ facilityId: 'other', distanceM: 600 }]);
    expect(n.nearestM).toBe(600);
  });

  it('the grid index returns every facility within the search radius', () => {
    const rnd = prng(7);
    const radius = searchRadiusM(defaults);
    const grid = new GridIndex<FacilityPoint>(radius, home.lat);
    const all = Array.from({ length: 2000 }, (_, i) => at(String(i), rnd.int(0, 8000), 'food', 'market', rnd.int(0, 359)));
    for (const f of all) grid.add(f);
    for (let k = 0; k < 20; k++) {
      const p = offset(home, rnd.int(-4000, 4000), rnd.int(-4000, 4000));
      const found = new Set(grid.near(p).map((f) => f.id));
      for (const f of all) if (straightM(p, f) <= radius) expect(found.has(f.id)).toBe(true);
    }
  });
});
