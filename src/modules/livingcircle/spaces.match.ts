// Space resources as plain functions: their kinds and the order of their statuses, whether a resource suits a
// need (its kind, its area against the rule's minimum, its walking distance against the rule's radius), and the
// what-if of a conversion: which compounds would have the need's gap closed if the resource became the need's
// facility. Areas are compared in hundredths of a square metre (BigInt), distances in whole metres and integers,
// as reach.ts does, so a resource on a boundary is in or out the same way everywhere.
import { needs, type FacilityKind, type Need } from './needs.ts';
import { circleOf, detourM, GridIndex, searchRadiusM, straightM, type CircleRules, type FacilityPoint, type Point } from './reach.ts';

export const spaceKinds = ['scattered_land', 'existing_room', 'state_room'] as const;
export type SpaceKind = (typeof spaceKinds)[number];

export const spaceStatuses = ['offered', 'allocated', 'converted', 'in_use'] as const;
export type SpaceStatus = (typeof spaceStatuses)[number];

/** The one status each status may move to (offered → allocated → converted → in use); none after in use. */
export const nextStatus: Record<SpaceStatus, SpaceStatus | null> = {
  offered: 'allocated',
  allocated: 'converted',
  converted: 'in_use',
  in_use: null,
};

export const canMove = (from: SpaceStatus, to: SpaceStatus) => nextStatus[from] === to;

/** Statuses a resource is still available in: what matching offers. */
export const availableStatuses: readonly SpaceStatus[] = ['offered', 'allocated'];

/** Statuses whose area counts as revitalised (the conversion is done). */
export const revitalisedStatuses: readonly SpaceStatus[] = ['converted', 'in_use'];

/** livingcircle.space_matching: the walking radius to look within, and per need what to build, on what, from what area. */
export interface MatchingRule {
  radiusM: number;
  needs: Partial<Record<Need, { kind: FacilityKind; minAreaM2: string; spaceKinds: SpaceKind[] }>>;
}

/** "120.5" → 12050n: an area's hundredths of a square metre (the API's areas have at most two decimals). */
export function hundredths(area: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!m) throw new RangeError(`not an area: ${area}`);
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** The sum of areas as an exact two-decimal string. */
export function sumAreas(areas: readonly string[]): string {
  const t = areas.reduce((s, a) => s + hundredths(a), 0n);
  return `${t / 100n}.${String(t % 100n).padStart(2, '0')}`;
}

/** a − b when positive, else "0.00": the area of rooms beyond what a report already counts. */
export function areaBeyond(a: string, b: string): string {
  const d = hundredths(a) - hundredths(b);
  return d > 0n ? sumAreas([`${d / 100n}.${String(d % 100n).padStart(2, '0')}`]) : '0.00';
}

export interface SpacePoint extends Point {
  id: string;
  kind: SpaceKind;
  areaM2: string;
  status: SpaceStatus;
}

export type Unsuitable = 'status' | 'kind' | 'area' | 'distance' | 'no_rule';

/** Walking metres between two points by the detour factor (no network for resources yet). */
export const walkingM = (a: Point, b: Point, rules: CircleRules) => detourM(straightM(a, b), rules.detour);

/** Whether a resource suits a need for a compound at `home`: null when it does, else the first reason it does not. */
export function unsuitable(space: SpacePoint, need: Need, home: Point, rule: MatchingRule, rules: CircleRules): Unsuitable | null {
  const r = rule.needs[need];
  if (!r) return 'no_rule';
  if (!availableStatuses.includes(space.status)) return 'status';
  if (!r.spaceKinds.includes(space.kind)) return 'kind';
  if (hundredths(space.areaM2) < hundredths(r.minAreaM2)) return 'area';
  const straight = Math.round(straightM(home, space));
  if (straight * rules.detour.numerator > rule.radiusM * rules.detour.denominator) return 'distance';
  return null;
}

export interface HomePlace extends Point {
  compoundId: string;
  households: number;
}

/**
 * What-if: the compounds (among `places`) whose gap in `need` a facility of `kind` at `at` would close, with
 * their households. `facilities` must hold every facility within the search radius of those places (the
 * caller's box); compounds beyond the search radius of `at` cannot change and are not measured.
 */
export function coverageGain(
  at: Point,
  build: { need: Need; kind: string },
  places: readonly HomePlace[],
  facilities: readonly FacilityPoint[],
  rules: CircleRules,
): { compounds: string[]; households: number } {
  const radius = searchRadiusM(rules);
  const near = places.filter((p) => straightM(p, at) <= radius);
  if (!near.length) return { compounds: [], households: 0 };
  const grid = new GridIndex<FacilityPoint>(radius, Math.max(...near.map((p) => Math.abs(p.lat))));
  for (const f of facilities) if (f.need === build.need) grid.add(f);
  const added: FacilityPoint = { id: 'what-if', need: build.need, kind: build.kind, lat: at.lat, lng: at.lng };
  const gapOf = (home: Point, cands: FacilityPoint[]) => circleOf(home, cands, rules).find((n) => n.need === build.need)!.gap;
  const closed: HomePlace[] = [];
  for (const p of near) {
    const cands = grid.near(p);
    if (gapOf(p, cands) && !gapOf(p, [...cands, added])) closed.push(p);
  }
  return { compounds: closed.map((p) => p.compoundId), households: closed.reduce((s, p) => s + p.households, 0) };
}

export interface SpaceMatch {
  spaceId: string;
  distanceM: number;
  /** Whether converting it closes this compound's own gap. */
  closesGap: boolean;
  gain: { compounds: number; households: number };
}

/**
 * For each gap of a compound, the suitable resources ranked: those closing the compound's own gap first, then by
 * households whose gap they would close, then by walking distance, then by id (a stable order).
 */
export function matchSpaces(
  home: HomePlace,
  gaps: readonly Need[],
  spaces: readonly SpacePoint[],
  places: readonly HomePlace[],
  facilities: readonly FacilityPoint[],
  rule: MatchingRule,
  rules: CircleRules,
): { need: Need; kind: FacilityKind | null; minAreaM2: string | null; matches: SpaceMatch[] }[] {
  const ordered = needs.filter((n) => gaps.includes(n));
  return ordered.map((need) => {
    const r = rule.needs[need];
    if (!r) return { need, kind: null, minAreaM2: null, matches: [] };
    const matches = spaces
      .filter((s) => unsuitable(s, need, home, rule, rules) === null)
      .map((s) => {
        const gain = coverageGain(s, { need, kind: r.kind }, places, facilities, rules);
        return {
          spaceId: s.id,
          distanceM: walkingM(home, s, rules),
          closesGap: gain.compounds.includes(home.compoundId),
          gain: { compounds: gain.compounds.length, households: gain.households },
        };
      })
      .sort(
        (a, b) =>
          Number(b.closesGap) - Number(a.closesGap) ||
          b.gain.households - a.gain.households ||
          a.distanceM - b.distanceM ||
          (a.spaceId < b.spaceId ? -1 : a.spaceId > b.spaceId ? 1 : 0),
      );
    return { need, kind: r.kind, minAreaM2: r.minAreaM2, matches };
  });
}
