// What each compound reaches: the rules in force, the facilities near it (a box in SQL, then a grid in memory),
// the circle per need from reach.ts, and the rows kept per compound and need for the division sums. A new
// facility recomputes only the compounds within the search radius of it; a new rule version makes every kept row
// stale (its `rules` tag differs), and the next sums recompute the division first.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { Fraction } from '../../platform/money.ts';
import { ruleAt } from '../../platform/policy.ts';
import { registry, type CirclePlace } from '../registry/index.ts';
import {
  boxAround,
  circleOf,
  GridIndex,
  searchRadiusM,
  type CircleRules,
  type FacilityPoint,
  type NeedReach,
  type Point,
  type ServiceStandards,
  type WalkingNetwork,
  type WalkRule,
} from './reach.ts';
import type { Need } from './needs.ts';

export const RULE_KEYS = ['livingcircle.walk', 'livingcircle.detour_factor', 'livingcircle.service_standards'] as const;

/** The circle's rules in force on a day (default today in Shanghai), with their versions. */
export async function circleRules(db: Db | Tx, at?: string): Promise<CircleRules> {
  // One after another: inside a transaction the three reads share one client.
  const walk = await ruleAt<WalkRule>(db, RULE_KEYS[0], at);
  const detour = await ruleAt<Fraction>(db, RULE_KEYS[1], at);
  const standards = await ruleAt<ServiceStandards>(db, RULE_KEYS[2], at);
  return {
    walk: walk.value,
    detour: detour.value,
    standards: standards.value,
    versions: [walk, detour, standards].map((r) => ({ key: r.key, version: r.version })),
  };
}

export const rulesTag = (rules: CircleRules) => rules.versions.map((v) => `${v.key}@${v.version}`).join(';');

/**
 * The walking network, where one is loaded. None is yet: reach falls back to straight line × detour. A loader
 * (OSM footways into a table of edges, shortest paths from each compound) plugs in here without touching reach.ts.
 */
export async function walkingNetwork(_db: Db | Tx): Promise<WalkingNetwork | undefined> {
  return undefined;
}

type Box = ReturnType<typeof boxAround>;

function unionBox(points: readonly Point[], m: number): Box | null {
  if (!points.length) return null;
  const boxes = points.map((p) => boxAround(p, m));
  return {
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
    minLng: Math.min(...boxes.map((b) => b.minLng)),
    maxLng: Math.max(...boxes.map((b) => b.maxLng)),
  };
}

/** The facilities inside a box (the place index's range scan). */
export async function facilitiesInBox(db: Db | Tx, box: Box, only?: readonly Need[]): Promise<FacilityPoint[]> {
  const res = await db.execute<{ id: string; need: Need; kind: string; lat: number; lng: number }>(sql`
    select id, need, kind, latitude::float8 as lat, longitude::float8 as lng from circle_facilities
    where latitude between ${box.minLat} and ${box.maxLat} and longitude between ${box.minLng} and ${box.maxLng}
      ${only ? sql`and need = any(${pgArray(only)}::text[])` : sql``}`);
  return res.rows;
}

/** The circles of some compounds from the facilities given (which must hold all within the search radius). */
export function circlesOf(
  places: readonly CirclePlace[],
  facilities: readonly FacilityPoint[],
  rules: CircleRules,
  network?: WalkingNetwork,
) {
  const radius = searchRadiusM(rules);
  const grid = new GridIndex<FacilityPoint>(radius, Math.max(...places.map((p) => Math.abs(p.lat)), 0));
  for (const f of facilities) grid.add(f);
  return places.map((p) => ({ place: p, needs: circleOf(p, grid.near(p), rules, network) }));
}

/** One compound's circle, now, under the rules in force. */
export async function circleOfPlace(db: Db | Tx, place: Point): Promise<{ rules: CircleRules; needs: NeedReach[] }> {
  const rules = await circleRules(db);
  const facilities = await facilitiesInBox(db, boxAround(place, searchRadiusM(rules)));
  return { rules, needs: circleOf(place, facilities, rules, await walkingNetwork(db)) };
}

/** Keeps the computed rows (one per compound and need); a row whose figures did not change is left as it was. */
async function keep(db: Db | Tx, circles: { place: CirclePlace; needs: NeedReach[] }[], tag: string): Promise<void> {
  const CHUNK = 5000;
  const rows = circles.flatMap((c) => c.needs.map((n) => ({ p: c.place, n })));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const col = <T extends string | number | null>(f: (r: (typeof part)[number]) => T) => pgArray(part.map(f));
    await db.execute(sql`
      insert into circle_compound_needs as c (compound_id, need, reached, nearest_m, gap, community_code, subdistrict_code,
        district_code, city_code, households, rules, computed_at)
      select u.*, ${tag}, now() from unnest(${col((r) => r.p.compoundId)}::uuid[], ${col((r) => r.n.need)}::text[],
        ${col((r) => r.n.reached.length)}::int[], ${col((r) => r.n.nearestM)}::int[], ${col((r) => (r.n.gap ? 't' : 'f'))}::boolean[],
        ${col((r) => r.p.communityCode)}::text[], ${col((r) => r.p.subdistrictCode)}::text[], ${col((r) => r.p.districtCode)}::text[],
        ${col((r) => r.p.cityCode)}::text[], ${col((r) => r.p.households)}::int[]) as u
      on conflict (compound_id, need) do update set reached = excluded.reached, nearest_m = excluded.nearest_m, gap = excluded.gap,
        community_code = excluded.community_code, subdistrict_code = excluded.subdistrict_code, district_code = excluded.district_code,
        city_code = excluded.city_code, households = excluded.households, rules = excluded.rules, computed_at = excluded.computed_at
      where (c.reached, c.nearest_m, c.gap, c.community_code, c.subdistrict_code, c.district_code, c.city_code, c.households, c.rules)
        is distinct from (excluded.reached, excluded.nearest_m, excluded.gap, excluded.community_code, excluded.subdistrict_code,
          excluded.district_code, excluded.city_code, excluded.households, excluded.rules)`);
  }
}

/** Recomputes and keeps every compound of a division (the whole city: one box of facilities, one grid). */
export async function recomputeDivision(db: Db | Tx, division: string): Promise<{ compounds: number; facilities: number }> {
  const rules = await circleRules(db);
  const places = await registry.circlePlaces(db, { division });
  const box = unionBox(places, searchRadiusM(rules));
  if (!box) return { compounds: 0, facilities: 0 };
  const facilities = await facilitiesInBox(db, box);
  await keep(db, circlesOf(places, facilities, rules, await walkingNetwork(db)), rulesTag(rules));
  return { compounds: places.length, facilities: facilities.length };
}

/**
 * After facilities are added at these points: recomputes and keeps the compounds whose circle they may touch. Given
 * the needs the new facilities serve, only those needs are recomputed (a new clinic changes nothing about food).
 */
export async function recomputeAround(db: Db | Tx, points: readonly Point[], only?: readonly Need[]): Promise<{ compounds: number }> {
  if (!points.length) return { compounds: 0 };
  const rules = await circleRules(db);
  const radius = searchRadiusM(rules);
  const near = unionBox(points, radius)!;
  const candidates = await registry.circlePlaces(db, { box: near });
  // A union box over far-apart points holds compounds near none of them: keep only those within a box of one.
  const boxes = points.map((p) => boxAround(p, radius));
  const places = candidates.filter((c) =>
    boxes.some((b) => c.lat >= b.minLat && c.lat <= b.maxLat && c.lng >= b.minLng && c.lng <= b.maxLng),
  );
  if (!places.length) return { compounds: 0 };
  const facilities = await facilitiesInBox(db, unionBox(places, radius)!, only);
  const circles = circlesOf(places, facilities, rules, await walkingNetwork(db));
  await keep(db, only ? circles.map((c) => ({ ...c, needs: c.needs.filter((n) => only.includes(n.need)) })) : circles, rulesTag(rules));
  return { compounds: places.length };
}
