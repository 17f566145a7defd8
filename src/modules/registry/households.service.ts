// Use cases of households: written in bulk by natural keys (imports, the API,
// the demo seed), listed per compound with residents masked, and the ids other
// modules need (a ballot's electorate, a resident's compounds).
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { exactDecimal, type DecimalShape } from '../../platform/decimal.ts';
import { conflict, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { platformMessages as pm } from '../../platform/i18n/platform.messages.ts';
import { registryMessages as rm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { compoundRow } from './registry.service.ts';
import { buildings, compounds, householdResidents, households, residents, units } from './schema.ts';

const householdCursor = z.tuple([z.string(), z.string(), z.string(), z.string().uuid()]);

export interface NewHousehold {
  building: string;
  unit: string;
  room: string;
  floorAreaM2: string;
  deedRef?: string | null;
}

export interface HouseholdWriteResult {
  created: number;
  updated: number;
  unchanged: number;
  ids: string[];
}

/**
 * Writes households of several compounds with a few set-based statements
 * (buildings, units, households), keyed by their natural keys, so that a
 * repeated import changes nothing. Runs inside the caller's transaction.
 * `insert-only` answers the new ids (existing rows are counted unchanged);
 * `upsert` updates what differs and answers counts only.
 */
export async function writeHouseholds(
  tx: Tx,
  rows: (NewHousehold & { compoundId: string })[],
  mode: 'upsert' | 'insert-only',
): Promise<HouseholdWriteResult> {
  const result: HouseholdWriteResult = { created: 0, updated: 0, unchanged: 0, ids: [] };
  const BATCH = 10_000;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const unitIds = await ensureUnits(tx, batch);
    const values = sql`
      select * from unnest(${pgArray(batch.map(() => uuidv7()))}::uuid[], ${pgArray(batch.map((r) => r.compoundId))}::uuid[],
                  ${pgArray(batch.map((r) => unitIds.get(unitKey(r))!))}::uuid[], ${pgArray(batch.map((r) => r.room))}::text[],
                  ${pgArray(batch.map((r) => r.floorAreaM2))}::numeric[], ${pgArray(batch.map((r) => r.deedRef ?? null))}::text[])`;
    let written: number;
    if (mode === 'upsert') {
      // Counted in the database: a big import gets one row back per batch, not one per household.
      const res = await tx.execute<{ created: number; updated: number }>(sql`
        with w as (
          insert into households (id, compound_id, unit_id, room, floor_area_m2, deed_ref) ${values}
          on conflict (unit_id, room) do update set floor_area_m2 = excluded.floor_area_m2, deed_ref = excluded.deed_ref
            where (households.floor_area_m2, households.deed_ref) is distinct from (excluded.floor_area_m2, excluded.deed_ref)
          returning (xmax = 0) as inserted)
        select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated from w`);
      result.created += res.rows[0]!.created;
      result.updated += res.rows[0]!.updated;
      written = res.rows[0]!.created + res.rows[0]!.updated;
    } else {
      const res = await tx.execute<{ id: string }>(sql`
        insert into households (id, compound_id, unit_id, room, floor_area_m2, deed_ref) ${values}
        on conflict (unit_id, room) do nothing returning id`);
      result.created += res.rows.length;
      result.ids.push(...res.rows.map((r) => r.id));
      written = res.rows.length;
    }
    result.unchanged += batch.length - written;
  }
  return result;
}

const unitKey = (r: { compoundId: string; building: string; unit: string }) => `${r.compoundId}\u0000${r.building}\u0000${r.unit}`;

/** Creates missing buildings and units of a batch; answers every unit's id by compound, building and unit name. */
async function ensureUnits(tx: Tx, batch: { compoundId: string; building: string; unit: string }[]): Promise<Map<string, string>> {
  const bKeys = [...new Map(batch.map((r) => [`${r.compoundId}\u0000${r.building}`, r])).values()];
  await tx.execute(sql`
    insert into buildings (id, compound_id, name)
    select * from unnest(${pgArray(bKeys.map(() => uuidv7()))}::uuid[], ${pgArray(bKeys.map((r) => r.compoundId))}::uuid[], ${pgArray(bKeys.map((r) => r.building))}::text[])
    on conflict (compound_id, name) do nothing`);
  const uKeys = [...new Map(batch.map((r) => [unitKey(r), r])).values()];
  const [compoundIds, buildingNames, unitNames] = [uKeys.map((r) => r.compoundId), uKeys.map((r) => r.building), uKeys.map((r) => r.unit)];
  await tx.execute(sql`
    insert into units (id, compound_id, building_id, name)
    select k.id, k.compound_id, b.id, k.unit
    from unnest(${pgArray(uKeys.map(() => uuidv7()))}::uuid[], ${pgArray(compoundIds)}::uuid[], ${pgArray(buildingNames)}::text[], ${pgArray(unitNames)}::text[])
      as k(id, compound_id, building, unit)
    join buildings b on b.compound_id = k.compound_id and b.name = k.building
    on conflict (building_id, name) do nothing`);
  const found = await tx.execute<{ id: string; compound_id: string; building: string; unit: string }>(sql`
    select u.id, k.compound_id, k.building, k.unit
    from unnest(${pgArray(compoundIds)}::uuid[], ${pgArray(buildingNames)}::text[], ${pgArray(unitNames)}::text[]) as k(compound_id, building, unit)
    join buildings b on b.compound_id = k.compound_id and b.name = k.building
    join units u on u.building_id = b.id and u.name = k.unit`);
  return new Map(found.rows.map((r) => [unitKey({ compoundId: r.compound_id, building: r.building, unit: r.unit }), r.id]));
}

/** households.floor_area_m2 is numeric(10, 2). */
export const HOUSEHOLD_AREA: DecimalShape = { integerDigits: 8, scale: 2, example: '86.50' };

export async function createHouseholds(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  compoundId: string,
  given: (Omit<NewHousehold, 'floorAreaM2'> & { floorAreaM2: string | number })[],
) {
  const inexact: FieldError[] = [];
  const items = given.map((h, i) => ({
    ...h,
    floorAreaM2: exactDecimal(h.floorAreaM2, HOUSEHOLD_AREA, `body.items.${i}.floorAreaM2`, inexact)!,
  }));
  if (inexact.length) throw unprocessable(pm.msg('decimal.inexact'), inexact);
  await compoundRow(ctx.db, user, compoundId);
  const seen = new Map<string, number>();
  const errors = items.flatMap((h, i) => {
    const key = `${h.building}\u0000${h.unit}\u0000${h.room}`;
    const first = seen.get(key);
    seen.set(key, first ?? i);
    return first === undefined ? [] : [{ path: `items.${i}`, message: rm.msg('field.household_repeats', { first }) }];
  });
  if (errors.length) throw unprocessable(rm.msg('household.repeats'), errors);
  return ctx.db.transaction(async (tx) => {
    const result = await writeHouseholds(
      tx,
      items.map((h) => ({ ...h, compoundId })),
      'insert-only',
    );
    if (result.unchanged) {
      throw conflict(rm.msg('household.exist', { count: result.unchanged }));
    }
    await audit(tx, actor, 'household.create', 'compound', compoundId, { count: result.created });
    return { created: result.created, ids: result.ids };
  });
}

export async function listHouseholds(
  ctx: AppContext,
  user: AuthUser,
  compoundId: string,
  q: { limit: number; cursor?: string; building?: string },
) {
  await compoundRow(ctx.db, user, compoundId);
  const after = decodeCursor(q.cursor, householdCursor);
  const parts: SQL[] = [eq(households.compoundId, compoundId)];
  if (q.building) parts.push(eq(buildings.name, q.building));
  if (after)
    parts.push(
      sql`(${buildings.name}, ${units.name}, ${households.room}, ${households.id}) > (${after[0]}, ${after[1]}, ${after[2]}, ${after[3]}::uuid)`,
    );
  const rows = await ctx.db
    .select({
      id: households.id,
      building: buildings.name,
      unit: units.name,
      room: households.room,
      floorAreaM2: households.floorAreaM2,
      deedRef: households.deedRef,
      residents: sql<{ id: string; name: string; phone: string | null; relation: string; status: string }[]>`coalesce((
        select json_agg(json_build_object('id', r.id, 'name', r.name_masked, 'phone', r.phone_masked, 'relation', hr.relation, 'status', hr.status) order by r.id)
        from ${householdResidents} hr join ${residents} r on r.id = hr.resident_id
        where hr.household_id = ${households.id}), '[]'::json)`,
    })
    .from(households)
    .innerJoin(units, eq(units.id, households.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(...parts))
    .orderBy(asc(buildings.name), asc(units.name), asc(households.room), asc(households.id))
    .limit(q.limit + 1);
  return page(rows, q.limit, (r) => [r.building, r.unit, r.room, r.id]);
}

export async function compoundIdsOfResident(db: Db, residentId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: householdResidents.compoundId })
    .from(householdResidents)
    .where(and(eq(householdResidents.residentId, residentId), eq(householdResidents.status, 'verified')));
  return rows.map((r) => r.id);
}

/** Every household of some compounds (participation freezes a ballot's electorate from it). */
export async function householdIdsOfCompounds(db: Db | Tx, compoundIds: string[]): Promise<string[]> {
  if (!compoundIds.length) return [];
  const rows = await db.select({ id: households.id }).from(households).where(inArray(households.compoundId, compoundIds));
  return rows.map((r) => r.id);
}

/** The households a resident is verified as belonging to (who may vote online for which household). */
export async function householdIdsOfResident(db: Db | Tx, residentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: householdResidents.householdId })
    .from(householdResidents)
    .where(and(eq(householdResidents.residentId, residentId), eq(householdResidents.status, 'verified')));
  return rows.map((r) => r.id);
}

/** Every household of some compounds with its building, unit and room, in that order (a survey's coverage). */
export async function householdAddressesOfCompounds(
  db: Db | Tx,
  compoundIds: string[],
): Promise<{ id: string; building: string; unit: string; room: string }[]> {
  if (!compoundIds.length) return [];
  return db
    .select({ id: households.id, building: buildings.name, unit: units.name, room: households.room })
    .from(households)
    .innerJoin(units, eq(units.id, households.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(inArray(households.compoundId, compoundIds))
    .orderBy(asc(buildings.name), asc(units.name), asc(households.room), asc(households.id));
}

/**
 * Households with where they are (compound, its district and address, building, unit, room) and no
 * resident data, by household id: of some compounds (a sample survey's frame) or given households.
 */
export async function householdFrame(
  db: Db | Tx,
  of: { compoundIds: string[] } | { householdIds: string[] },
): Promise<
  {
    id: string;
    compoundId: string;
    compound: string;
    districtCode: string;
    address: string;
    building: string;
    unit: string;
    room: string;
  }[]
> {
  const ids = 'compoundIds' in of ? of.compoundIds : of.householdIds;
  if (!ids.length) return [];
  return db
    .select({
      id: households.id,
      compoundId: households.compoundId,
      compound: compounds.name,
      districtCode: compounds.districtCode,
      address: compounds.address,
      building: buildings.name,
      unit: units.name,
      room: households.room,
    })
    .from(households)
    .innerJoin(compounds, eq(compounds.id, households.compoundId))
    .innerJoin(units, eq(units.id, households.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where('compoundIds' in of ? inArray(households.compoundId, ids) : inArray(households.id, ids))
    .orderBy(asc(households.id));
}
