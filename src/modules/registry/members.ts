// Verified residents with where they live (compound, building, household) and their relation to the home, for
// modules that address residents by place (community notices and their read receipts). No names, no scope:
// callers decide who may ask.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import { householdResidents, households, units } from './schema.ts';

export interface Member {
  residentId: string;
  householdId: string;
  compoundId: string;
  buildingId: string;
  relation: 'owner' | 'family' | 'tenant';
}

const columns = {
  residentId: householdResidents.residentId,
  householdId: householdResidents.householdId,
  compoundId: householdResidents.compoundId,
  buildingId: units.buildingId,
  relation: householdResidents.relation,
};

/** Every verified resident of these compounds, one row per home. */
export async function verifiedMembersOf(db: Db | Tx, compoundIds: string[]): Promise<Member[]> {
  if (!compoundIds.length) return [];
  return db
    .select(columns)
    .from(householdResidents)
    .innerJoin(households, eq(households.id, householdResidents.householdId))
    .innerJoin(units, eq(units.id, households.unitId))
    .where(and(inArray(householdResidents.compoundId, compoundIds), eq(householdResidents.status, 'verified')));
}

/** The verified homes of one resident. */
export async function membershipsOfResident(db: Db | Tx, residentId: string): Promise<Member[]> {
  return db
    .select(columns)
    .from(householdResidents)
    .innerJoin(households, eq(households.id, householdResidents.householdId))
    .innerJoin(units, eq(units.id, households.unitId))
    .where(and(eq(householdResidents.residentId, residentId), eq(householdResidents.status, 'verified')));
}
