// The one indexed query matching runs: every slot of an active offering of the kind, by an active provider serving
// the elder's compound, that the service time falls in, with the provider's point, rating, gender, dialects and
// qualifications (the latest validity of each code). service_provider_compounds' key starts with the compound,
// offerings are indexed by (provider, kind) and slots by (offering, start), so the query reads only those rows.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Candidate } from './matching.ts';
import type { Gender } from './schema.ts';

interface Row {
  provider_id: string;
  provider_name: string;
  offering_id: string;
  slot_id: string;
  price_fen: number;
  lat: number;
  lng: number;
  capacity: number;
  booked: number;
  rating_sum: number;
  rating_count: number;
  gender: Gender | null;
  dialects: string[];
  quals: Record<string, string> | null;
  [k: string]: unknown;
}

/** Slots last at most a day (addSlots refuses longer ones): the start bound keeps the index scan short. */
export async function findCandidates(db: Db | Tx, q: { compoundId: string; kind: string; at: Date }): Promise<Candidate[]> {
  const at = q.at.toISOString();
  const res = await db.execute<Row>(sql`
    select p.id as provider_id, p.name as provider_name, o.id as offering_id, s.id as slot_id, o.price_fen,
      p.lat::float8 as lat, p.lng::float8 as lng, s.capacity, s.booked, p.rating_sum, p.rating_count, p.gender, p.dialects,
      (select jsonb_object_agg(x.code, x.valid_until) from (
         select code, max(valid_until)::text as valid_until from service_qualifications where provider_id = p.id group by code) x) as quals
    from service_provider_compounds pc
    join service_providers p on p.id = pc.provider_id and p.active
    join service_offerings o on o.provider_id = p.id and o.kind = ${q.kind} and o.active
    join service_slots s on s.offering_id = o.id and s.starts_at <= ${at}::timestamptz
      and s.starts_at > ${at}::timestamptz - interval '1 day' and s.ends_at > ${at}::timestamptz
    where pc.compound_id = ${q.compoundId}::uuid`);
  return res.rows.map((r) => ({
    providerId: r.provider_id,
    providerName: r.provider_name,
    offeringId: r.offering_id,
    slotId: r.slot_id,
    priceFen: r.price_fen,
    lat: r.lat,
    lng: r.lng,
    capacity: r.capacity,
    booked: r.booked,
    ratingSum: r.rating_sum,
    ratingCount: r.rating_count,
    gender: r.gender,
    dialects: r.dialects,
    qualifications: r.quals ?? {},
  }));
}
