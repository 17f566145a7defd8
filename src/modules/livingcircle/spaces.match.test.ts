// Matching space to gaps as plain functions, under the shipped rules: a resource suits a need by its kind, its area
// (the minimum included, a hundredth below refused) and its walking distance; the statuses move only in order;
// the what-if counts the compounds and households whose gap a conversion would close, and the ranking puts the
// resource closing the compound's own gap first.
import { describe, expect, it } from 'vitest';
import shipped from '../../../reference/cities/330100/policy-rules.json' with { type: 'json' };
import type { Fraction } from '../../platform/money.ts';
import { offset, type CircleRules, type FacilityPoint, type Point, type ServiceStandards, type WalkRule } from './reach.ts';
import {
  canMove,
  coverageGain,
  hundredths,
  matchSpaces,
  spaceStatuses,
  sumAreas,
  unsuitable,
  type HomePlace,
  type MatchingRule,
  type SpacePoint,
} from './spaces.match.ts';

const value = <T>(key: string) => shipped.rules.find((r) => r.key === key)!.value as T;
const rules: CircleRules = {
  walk: value<WalkRule>('livingcircle.walk'),
  detour: value<Fraction>('livingcircle.detour_factor'),
  standards: value<ServiceStandards>('livingcircle.service_standards'),
  versions: [],
};
const rule = value<MatchingRule>('livingcircle.space_matching');
const home: HomePlace = { compoundId: 'home', households: 40, lat: 30.28, lng: 120.11 };
const north = (p: Point, m: number) => offset(p, m, 0);
const space = (id: string, metres: number, over: Partial<SpacePoint> = {}): SpacePoint => ({
  id,
  kind: 'state_room',
  areaM2: '320.00',
  status: 'offered',
  ...north(home, metres),
  ...over,
});

describe('space resources', () => {
  it('move offered → allocated → converted → in use, one step at a time and never back', () => {
    const allowed = spaceStatuses.flatMap((a) => spaceStatuses.filter((b) => canMove(a, b)).map((b) => `${a}>${b}`));
    expect(allowed).toEqual(['offered>allocated', 'allocated>converted', 'converted>in_use']);
  });

  it('compare and add areas exactly in hundredths', () => {
    expect(hundredths('300')).toBe(30000n);
    expect(hundredths('299.99')).toBe(29999n);
    expect(hundredths('0.5')).toBe(50n);
    expect(() => hundredths('1.234')).toThrow();
    expect(sumAreas(['0.10', '0.20', '1234.56'])).toBe('1234.86');
  });

  it("suit a need by the rule's kinds, the minimum area and the walking radius", () => {
    const min = rule.needs.elderly_care!.minAreaM2;
    expect(min).toBe('300.00');
    expect(unsuitable(space('a', 500, { areaM2: '300.00' }), 'elderly_care', home, rule, rules)).toBeNull();
    expect(unsuitable(space('a', 500, { areaM2: '299.99' }), 'elderly_care', home, rule, rules)).toBe('area');
    // Scattered land is no room for a day-care centre, but suits a fitness ground.
    expect(unsuitable(space('a', 500, { kind: 'scattered_land' }), 'elderly_care', home, rule, rules)).toBe('kind');
    expect(unsuitable(space('a', 500, { kind: 'scattered_land' }), 'recreation', home, rule, rules)).toBeNull();
    expect(unsuitable(space('a', 500, { status: 'converted' }), 'elderly_care', home, rule, rules)).toBe('status');
    expect(unsuitable(space('a', 500, { status: 'allocated' }), 'elderly_care', home, rule, rules)).toBeNull();
    // 1,200 m walking is 1,000 m straight under the 6/5 detour: 1,000 in, 1,001 out.
    expect(unsuitable(space('a', 1000), 'elderly_care', home, rule, rules)).toBeNull();
    expect(unsuitable(space('a', 1001.2), 'elderly_care', home, rule, rules)).toBe('distance');
  });
});

describe('the what-if of a conversion', () => {
  const neighbour: HomePlace = { compoundId: 'next', households: 25, ...north(home, 300) };
  const farAway: HomePlace = { compoundId: 'far', households: 99, ...north(home, 3000) };
  const covered: HomePlace = { compoundId: 'covered', households: 10, ...offset(home, 0, -900) };
  // A day-care centre 200 m from the covered compound (and 700 m from home: beyond the 600 m standard).
  const existing: FacilityPoint = { id: 'f1', need: 'elderly_care', kind: 'elderly_day_care', ...offset(home, 0, -700) };

  it('counts the compounds whose gap it closes, with their households, and not those already served or out of reach', () => {
    const gain = coverageGain(
      north(home, 150),
      { need: 'elderly_care', kind: 'elderly_day_care' },
      [home, neighbour, farAway, covered],
      [existing],
      rules,
    );
    expect(gain.compounds.sort()).toEqual(['home', 'next']);
    expect(gain.households).toBe(65);
  });

  it("closes nothing when the kind built is not the standard's kind", () => {
    const gain = coverageGain(north(home, 150), { need: 'elderly_care', kind: 'elderly_care_station' }, [home], [], rules);
    expect(gain).toEqual({ compounds: [], households: 0 });
  });

  it("ranks first what closes the compound's own gap, then by households gained, then by distance", () => {
    const spaces = [
      space('far', 900),
      space('near', 100),
      space('too-small', 50, { areaM2: '80.00' }),
      space('closer-same-gain', 80),
      space('land', 60, { kind: 'scattered_land' }),
    ];
    const matched = matchSpaces(home, ['elderly_care', 'transport'], spaces, [home, neighbour], [], rule, rules);
    // In the needs' own order (衣食行医养文娱), whatever order the gaps came in.
    expect(matched.map((g) => g.need)).toEqual(['transport', 'elderly_care']);
    const [transport, care] = matched;
    expect(care!.need).toBe('elderly_care');
    expect(care!.kind).toBe('elderly_day_care');
    expect(care!.minAreaM2).toBe('300.00');
    expect(care!.matches.map((x) => x.spaceId)).toEqual(['closer-same-gain', 'near', 'far']);
    expect(care!.matches[0]).toMatchObject({ closesGap: true, gain: { compounds: 2, households: 65 }, distanceM: 96 });
    // 900 m north is 1,080 m walking from home (beyond the 600 m standard) and 600 m straight, 720 walking, from the neighbour.
    expect(care!.matches[2]).toMatchObject({ closesGap: false, gain: { compounds: 0, households: 0 }, distanceM: 1080 });
    // Transport: only scattered land suits a bike station.
    expect(transport!.matches.map((x) => x.spaceId)).toEqual(['land']);
  });
});
