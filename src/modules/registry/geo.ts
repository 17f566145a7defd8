// Where things are, for modules that place events on the map (the grid): a building's or a compound's place
// (community, subdistrict, coordinates), and the compound nearest a point. No scope: callers decide who may see.
import { sql } from 'drizzle-orm';
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
