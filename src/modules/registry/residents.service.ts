// Residents and their binding to households. Names, phones and ID numbers are
// personal data: stored encrypted, listed masked, read in full only with
// `personal.read`, and every full read leaves an audit record.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { pgArray } from '../../platform/db/sql.ts';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { registryMessages as rm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import {
  decrypt,
  encrypt,
  maskIdNumber,
  maskName,
  maskPhone,
  matchHash,
  validIdNumber,
  type PersonalDataKey,
} from '../../platform/personal-data.ts';
import { buildings, compounds, householdResidents, households, residents, units } from './schema.ts';
import { compoundInScope } from './scope.ts';

export interface ResidentInput {
  name: string;
  phone?: string | null;
  idNumber?: string | null;
  relation?: 'owner' | 'family' | 'tenant';
  fake?: boolean;
}

export function validateResident(input: ResidentInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.name.trim() || input.name.length > 50) errors.push({ path: `${prefix}name`, message: rm.msg('field.resident_name') });
  if (input.phone && !/^1\d{10}$/.test(input.phone)) errors.push({ path: `${prefix}phone`, message: rm.msg('field.phone') });
  if (input.idNumber && !validIdNumber(input.idNumber)) errors.push({ path: `${prefix}idNumber`, message: rm.msg('field.id_number') });
  return errors;
}

export function sealResident(key: PersonalDataKey, input: ResidentInput) {
  return {
    nameEnc: encrypt(key, input.name.trim()),
    nameMasked: maskName(input.name),
    phoneEnc: input.phone ? encrypt(key, input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    phoneHash: input.phone ? matchHash(key, input.phone) : null,
    idNumberEnc: input.idNumber ? encrypt(key, input.idNumber.toUpperCase()) : null,
    idNumberMasked: input.idNumber ? maskIdNumber(input.idNumber.toUpperCase()) : null,
    idNumberHash: input.idNumber ? matchHash(key, input.idNumber) : null,
    fake: input.fake ? 1 : 0,
  };
}

/** Finds a resident by ID number (matched through its keyed hash) or creates one. */
export async function findOrCreateResident(tx: Tx, key: PersonalDataKey, input: ResidentInput): Promise<string> {
  if (input.idNumber) {
    const [found] = await tx
      .select({ id: residents.id })
      .from(residents)
      .where(eq(residents.idNumberHash, matchHash(key, input.idNumber)))
      .limit(1);
    if (found) return found.id;
  }
  const id = uuidv7();
  await tx.insert(residents).values({ id, ...sealResident(key, input) });
  return id;
}

async function householdInScope(tx: Tx, user: AuthUser, householdId: string) {
  const [row] = await tx
    .select({ id: households.id, compoundId: households.compoundId, communityCode: compounds.communityCode })
    .from(households)
    .innerJoin(compounds, eq(compounds.id, households.compoundId))
    .where(eq(households.id, householdId))
    .limit(1);
  if (!row || !compoundInScope(user.scope, { id: row.compoundId, communityCode: row.communityCode }))
    throw notFound(rm.msg('household.entity', { id: householdId }));
  return row;
}

export async function addResident(ctx: AppContext, user: AuthUser, actor: Actor | undefined, householdId: string, input: ResidentInput) {
  const errors = validateResident(input);
  if (errors.length) throw unprocessable(rm.msg('resident.invalid'), errors);
  return ctx.db.transaction(async (tx) => {
    const household = await householdInScope(tx, user, householdId);
    const residentId = await findOrCreateResident(tx, ctx.personalKey, input);
    await tx
      .insert(householdResidents)
      .values({ compoundId: household.compoundId, householdId, residentId, relation: input.relation ?? 'owner', boundBy: user.id })
      .onConflictDoNothing();
    await audit(tx, actor, 'resident.bind', 'household', householdId, { residentId });
    return { residentId, status: 'pending' as const };
  });
}

export const SECOND_VERIFIER_RULE = 'residents.binding.second_verifier';

/**
 * A community worker confirms (or rejects) a binding after checking the title
 * deed. Confirming takes a second person, not the one who added the binding
 * (as a paper ballot sheet takes two keyers), unless the rule says otherwise;
 * anyone in scope may reject, the one who added it included.
 */
export async function verifyBinding(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  householdId: string,
  residentId: string,
  decision: 'verified' | 'rejected',
) {
  const rule = decision === 'verified' ? await ruleAt<boolean>(ctx.db, SECOND_VERIFIER_RULE) : null;
  return ctx.db.transaction(async (tx) => {
    await householdInScope(tx, user, householdId);
    const binding = and(eq(householdResidents.householdId, householdId), eq(householdResidents.residentId, residentId));
    const [current] = await tx.select({ boundBy: householdResidents.boundBy }).from(householdResidents).where(binding).for('update');
    if (!current) throw notFound(rm.msg('resident.entity_of_household', { id: residentId, household: householdId }));
    if (rule?.value === true && current.boundBy === user.id)
      throw forbidden(rm.msg('binding.second_verifier', { rule: rule.key, version: rule.version }));
    const verifiedAt = new Date();
    await tx.update(householdResidents).set({ status: decision, verifiedBy: user.id, verifiedAt }).where(binding);
    await audit(tx, actor, `resident.${decision}`, 'household', householdId, { residentId });
    return { residentId, status: decision, verifiedBy: user.id, verifiedAt: verifiedAt.toISOString() };
  });
}

export async function readPersonal(ctx: AppContext, user: AuthUser, actor: Actor | undefined, residentId: string, reason: string) {
  const bindings = await ctx.db
    .select({ compoundId: householdResidents.compoundId, communityCode: compounds.communityCode })
    .from(householdResidents)
    .innerJoin(compounds, eq(compounds.id, householdResidents.compoundId))
    .where(eq(householdResidents.residentId, residentId));
  const visible = bindings.some((b) => compoundInScope(user.scope, { id: b.compoundId, communityCode: b.communityCode }));
  const [row] = visible ? await ctx.db.select().from(residents).where(eq(residents.id, residentId)).limit(1) : [];
  if (!row) throw notFound(rm.msg('resident.entity', { id: residentId }));
  // The read is recorded before anything is returned: no audit, no data.
  // The reason and the masked name go with it: the audit page shows who was read and why, never the full values.
  await audit(ctx.db, actor, 'personal.read', 'resident', residentId, {
    fields: ['name', 'phone', 'idNumber'],
    reason,
    subject: row.nameMasked,
  });
  return {
    id: row.id,
    name: decrypt(ctx.personalKey, row.nameEnc),
    phone: row.phoneEnc ? decrypt(ctx.personalKey, row.phoneEnc) : null,
    idNumber: row.idNumberEnc ? decrypt(ctx.personalKey, row.idNumberEnc) : null,
    fake: row.fake === 1,
  };
}

/** The residents with this mobile number (found through its keyed hash), for sign-in by one-time code. */
export async function residentIdsByPhone(ctx: AppContext, phone: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: residents.id })
    .from(residents)
    .where(eq(residents.phoneHash, matchHash(ctx.personalKey, phone)));
  return rows.map((r) => r.id);
}

/** A resident's own bindings with their addresses and status: what the resident app shows as "my home". */
export async function bindingsOfResident(ctx: AppContext, residentId: string) {
  const rows = await ctx.db
    .select({
      householdId: households.id,
      compoundId: compounds.id,
      compoundName: compounds.name,
      building: buildings.name,
      unit: units.name,
      room: households.room,
      relation: householdResidents.relation,
      status: householdResidents.status,
    })
    .from(householdResidents)
    .innerJoin(households, eq(households.id, householdResidents.householdId))
    .innerJoin(units, eq(units.id, households.unitId))
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(compounds, eq(compounds.id, householdResidents.compoundId))
    .where(eq(householdResidents.residentId, residentId))
    .orderBy(compounds.name, buildings.name, units.name, households.room);
  return rows;
}

/**
 * Residents stored before phone hashes existed get theirs, in batches, at start-up;
 * the hash needs the application's key, so no SQL migration can compute it.
 */
export async function backfillPhoneHashes(ctx: AppContext): Promise<number> {
  let done = 0;
  for (;;) {
    const batch = await ctx.db
      .select({ id: residents.id, phoneEnc: residents.phoneEnc })
      .from(residents)
      .where(and(isNull(residents.phoneHash), isNotNull(residents.phoneEnc)))
      .limit(2000);
    if (!batch.length) return done;
    const hashes = batch.map((r) => matchHash(ctx.personalKey, decrypt(ctx.personalKey, r.phoneEnc!)));
    await ctx.db.execute(sql`
      update residents set phone_hash = k.hash
      from unnest(${pgArray(batch.map((r) => r.id))}::uuid[], ${pgArray(hashes)}::text[]) as k(id, hash)
      where residents.id = k.id`);
    done += batch.length;
  }
}
