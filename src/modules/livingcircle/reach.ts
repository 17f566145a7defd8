// Reachability as plain functions: the walking circle of a compound and, per need, the facilities it reaches, the
// nearest one and whether the service standard leaves a gap. Walking distance comes from a loaded walking network
// when there is one (the `WalkingNetwork` seam) and otherwise from the straight-line distance × the detour factor.
// Boundaries are compared in whole metres and integers (distance × numerator ≤ limit × denominator), so a facility
// on the boundary is in or out the same way on every machine.
import type { Fraction } from '../../platform/money.ts';
import { needs, type Need } from './needs.ts';

export interface Point {
  lat: number;
  lng: number;
}

/** livingcircle.walk: how long and how fast people walk. */
export interface WalkRule {
  minutes: number;
  metresPerMinute: number;
}

/** livingcircle.service_standards: per need, kinds that must lie within a walking distance of their own. */
export type ServiceStandards = Partial<Record<Need, { kinds?: Record<string, number> }>>;

export interface CircleRules {
  walk: WalkRule;
  detour: Fraction;
  standards: ServiceStandards;
  /** The rule versions these values came from, recorded with every answer. */
  versions: { key: string; version: string }[];
}

export interface FacilityPoint extends Point {
  id: string;
  need: Need;
  kind: string;
}

/** A walking network's distance between two points in metres, or null where it has no path (then the detour applies). */
export interface WalkingNetwork {
  distanceM(from: Point, to: Point): number | null;
}

export interface NeedReach {
  need: Need;
  reached: { facilityId: string; distanceM: number }[];
  nearestM: number | null;
  gap: boolean;
}

const EARTH_M = 6_371_000;
const rad = (d: number) => (d * Math.PI) / 180;

/**
 * Straight-line distance in metres on the great circle. The circle itself measures on the plane of the compound's
 * latitude (equirectangular: within a few kilometres it differs from the great circle by decimetres, and it costs a
 * square root instead of four trigonometric calls, which a city's million pairs notice).
 */
export function straightM(a: Point, b: Point): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `north` and `east` metres from `p` (for fixtures and seeds: placing facilities at known distances). */
export function offset(p: Point, north: number, east: number): Point {
  return {
    lat: p.lat + (north / EARTH_M) * (180 / Math.PI),
    lng: p.lng + (east / (EARTH_M * Math.cos(rad(p.lat)))) * (180 / Math.PI),
  };
}

/** How far one walks in the circle's minutes, whole metres. */
export const walkLimitM = (walk: WalkRule) => Math.round(walk.minutes * walk.metresPerMinute);

/** The walking distance of a straight-line distance by the detour factor, whole metres. */
export const detourM = (straight: number, detour: Fraction) => Math.round((Math.round(straight) * detour.numerator) / detour.denominator);

/** The farthest walking distance any rule asks about: the circle, or a kind's standard beyond it. */
export function farthestWalkM(rules: CircleRules): number {
  let far = walkLimitM(rules.walk);
  for (const n of needs) for (const m of Object.values(rules.standards[n]?.kinds ?? {})) far = Math.max(far, m);
  return far;
}

/**
 * The straight-line radius to search around a compound: 1.5 times the farthest walking distance (so "nearest" is
 * answered for facilities a little beyond the circle too), back to straight line by the detour. With a network
 * loaded the network may be shorter than the detour says, never shorter than the straight line: the search
 * radius stays safe.
 */
export const searchRadiusM = (rules: CircleRules) => (1.5 * farthestWalkM(rules) * rules.detour.denominator) / rules.detour.numerator;

const M_PER_DEG = (EARTH_M * Math.PI) / 180;

/**
 * Each need of a compound: the facilities within the walking circle (nearest first, walking metres), the nearest
 * facility of the need within the search radius (null when none is), and the gap: no facility of the need in the
 * circle, or a kind the standards name with none within its own walking distance. Candidates beyond the search
 * radius are left out, so the answer does not depend on how wide a box the caller read. Distances live in typed
 * arrays indexed by candidate (a city's whole run measures a million or so: no object per candidate).
 */
export function circleOf(home: Point, candidates: readonly FacilityPoint[], rules: CircleRules, network?: WalkingNetwork): NeedReach[] {
  const limit = walkLimitM(rules.walk);
  const { numerator: num, denominator: den } = rules.detour;
  const radius = searchRadiusM(rules);
  const n = candidates.length;
  const walk = new Int32Array(n);
  // Whole straight-line metres, or -1 where the network measured the walk.
  const straight = new Int32Array(n);
  const byNeed = new Map<Need, number[]>(needs.map((x) => [x, []]));
  const cosLat = Math.cos(rad(home.lat));
  const r2 = (radius + 1) ** 2;
  for (let i = 0; i < n; i++) {
    const f = candidates[i]!;
    const dy = (f.lat - home.lat) * M_PER_DEG;
    const dx = (f.lng - home.lng) * M_PER_DEG * cosLat;
    const d2 = dx * dx + dy * dy;
    if (d2 > r2) continue;
    const s = Math.round(Math.sqrt(d2));
    if (s > radius) continue;
    const viaNetwork = network ? network.distanceM(home, f) : null;
    if (viaNetwork === null) {
      straight[i] = s;
      walk[i] = Math.round((s * num) / den);
    } else {
      straight[i] = -1;
      walk[i] = Math.round(viaNetwork);
    }
    byNeed.get(f.need)?.push(i);
  }
  const within = (i: number, m: number) => (straight[i]! < 0 ? walk[i]! <= m : straight[i]! * num <= m * den);
  return needs.map((need) => {
    const all = byNeed.get(need)!;
    all.sort((a, b) => walk[a]! - walk[b]! || (candidates[a]!.id < candidates[b]!.id ? -1 : 1));
    const reached: { facilityId: string; distanceM: number }[] = [];
    for (const i of all) if (within(i, limit)) reached.push({ facilityId: candidates[i]!.id, distanceM: walk[i]! });
    const kinds = rules.standards[need]?.kinds;
    let kindMissing = false;
    if (kinds)
      for (const kind in kinds) {
        const m = kinds[kind]!;
        if (!all.some((i) => candidates[i]!.kind === kind && within(i, m))) kindMissing = true;
      }
    return { need, reached, nearestM: all.length ? walk[all[0]!]! : null, gap: reached.length === 0 || kindMissing };
  });
}

/**
 * Points in square cells of half the search radius, so the candidates of a compound are the facilities of the 5 × 5
 * cells around it, kept only when a flat-earth check puts them within the radius (an in-memory grid: PostGIS is not
 * assumed). At a city's distances the flat check errs by centimetres; the great circle decides afterwards.
 */
export class GridIndex<T extends Point> {
  private readonly cells = new Map<number, T[]>();
  private readonly dLat: number;
  private readonly dLng: number;

  constructor(
    private readonly radiusM: number,
    atLat: number,
  ) {
    this.dLat = (radiusM / 2 / EARTH_M) * (180 / Math.PI);
    // Cells are sized at the widest latitude they will meet (the smallest cos), so two cells always span the radius.
    this.dLng = this.dLat / Math.cos(rad(Math.min(85, Math.abs(atLat) + 2)));
  }

  // Cell coordinates packed in one number (a city spans far fewer than 2^20 cells a side).
  private key(cx: number, cy: number) {
    return cx * 1_048_576 + cy;
  }

  add(p: T): void {
    const k = this.key(Math.floor(p.lng / this.dLng), Math.floor(p.lat / this.dLat));
    const cell = this.cells.get(k);
    if (cell) cell.push(p);
    else this.cells.set(k, [p]);
  }

  /** The points within the radius of `p` by the flat check (with a 1% margin: a superset of the great circle's). */
  near(p: Point): T[] {
    const cx = Math.floor(p.lng / this.dLng);
    const cy = Math.floor(p.lat / this.dLat);
    const cosLat = Math.cos(rad(p.lat));
    const r2 = (this.radiusM * 1.01) ** 2;
    const out: T[] = [];
    for (let x = cx - 2; x <= cx + 2; x++)
      for (let y = cy - 2; y <= cy + 2; y++) {
        const cell = this.cells.get(this.key(x, y));
        if (!cell) continue;
        for (const q of cell) {
          const dy = (q.lat - p.lat) * M_PER_DEG;
          const dx = (q.lng - p.lng) * M_PER_DEG * cosLat;
          if (dx * dx + dy * dy <= r2) out.push(q);
        }
      }
    return out;
  }
}

/** A box around a point that holds every point within `m` metres (for SQL range filters). */
export function boxAround(p: Point, m: number) {
  const dLat = (m / EARTH_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(0.01, Math.cos(rad(Math.abs(p.lat) + dLat)));
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng };
}
