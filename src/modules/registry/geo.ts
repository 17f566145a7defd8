// Where things are, for modules that place events on the map (the grid): a building's or a compound's place
// (community, subdistrict, coordinates), and the compound nearest a point. No scope: callers decide who may see.
import { sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';

export interface CompoundPlace {
  compoundId: string;
  name: string;
  address: string;
  communityCode: string;
  subdistrictCode: string;
  lat: number | null;
  lng: number | null;
}

interface PlaceRow {
  compound_id: string;
  name: string;
  address: string;
  community_code: string;
  subdistrict_code: string;
  lat: string | null;
  lng: string | null;
  [k: string]: unknown;
}

const place = (r: PlaceRow): CompoundPlace => ({
  compoundId: r.compound_id,
  name: r.name,
  address: r.address,
  communityCode: r.community_code,
  subdistrictCode: r.subdistrict_code,
  lat: r.lat === null ? null : Number(r.lat),
  lng: r.lng === null ? null : Number(r.lng),
});

const columns = sql`c.id as compound_id, c.name, c.address, c.community_code, c.subdistrict_code, c.latitude as lat, c.longitude as lng`;

/** The compounds' places, by id; unknown ids are left out. */
export async function compoundPlaces(db: Db | Tx, ids: string[]): Promise<Map<string, CompoundPlace>> {
  if (!ids.length) return new Map();
  const res = await db.execute<PlaceRow>(sql`select ${columns} from compounds c where c.id = any(${pgArray(ids)}::uuid[])`);
  return new Map(res.rows.map((r) => [r.compound_id, place(r)]));
}

/** The places of buildings (their compound's), by building id; unknown ids are left out. */
export async function buildingPlaces(db: Db | Tx, ids: string[]): Promise<Map<string, CompoundPlace & { buildingName: string }>> {
  if (!ids.length) return new Map();
  const res = await db.execute<PlaceRow & { building_id: string; building_name: string }>(
    sql`select b.id as building_id, b.name as building_name, ${columns}
        from buildings b join compounds c on c.id = b.compound_id where b.id = any(${pgArray(ids)}::uuid[])`,
  );
  return new Map(res.rows.map((r) => [r.building_id, { ...place(r), buildingName: r.building_name }]));
}

/** The compound nearest a point, if one lies within `withinM` metres (a box first, then the great-circle distance). */
export async function nearestCompound(
  db: Db | Tx,
  p: { lat: number; lng: number },
  withinM: number,
): Promise<(CompoundPlace & { distanceM: number }) | null> {
  const dLat = withinM / 111_320;
  const dLng = withinM / (111_320 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)));
  const res = await db.execute<PlaceRow & { distance_m: number }>(sql`
    select * from (
      select ${columns},
        2 * 6371000 * asin(least(1, sqrt(
          power(sin(radians(c.latitude::float8 - ${p.lat}) / 2), 2) +
          cos(radians(${p.lat})) * cos(radians(c.latitude::float8)) * power(sin(radians(c.longitude::float8 - ${p.lng}) / 2), 2)
        ))) as distance_m
      from compounds c
      where c.latitude between ${p.lat - dLat} and ${p.lat + dLat} and c.longitude between ${p.lng - dLng} and ${p.lng + dLng}
    ) near where distance_m <= ${withinM} order by distance_m limit 1`);
  const r = res.rows[0];
  return r ? { ...place(r), distanceM: Number(r.distance_m) } : null;
}

/** A compound where the living circle needs it: its divisions, point and households. */
export interface CirclePlace {
  compoundId: string;
  name: string;
  communityCode: string;
  subdistrictCode: string;
  districtCode: string;
  cityCode: string;
  lat: number;
  lng: number;
  households: number;
}

type PlaceFilter = { division?: string; box?: { minLat: number; maxLat: number; minLng: number; maxLng: number }; ids?: string[] };

function placeConditions(where: PlaceFilter): SQL {
  const d = where.division;
  const conds = [sql`c.latitude is not null and c.longitude is not null`];
  if (d) conds.push(sql`(c.community_code = ${d} or c.subdistrict_code = ${d} or c.district_code = ${d} or c.city_code = ${d})`);
  if (where.box)
    conds.push(
      sql`c.latitude between ${where.box.minLat} and ${where.box.maxLat} and c.longitude between ${where.box.minLng} and ${where.box.maxLng}`,
    );
  if (where.ids) conds.push(sql`c.id = any(${pgArray(where.ids)}::uuid[])`);
  return sql.join(conds, sql` and `);
}

/** How many compounds `circlePlaces` would answer: the living circle checks its kept rows against it. */
export async function circlePlaceCount(db: Db | Tx, where: PlaceFilter): Promise<number> {
  const res = await db.execute<{ n: number }>(sql`select count(*)::int as n from compounds c where ${placeConditions(where)}`);
  return res.rows[0]!.n;
}

/**
 * The compounds with coordinates under a division and/or inside a box (the living circle's reach; no scope:
 * callers decide who may see). One range scan of the compounds: a city's few thousand rows.
 */
export async function circlePlaces(db: Db | Tx, where: PlaceFilter): Promise<CirclePlace[]> {
  const res = await db.execute<{
    id: string;
    name: string;
    community_code: string;
    subdistrict_code: string;
    district_code: string;
    city_code: string;
    lat: string;
    lng: string;
    households: number;
  }>(sql`select c.id, c.name, c.community_code, c.subdistrict_code, c.district_code, c.city_code, c.latitude as lat,
      c.longitude as lng, c.households_count as households from compounds c where ${placeConditions(where)} order by c.id`);
  return res.rows.map((r) => ({
    compoundId: r.id,
    name: r.name,
    communityCode: r.community_code,
    subdistrictCode: r.subdistrict_code,
    districtCode: r.district_code,
    cityCode: r.city_code,
    lat: Number(r.lat),
    lng: Number(r.lng),
    households: Number(r.households),
  }));
}
