// Service providers (companies and individuals), the compounds they serve, their qualifications with expiry, their
// offerings by kind with prices in fen, and their time slots with capacity. Staff of a division register and keep
// the providers registered in it; a provider's own accounts keep its slots.
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { forbidden, notFound, Problem, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountsByIds } from '../accounts/index.ts';
import { compoundInScope, divisionPrefix, registry, within } from '../registry/index.ts';
import { actorOf, providerIdOf, type Caller } from './access.ts';
import { servicesMessages as sm } from './messages.ts';
import { catalogueAt, kindOf } from './rules.ts';
import {
  serviceOfferings,
  serviceProviderAccounts,
  serviceProviderCompounds,
  serviceProviders,
  serviceQualifications,
  serviceSlots,
  type Gender,
  type ProviderKind,
} from './schema.ts';
import { shanghaiDay } from './subsidy.ts';

export interface NewProvider {
  kind: ProviderKind;
  name: string;
  gender?: Gender | null;
  dialects?: string[];
  communityCode: string;
  lat: number;
  lng: number;
  compoundIds: string[];
  accountIds?: string[];
}

const invalid = (errors: FieldError[]) => unprocessable(sm.msg('services.invalid'), errors);

/** Compounds the caller may name: each in their scope, or a field error. */
async function checkCompounds(ctx: AppContext, caller: Caller, ids: string[], field: string): Promise<FieldError[]> {
  const places = await registry.compoundPlaces(ctx.db, ids);
  return ids.flatMap((id, i) => {
    const p = places.get(id);
    return p && compoundInScope(caller.scope, { id, communityCode: p.communityCode })
      ? []
      : [{ path: `${field}.${i}`, message: sm.msg('field.compound_out_of_scope') }];
  });
}

async function checkAccounts(ctx: AppContext, ids: string[], field: string): Promise<FieldError[]> {
  if (!ids.length) return [];
  const found = new Map((await accountsByIds(ctx.db, ids)).map((a) => [a.id, a.role]));
  return ids.flatMap((id, i) =>
    found.get(id) === 'service_provider' ? [] : [{ path: `${field}.${i}`, message: sm.msg('field.accounts_not_providers') }],
  );
}

async function checkDialects(ctx: AppContext, dialects: string[], field: string): Promise<FieldError[]> {
  const catalogue = await catalogueAt(ctx.db);
  return dialects.flatMap((d, i) =>
    catalogue.dialects.some((x) => x.code === d) ? [] : [{ path: `${field}.${i}`, message: sm.msg('field.unknown_dialect') }],
  );
}

export async function createProvider(ctx: AppContext, caller: Caller, input: NewProvider) {
  const errors: FieldError[] = [];
  if (!caller.scope.division || !within(input.communityCode, caller.scope.division))
    errors.push({ path: 'body.communityCode', message: sm.msg('field.compound_out_of_scope') });
  errors.push(...(await checkCompounds(ctx, caller, input.compoundIds, 'body.compoundIds')));
  errors.push(...(await checkAccounts(ctx, input.accountIds ?? [], 'body.accountIds')));
  errors.push(...(await checkDialects(ctx, input.dialects ?? [], 'body.dialects')));
  if (errors.length) throw invalid(errors);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(serviceProviders).values({
      id,
      kind: input.kind,
      name: input.name,
      gender: input.kind === 'individual' ? (input.gender ?? null) : null,
      dialects: input.dialects ?? [],
      communityCode: input.communityCode,
      lat: input.lat.toFixed(6),
      lng: input.lng.toFixed(6),
      createdBy: caller.id,
    });
    if (input.compoundIds.length)
      await tx
        .insert(serviceProviderCompounds)
        .values(input.compoundIds.map((compoundId) => ({ compoundId, providerId: id })))
        .onConflictDoNothing();
    if (input.accountIds?.length)
      await tx
        .insert(serviceProviderAccounts)
        .values(input.accountIds.map((accountId) => ({ accountId, providerId: id })))
        .onConflictDoUpdate({ target: serviceProviderAccounts.accountId, set: { providerId: id } });
    await audit(tx, actorOf(caller), 'services.provider.create', 'service_provider', id, { compounds: input.compoundIds.length });
  });
  return getProvider(ctx, caller, id);
}

/** The provider if the caller may see it: staff of its division, or its own accounts. */
async function visibleProvider(ctx: AppContext, caller: Caller, id: string) {
  const [row] = await ctx.db.select().from(serviceProviders).where(eq(serviceProviders.id, id)).limit(1);
  const own = row ? (await providerIdOf(ctx.db, caller.id)) === row.id : false;
  const staff = row && caller.role !== 'service_provider' && caller.scope.division && within(row.communityCode, caller.scope.division);
  if (!row || !(own || staff)) throw notFound(sm.msg('services.provider.entity', { id }));
  return { row, own };
}

/** The provider for changes: staff of its division with services.manage, or (`ownToo`) its own accounts. */
async function managedProvider(ctx: AppContext, caller: Caller, id: string, ownToo = false) {
  const { row, own } = await visibleProvider(ctx, caller, id);
  if (own && ownToo) return row;
  if (own || !caller.permissions.has('services.manage')) throw forbidden();
  return row;
}

export async function getProvider(ctx: AppContext, caller: Caller, id: string) {
  const { row } = await visibleProvider(ctx, caller, id);
  const today = shanghaiDay(new Date());
  const [compounds, accounts, quals, offerings, catalogue] = await Promise.all([
    ctx.db.select().from(serviceProviderCompounds).where(eq(serviceProviderCompounds.providerId, id)),
    ctx.db.select().from(serviceProviderAccounts).where(eq(serviceProviderAccounts.providerId, id)),
    ctx.db.select().from(serviceQualifications).where(eq(serviceQualifications.providerId, id)).orderBy(asc(serviceQualifications.code)),
    ctx.db.select().from(serviceOfferings).where(eq(serviceOfferings.providerId, id)).orderBy(asc(serviceOfferings.kind)),
    catalogueAt(ctx.db),
  ]);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    gender: row.gender,
    dialects: row.dialects,
    communityCode: row.communityCode,
    lat: Number(row.lat),
    lng: Number(row.lng),
    ratingCount: row.ratingCount,
    /** The mean of its ratings to two places, as text (exact: sum ÷ count, rounded half up), or null. */
    ratingAverage: row.ratingCount ? (Math.round((row.ratingSum * 100) / row.ratingCount) / 100).toFixed(2) : null,
    active: row.active,
    compoundIds: compounds.map((c) => c.compoundId).sort(),
    accountIds: accounts.map((a) => a.accountId).sort(),
    qualifications: quals.map((q) => ({
      id: q.id,
      code: q.code,
      name: catalogue.qualifications.find((x) => x.code === q.code)?.name ?? { zh: q.code, en: q.code },
      ref: q.ref,
      validUntil: q.validUntil,
      valid: q.validUntil >= today,
    })),
    offerings: offerings.map((o) => ({
      id: o.id,
      kind: o.kind,
      kindName: kindOf(catalogue, o.kind)?.name ?? { zh: o.kind, en: o.kind },
      name: o.name,
      priceFen: o.priceFen,
      active: o.active,
    })),
  };
}

const providerCursor = z.tuple([z.string(), z.string().uuid()]);

export async function listProviders(ctx: AppContext, caller: Caller, q: { limit: number; cursor?: string; compoundId?: string }) {
  const after = decodeCursor(q.cursor, providerCursor);
  const own = caller.role === 'service_provider' ? await providerIdOf(ctx.db, caller.id) : null;
  const scope =
    caller.role === 'service_provider'
      ? sql`${serviceProviders.id} = ${own ?? '00000000-0000-0000-0000-000000000000'}`
      : caller.scope.division
        ? sql`${serviceProviders.communityCode} like ${divisionPrefix(caller.scope.division) + '%'}`
        : sql`false`;
  const rows = await ctx.db
    .select()
    .from(serviceProviders)
    .where(
      and(
        scope,
        q.compoundId
          ? sql`${serviceProviders.id} in (select provider_id from service_provider_compounds where compound_id = ${q.compoundId})`
          : undefined,
        after ? sql`(${serviceProviders.name}, ${serviceProviders.id}) > (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(serviceProviders.name), asc(serviceProviders.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.name, r.id]);
  return {
    items: p.items.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      gender: r.gender,
      communityCode: r.communityCode,
      ratingCount: r.ratingCount,
      ratingAverage: r.ratingCount ? (Math.round((r.ratingSum * 100) / r.ratingCount) / 100).toFixed(2) : null,
      active: r.active,
    })),
    nextCursor: p.nextCursor,
  };
}

export async function setProviderCompounds(ctx: AppContext, caller: Caller, id: string, compoundIds: string[]) {
  await managedProvider(ctx, caller, id);
  const errors = await checkCompounds(ctx, caller, compoundIds, 'body.compoundIds');
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(serviceProviderCompounds).where(eq(serviceProviderCompounds.providerId, id));
    if (compoundIds.length)
      await tx
        .insert(serviceProviderCompounds)
        .values(compoundIds.map((compoundId) => ({ compoundId, providerId: id })))
        .onConflictDoNothing();
    await audit(tx, actorOf(caller), 'services.provider.compounds', 'service_provider', id, { compounds: compoundIds.length });
  });
  return getProvider(ctx, caller, id);
}

export interface ProviderChange {
  name: string;
  gender?: Gender | null;
  dialects: string[];
  lat: number;
  lng: number;
  active: boolean;
}

/** Changes who the provider is and where it works from; an inactive provider drops out of matching at once. */
export async function updateProvider(ctx: AppContext, caller: Caller, id: string, input: ProviderChange) {
  const row = await managedProvider(ctx, caller, id);
  const errors = await checkDialects(ctx, input.dialects, 'body.dialects');
  if (errors.length) throw invalid(errors);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(serviceProviders)
      .set({
        name: input.name,
        gender: row.kind === 'individual' ? (input.gender ?? null) : null,
        dialects: input.dialects,
        lat: input.lat.toFixed(6),
        lng: input.lng.toFixed(6),
        active: input.active,
      })
      .where(eq(serviceProviders.id, id));
    await audit(tx, actorOf(caller), 'services.provider.update', 'service_provider', id, { active: input.active });
  });
  return getProvider(ctx, caller, id);
}

export async function addQualification(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: { code: string; ref?: string; validUntil: string },
) {
  await managedProvider(ctx, caller, id);
  const catalogue = await catalogueAt(ctx.db);
  if (!catalogue.qualifications.some((q) => q.code === input.code))
    throw invalid([{ path: 'body.code', message: sm.msg('field.unknown_qualification') }]);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(serviceQualifications)
      .values({ id: uuidv7(), providerId: id, code: input.code, ref: input.ref ?? null, validUntil: input.validUntil });
    await audit(tx, actorOf(caller), 'services.qualification.add', 'service_provider', id, { code: input.code });
  });
  return getProvider(ctx, caller, id);
}

export async function addOffering(ctx: AppContext, caller: Caller, id: string, input: { kind: string; name: string; priceFen: number }) {
  await managedProvider(ctx, caller, id);
  if (!kindOf(await catalogueAt(ctx.db), input.kind)) throw invalid([{ path: 'body.kind', message: sm.msg('field.unknown_kind') }]);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(serviceOfferings)
      .values({ id: uuidv7(), providerId: id, kind: input.kind, name: input.name, priceFen: input.priceFen });
    await audit(tx, actorOf(caller), 'services.offering.add', 'service_provider', id, { kind: input.kind });
  });
  return getProvider(ctx, caller, id);
}

export interface NewSlot {
  startsAt: string;
  endsAt: string;
  capacity: number;
}

const DAY_MS = 86_400_000;

/** Slots of one offering: by its provider's staff, or by the provider's own accounts. */
export async function addSlots(ctx: AppContext, caller: Caller, offeringId: string, slots: NewSlot[]) {
  const [offering] = await ctx.db.select().from(serviceOfferings).where(eq(serviceOfferings.id, offeringId)).limit(1);
  if (!offering) throw notFound(sm.msg('services.offering.entity', { id: offeringId }));
  await managedProvider(ctx, caller, offering.providerId, true).catch((e: unknown) => {
    throw e instanceof Problem && e.status === 404 ? notFound(sm.msg('services.offering.entity', { id: offeringId })) : e;
  });
  const errors = slots.flatMap((s, i) => {
    const span = Date.parse(s.endsAt) - Date.parse(s.startsAt);
    return span > 0 && span <= DAY_MS ? [] : [{ path: `body.slots.${i}.endsAt`, message: sm.msg('field.slot_window') }];
  });
  if (errors.length) throw invalid(errors);
  const rows = slots.map((s) => ({
    id: uuidv7(),
    offeringId,
    providerId: offering.providerId,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    capacity: s.capacity,
  }));
  await ctx.db.insert(serviceSlots).values(rows);
  return { items: rows.map((r) => slotView({ ...r, booked: 0 })) };
}

const slotView = (s: { id: string; offeringId: string; startsAt: Date; endsAt: Date; capacity: number; booked: number }) => ({
  id: s.id,
  offeringId: s.offeringId,
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
  capacity: s.capacity,
  booked: s.booked,
});

export async function listSlots(ctx: AppContext, caller: Caller, offeringId: string, q: { from?: string; limit: number }) {
  const [offering] = await ctx.db.select().from(serviceOfferings).where(eq(serviceOfferings.id, offeringId)).limit(1);
  if (!offering) throw notFound(sm.msg('services.offering.entity', { id: offeringId }));
  await visibleProvider(ctx, caller, offering.providerId);
  const rows = await ctx.db
    .select()
    .from(serviceSlots)
    .where(and(eq(serviceSlots.offeringId, offeringId), gt(serviceSlots.endsAt, q.from ? new Date(q.from) : new Date())))
    .orderBy(asc(serviceSlots.startsAt))
    .limit(q.limit);
  return { items: rows.map(slotView) };
}

/** Providers' names by id (for order views). */
export async function providerNames(ctx: AppContext, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .select({ id: serviceProviders.id, name: serviceProviders.name })
    .from(serviceProviders)
    .where(inArray(serviceProviders.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}
