// Residents bound to a household and waiting for a second person to verify the binding against the title deed
// (issue 16: the community worker's 待办). Masked names only; the full read stays behind personal.read.
import { and, asc, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Scope } from '../../platform/http/auth.ts';
import { divisionPrefix } from './divisions.ts';
import { buildings, compounds, householdResidents, households, residents, units } from './schema.ts';

export interface PendingBinding {
  compoundId: string;
  compoundName: string;
  householdId: string;
  building: string;
  unit: string;
  room: string;
  residentId: string;
  nameMasked: string;
  relation: string;
  /** Added by the asking person: someone else must verify it (residents.binding.second_verifier). */
  boundByMe: boolean;
}

/** Pending bindings within a scope (division or compounds), newest households first, with their total. */
export async function pendingBindings(
  db: Db | Tx,
  scope: Scope,
  userId: string,
  limit: number,
): Promise<{ total: number; items: PendingBinding[] }> {
  const inScope = or(
    scope.division ? like(compounds.communityCode, `${divisionPrefix(scope.division)}%`) : undefined,
    scope.compoundIds.length ? inArray(compounds.id, scope.compoundIds) : undefined,
  );
  if (!inScope) return { total: 0, items: [] };
  const where = and(eq(householdResidents.status, 'pending'), inScope);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(householdResidents)
    .innerJoin(compounds, eq(compounds.id, householdResidents.compoundId))
    .where(where);
  const rows = await db
    .select({
      compoundId: compounds.id,
      compoundName: compounds.name,
      householdId: households.id,
      building: buildings.name,
      unit: units.name,
      room: households.room,
      residentId: residents.id,
      nameMasked: residents.nameMasked,
      relation: householdResidents.relation,
      boundBy: householdResidents.boundBy,
    })
    .from(householdResidents)
    .innerJoin(compounds, eq(compounds.id, householdResidents.compoundId))
    .innerJoin(households, eq(households.id, householdResidents.householdId))
    .innerJoin(units, eq(units.id, households.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(residents, eq(residents.id, householdResidents.residentId))
    .where(where)
    .orderBy(desc(households.createdAt), asc(compounds.name), asc(buildings.name), asc(units.name), asc(households.room))
    .limit(limit);
  return {
    total: count?.n ?? 0,
    items: rows.map(({ boundBy, ...r }) => ({ ...r, boundByMe: boundBy === userId })),
  };
}
