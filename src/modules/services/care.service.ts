// Older residents' care profiles, kept by community workers. Name, phone, birth date and notes are sealed at rest
// (platform/personal-data.ts) with masked copies; lists and ordinary reads show only the masked copies and an age
// band; the full read takes `personal.read` (the route's permission) and leaves an audit record before anything
// is returned. Family members (residents, e.g. a daughter) are linked so that they may order for the elder.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { decrypt, encrypt, maskName, maskPhone } from '../../platform/personal-data.ts';
import { z } from 'zod';
import { compoundInScope, registry } from '../registry/index.ts';
import { actorOf, staffScope, type Caller } from './access.ts';
import { servicesMessages as sm } from './messages.ts';
import { catalogueAt } from './rules.ts';
import { careFamilyLinks, careProfiles, type Gender } from './schema.ts';
import { ageOn, shanghaiDay } from './subsidy.ts';

export interface CareProfileInput {
  name: string;
  phone?: string | null;
  birthDate: string;
  gender: Gender;
  compoundId: string;
  householdId?: string | null;
  residentId?: string | null;
  livingAlone: boolean;
  careLevel: string;
  needs: string[];
  carerGender?: Gender | null;
  dialect?: string | null;
  notes?: string | null;
  fake?: boolean;
}

type ProfileRow = typeof careProfiles.$inferSelect;
const invalid = (errors: FieldError[]) => unprocessable(sm.msg('services.invalid'), errors);

/** Five-year bands from the birth year alone ("80–84"): a list says roughly how old, never the birthday. */
export function ageBand(birthYear: number, today = shanghaiDay(new Date())): string {
  const age = Number(today.slice(0, 4)) - birthYear;
  const low = Math.floor(age / 5) * 5;
  return `${low}–${low + 4}`;
}

async function validate(ctx: AppContext, caller: Caller, input: CareProfileInput) {
  const errors: FieldError[] = [];
  const catalogue = await catalogueAt(ctx.db);
  if (!catalogue.careLevels.some((c) => c.code === input.careLevel))
    errors.push({ path: 'body.careLevel', message: sm.msg('field.unknown_care_level') });
  input.needs.forEach((n, i) => {
    if (!catalogue.needs.some((c) => c.code === n)) errors.push({ path: `body.needs.${i}`, message: sm.msg('field.unknown_need') });
  });
  if (input.dialect && !catalogue.dialects.some((c) => c.code === input.dialect))
    errors.push({ path: 'body.dialect', message: sm.msg('field.unknown_dialect') });
  if (input.phone && !/^1\d{10}$/.test(input.phone)) errors.push({ path: 'body.phone', message: sm.msg('field.phone') });
  if (input.birthDate > shanghaiDay(new Date())) errors.push({ path: 'body.birthDate', message: sm.msg('field.birth_date') });
  const place = (await registry.compoundPlaces(ctx.db, [input.compoundId])).get(input.compoundId);
  if (!place || !compoundInScope(caller.scope, { id: input.compoundId, communityCode: place.communityCode })) {
    errors.push({ path: 'body.compoundId', message: sm.msg('field.compound_out_of_scope') });
    throw invalid(errors);
  }
  let householdId = input.householdId ?? null;
  if (input.residentId) {
    const homes = (await registry.bindingsOfResident(ctx, input.residentId)).filter((b) => b.compoundId === input.compoundId);
    if (!homes.length) errors.push({ path: 'body.residentId', message: sm.msg('field.resident_not_in_compound') });
    householdId ??= homes[0]?.householdId ?? null;
  }
  if (input.householdId) {
    const households = await registry.householdAddressesOfCompounds(ctx.db, [input.compoundId]);
    if (!households.some((h) => h.id === input.householdId))
      errors.push({ path: 'body.householdId', message: sm.msg('field.household_not_in_compound') });
  }
  if (errors.length) throw invalid(errors);
  return { place, householdId };
}

/** Sealed and masked columns of a profile's personal data. */
function sealed(ctx: AppContext, input: CareProfileInput) {
  return {
    nameEnc: encrypt(ctx.personalKey, input.name.trim()),
    nameMasked: maskName(input.name),
    phoneEnc: input.phone ? encrypt(ctx.personalKey, input.phone) : null,
    phoneMasked: input.phone ? maskPhone(input.phone) : null,
    birthDateEnc: encrypt(ctx.personalKey, input.birthDate),
    birthYear: Number(input.birthDate.slice(0, 4)),
    notesEnc: input.notes ? encrypt(ctx.personalKey, input.notes) : null,
  };
}

export async function createCareProfile(ctx: AppContext, caller: Caller, input: CareProfileInput) {
  const { place, householdId } = await validate(ctx, caller, input);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    if (input.residentId) {
      const [dup] = await tx
        .select({ id: careProfiles.id })
        .from(careProfiles)
        .where(eq(careProfiles.residentId, input.residentId))
        .limit(1);
      if (dup)
        throw conflict(sm.msg('services.profile_exists'), {
          errors: [{ path: 'body.residentId', message: sm.msg('services.profile_exists') }],
        });
    }
    await tx.insert(careProfiles).values({
      id,
      residentId: input.residentId ?? null,
      compoundId: input.compoundId,
      householdId,
      communityCode: place.communityCode,
      lat: place.lat === null ? null : place.lat.toFixed(6),
      lng: place.lng === null ? null : place.lng.toFixed(6),
      ...sealed(ctx, input),
      gender: input.gender,
      livingAlone: input.livingAlone,
      careLevel: input.careLevel,
      needs: input.needs,
      carerGender: input.carerGender ?? null,
      dialect: input.dialect ?? null,
      fake: input.fake ?? false,
      createdBy: caller.id,
    });
    // Field names only: the audit log never holds personal values.
    await audit(tx, actorOf(caller), 'care_profile.create', 'care_profile', id, { compoundId: input.compoundId });
  });
  return getCareProfile(ctx, caller, id);
}

export async function updateCareProfile(ctx: AppContext, caller: Caller, id: string, input: CareProfileInput) {
  const row = await visibleProfile(ctx.db, caller, id);
  const { place, householdId } = await validate(ctx, caller, { ...input, residentId: input.residentId ?? row.residentId });
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(careProfiles)
      .set({
        compoundId: input.compoundId,
        householdId,
        communityCode: place.communityCode,
        lat: place.lat === null ? null : place.lat.toFixed(6),
        lng: place.lng === null ? null : place.lng.toFixed(6),
        ...sealed(ctx, input),
        gender: input.gender,
        livingAlone: input.livingAlone,
        careLevel: input.careLevel,
        needs: input.needs,
        carerGender: input.carerGender ?? null,
        dialect: input.dialect ?? null,
        updatedAt: new Date(),
      })
      .where(eq(careProfiles.id, id));
    await audit(tx, actorOf(caller), 'care_profile.update', 'care_profile', id, {});
  });
  return getCareProfile(ctx, caller, id);
}

/** A profile in the caller's scope (staff), else 404 as if missing. */
export async function visibleProfile(db: Db | Tx, caller: Caller, id: string): Promise<ProfileRow> {
  const [row] = await db
    .select()
    .from(careProfiles)
    .where(and(eq(careProfiles.id, id), staffScope(caller, careProfiles.communityCode, careProfiles.compoundId)))
    .limit(1);
  if (!row) throw notFound(sm.msg('services.profile.entity', { id }));
  return row;
}

function maskedView(row: ProfileRow, names: Map<string, string>, family: number) {
  return {
    id: row.id,
    nameMasked: row.nameMasked,
    phoneMasked: row.phoneMasked,
    gender: row.gender,
    ageBand: ageBand(row.birthYear),
    compoundId: row.compoundId,
    compoundName: names.get(row.compoundId) ?? null,
    householdId: row.householdId,
    residentId: row.residentId,
    livingAlone: row.livingAlone,
    careLevel: row.careLevel,
    needs: row.needs,
    carerGender: row.carerGender,
    dialect: row.dialect,
    familyCount: family,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function compoundNames(ctx: AppContext, ids: string[]) {
  const places = await registry.compoundPlaces(ctx.db, [...new Set(ids)]);
  return new Map([...places].map(([id, p]) => [id, p.name]));
}

async function familyCounts(db: Db | Tx, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await db
    .select({ id: careFamilyLinks.profileId, n: sql<number>`count(*)::int` })
    .from(careFamilyLinks)
    .where(inArray(careFamilyLinks.profileId, ids))
    .groupBy(careFamilyLinks.profileId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** One profile, masked (no audit: nothing personal is shown in full). */
export async function getCareProfile(ctx: AppContext, caller: Caller, id: string) {
  const row = await visibleProfile(ctx.db, caller, id);
  const [names, family] = await Promise.all([compoundNames(ctx, [row.compoundId]), familyCounts(ctx.db, [id])]);
  return maskedView(row, names, family.get(id) ?? 0);
}

const cursorShape = z.tuple([z.string().uuid()]);

export async function listCareProfiles(ctx: AppContext, caller: Caller, q: { compoundId?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, cursorShape);
  const rows = await ctx.db
    .select()
    .from(careProfiles)
    .where(
      and(
        staffScope(caller, careProfiles.communityCode, careProfiles.compoundId),
        q.compoundId ? eq(careProfiles.compoundId, q.compoundId) : undefined,
        after ? gt(careProfiles.id, after[0]) : undefined,
      ),
    )
    .orderBy(asc(careProfiles.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.id]);
  const [names, family] = await Promise.all([
    compoundNames(
      ctx,
      p.items.map((r) => r.compoundId),
    ),
    familyCounts(
      ctx.db,
      p.items.map((r) => r.id),
    ),
  ]);
  return { items: p.items.map((r) => maskedView(r, names, family.get(r.id) ?? 0)), nextCursor: p.nextCursor };
}

/** The full profile: the route requires `personal.read`; the read is audited before anything is returned. */
export async function readCareProfilePersonal(ctx: AppContext, caller: Caller, id: string, reason: string) {
  const row = await visibleProfile(ctx.db, caller, id);
  await audit(ctx.db, actorOf(caller), 'personal.read', 'care_profile', id, {
    fields: ['name', 'phone', 'birthDate', 'notes', 'address'],
    reason,
    subject: row.nameMasked,
  });
  const [names, family, households] = await Promise.all([
    compoundNames(ctx, [row.compoundId]),
    ctx.db.select().from(careFamilyLinks).where(eq(careFamilyLinks.profileId, id)).orderBy(asc(careFamilyLinks.createdAt)),
    row.householdId ? registry.householdAddressesOfCompounds(ctx.db, [row.compoundId]) : Promise.resolve([]),
  ]);
  const home = households.find((h) => h.id === row.householdId);
  const birthDate = decrypt(ctx.personalKey, row.birthDateEnc);
  return {
    ...maskedView(row, names, family.length),
    name: decrypt(ctx.personalKey, row.nameEnc),
    phone: row.phoneEnc ? decrypt(ctx.personalKey, row.phoneEnc) : null,
    birthDate,
    age: ageOn(birthDate, shanghaiDay(new Date())),
    notes: row.notesEnc ? decrypt(ctx.personalKey, row.notesEnc) : null,
    address: home ? `${names.get(row.compoundId) ?? ''} ${home.building}${home.unit}${home.room}`.trim() : null,
    family: family.map((f) => ({ residentId: f.residentId, relation: f.relation, linkedAt: f.createdAt.toISOString() })),
    fake: row.fake,
  };
}

export async function linkFamily(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: { phone?: string; residentId?: string; relation: string },
) {
  await visibleProfile(ctx.db, caller, id);
  let residentId = input.residentId;
  if (!residentId && input.phone) {
    if (!/^1\d{10}$/.test(input.phone)) throw invalid([{ path: 'body.phone', message: sm.msg('field.phone') }]);
    residentId = (await registry.residentIdsByPhone(ctx, input.phone))[0];
    if (!residentId) throw invalid([{ path: 'body.phone', message: sm.msg('field.family_unknown') }]);
  }
  if (!residentId) throw invalid([{ path: 'body.phone', message: sm.msg('field.family_needed') }]);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(careFamilyLinks)
      .values({ profileId: id, residentId, relation: input.relation, createdBy: caller.id })
      .onConflictDoUpdate({ target: [careFamilyLinks.profileId, careFamilyLinks.residentId], set: { relation: input.relation } });
    await audit(tx, actorOf(caller), 'care_profile.family_link', 'care_profile', id, { residentId });
  });
  return { profileId: id, residentId, relation: input.relation };
}

/** The elders a resident may order for: their own profile, and those they are linked to as family (two indexed reads). */
export async function eldersOfResident(ctx: AppContext, residentId: string) {
  const [own, linked] = await Promise.all([
    ctx.db.select().from(careProfiles).where(eq(careProfiles.residentId, residentId)),
    ctx.db
      .select({ row: careProfiles, relation: careFamilyLinks.relation })
      .from(careFamilyLinks)
      .innerJoin(careProfiles, eq(careProfiles.id, careFamilyLinks.profileId))
      .where(eq(careFamilyLinks.residentId, residentId))
      .orderBy(asc(careFamilyLinks.createdAt)),
  ]);
  const rows = [
    ...own.map((row) => ({ row, relation: 'self' })),
    ...linked.filter((l) => !own.some((o) => o.id === l.row.id)).map((l) => ({ row: l.row, relation: l.relation })),
  ];
  const names = await compoundNames(
    ctx,
    rows.map((r) => r.row.compoundId),
  );
  return rows.map((r) => ({ profile: r.row, relation: r.relation, compoundName: names.get(r.row.compoundId) ?? null }));
}

/** A profile's birth date for the subsidy (no one reads it: no audit). */
export const birthDateOf = (ctx: AppContext, row: ProfileRow): string => decrypt(ctx.personalKey, row.birthDateEnc);
