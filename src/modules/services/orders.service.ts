// Orders: a community worker orders for an elder (代下单), or a resident on /m for themselves or an elder they are
// linked to as family; automatic dispatch starts at once. Views for staff, providers and residents; who sees which
// order is access.ts's orderScope (Acceptance 6).
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registry } from '../registry/index.ts';
import { actorOf, orderScope, providerIdOf, type Caller } from './access.ts';
import { eldersOfResident, visibleProfile } from './care.service.ts';
import { dispatchByHand, lockOrder, notAllowed, offerNext, rankForOrder } from './dispatch.ts';
import { mayOrder, orderActions, orderRef } from './lifecycle.ts';
import { servicesMessages as sm } from './messages.ts';
import { providerNames } from './providers.service.ts';
import { catalogueAt, kindOf } from './rules.ts';
import { careProfiles, serviceComplaints, serviceOffers, serviceOrders, serviceRatings, type OrderStatus } from './schema.ts';

type OrderRow = typeof serviceOrders.$inferSelect;

export interface NewOrder {
  profileId: string;
  kind: string;
  startsAt: string;
  note?: string;
  dispatch?: 'auto' | 'manual';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: string | null) => (v === null ? null : Number(v));

export async function createOrder(ctx: AppContext, caller: Caller, input: NewOrder, via: 'worker' | 'resident', now = new Date()) {
  let profile: typeof careProfiles.$inferSelect;
  let orderedAs: 'self' | 'family' | 'worker' = 'worker';
  if (via === 'worker') {
    profile = await visibleProfile(ctx.db, caller, input.profileId).catch(() => {
      throw unprocessable(sm.msg('services.invalid'), [{ path: 'body.profileId', message: sm.msg('field.profile_out_of_scope') }]);
    });
  } else {
    if (!caller.residentId) throw forbidden(sm.msg('services.no_elders'));
    const mine = (await eldersOfResident(ctx, caller.residentId)).find((e) => e.profile.id === input.profileId);
    if (!mine) throw unprocessable(sm.msg('services.invalid'), [{ path: 'body.profileId', message: sm.msg('field.not_your_elder') }]);
    profile = mine.profile;
    orderedAs = mine.relation === 'self' ? 'self' : 'family';
  }
  const kind = kindOf(await catalogueAt(ctx.db), input.kind);
  if (!kind) throw unprocessable(sm.msg('services.invalid'), [{ path: 'body.kind', message: sm.msg('field.unknown_kind') }]);
  const startsAt = new Date(input.startsAt);
  // A minute's grace: a form filled in at the start of the slot is not refused for the seconds it took.
  if (startsAt.getTime() < now.getTime() - 60_000)
    throw unprocessable(sm.msg('services.invalid'), [{ path: 'body.startsAt', message: sm.msg('field.starts_in_past') }]);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(serviceOrders).values({
      id,
      kind: kind.code,
      profileId: profile.id,
      compoundId: profile.compoundId,
      householdId: profile.householdId,
      communityCode: profile.communityCode,
      orderedBy: caller.id,
      orderedAs,
      dispatchMode: via === 'worker' ? (input.dispatch ?? 'auto') : 'auto',
      status: 'requested',
      startsAt,
      endsAt: new Date(startsAt.getTime() + kind.minutes * 60_000),
      note: input.note ?? null,
      createdAt: now,
    });
    await audit(tx, actorOf(caller), 'services.order.create', 'service_order', id, { kind: kind.code, orderedAs });
    const order = await lockOrder(tx, id);
    if (order.dispatchMode === 'auto') await offerNext(ctx, tx, order, now);
  });
  return getOrder(ctx, caller, id);
}

/** The order if the caller may see it; 404 as if missing otherwise. */
export async function visibleOrder(ctx: AppContext, caller: Caller, id: string): Promise<OrderRow> {
  const [row] = await ctx.db
    .select()
    .from(serviceOrders)
    .where(and(eq(serviceOrders.id, id), await orderScope(ctx.db, caller)))
    .limit(1);
  if (!row) throw notFound(sm.msg('services.order.entity', { id }));
  return row;
}

async function summaries(ctx: AppContext, rows: OrderRow[]) {
  const profileIds = [...new Set(rows.map((r) => r.profileId))];
  const [profiles, names, places, catalogue] = await Promise.all([
    profileIds.length
      ? ctx.db
          .select({ id: careProfiles.id, nameMasked: careProfiles.nameMasked })
          .from(careProfiles)
          .where(inArray(careProfiles.id, profileIds))
      : [],
    providerNames(ctx, [...new Set(rows.flatMap((r) => (r.providerId ? [r.providerId] : [])))]),
    registry.compoundPlaces(ctx.db, [...new Set(rows.map((r) => r.compoundId))]),
    catalogueAt(ctx.db),
  ]);
  const elder = new Map(profiles.map((p) => [p.id, p.nameMasked]));
  return rows.map((r) => ({
    id: r.id,
    ref: orderRef(r.seq, r.createdAt),
    kind: r.kind,
    kindName: kindOf(catalogue, r.kind)?.name ?? { zh: r.kind, en: r.kind },
    status: r.status,
    dispatchMode: r.dispatchMode,
    orderedAs: r.orderedAs,
    profileId: r.profileId,
    elderNameMasked: elder.get(r.profileId) ?? '*',
    compoundId: r.compoundId,
    compoundName: places.get(r.compoundId)?.name ?? null,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    providerId: r.providerId,
    providerName: r.providerId ? (names.get(r.providerId) ?? null) : null,
    priceFen: r.priceFen,
    subsidyFen: r.subsidyFen,
    /** What the elder pays: the price less the subsidy. */
    payFen: r.priceFen === null ? null : r.priceFen - (r.subsidyFen ?? 0),
    createdAt: r.createdAt.toISOString(),
    acceptedAt: iso(r.acceptedAt),
    actions: orderActions(r.status),
  }));
}

export async function getOrder(ctx: AppContext, caller: Caller, id: string) {
  const row = await visibleOrder(ctx, caller, id);
  const [summary] = await summaries(ctx, [row]);
  const staffOrProvider = caller.role !== 'resident';
  const own = caller.role === 'service_provider' ? await providerIdOf(ctx.db, caller.id) : null;
  const [offers, rating, complaints] = await Promise.all([
    ctx.db.select().from(serviceOffers).where(eq(serviceOffers.orderId, id)).orderBy(asc(serviceOffers.offeredAt)),
    ctx.db.select().from(serviceRatings).where(eq(serviceRatings.orderId, id)).limit(1),
    ctx.db.select().from(serviceComplaints).where(eq(serviceComplaints.orderId, id)).orderBy(asc(serviceComplaints.filedAt)),
  ]);
  const names = await providerNames(ctx, [...new Set(offers.map((o) => o.providerId))]);
  // A provider sees its own offers only; residents see none (who declined is not theirs to know).
  const shown = staffOrProvider ? offers.filter((o) => caller.role !== 'service_provider' || o.providerId === own) : [];
  const subsidyRule = row.subsidyRule;
  return {
    ...summary!,
    note: row.note,
    subsidyRule: subsidyRule ? { key: subsidyRule.key, version: subsidyRule.version, minAge: subsidyRule.minAge } : null,
    offeredAt: iso(row.offeredAt),
    checkIn: row.checkInAt ? { at: row.checkInAt.toISOString(), lat: num(row.checkInLat), lng: num(row.checkInLng) } : null,
    checkOut: row.checkOutAt ? { at: row.checkOutAt.toISOString(), lat: num(row.checkOutLat), lng: num(row.checkOutLng) } : null,
    serviceNote: row.serviceNote,
    closedAt: iso(row.closedAt),
    offers: shown.map((o) => ({
      id: o.id,
      providerId: o.providerId,
      providerName: names.get(o.providerId) ?? null,
      rank: o.rank,
      score: o.score,
      byHand: o.byHand,
      offeredAt: o.offeredAt.toISOString(),
      expiresAt: o.expiresAt.toISOString(),
      answer: o.answer,
      answeredAt: iso(o.answeredAt),
    })),
    rating: rating[0] ? { stars: rating[0].stars, comment: rating[0].comment, at: rating[0].at.toISOString() } : null,
    complaints: complaints.map((c) => ({
      id: c.id,
      status: c.status,
      text: c.text,
      filedAt: c.filedAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
  };
}

const cursorShape = z.tuple([z.string(), z.string().uuid()]);

export interface OrderFilter {
  status?: OrderStatus;
  kind?: string;
  compoundId?: string;
  /** Only orders with an offer still unanswered; for a provider, an offer made to it (what it has to answer). */
  awaiting?: boolean;
  limit: number;
  cursor?: string;
}

/** Orders in the caller's scope, newest first. */
export async function listOrders(ctx: AppContext, caller: Caller, q: OrderFilter) {
  const after = decodeCursor(q.cursor, cursorShape);
  const own = q.awaiting && caller.role === 'service_provider' ? await providerIdOf(ctx.db, caller.id) : null;
  const awaiting = q.awaiting
    ? sql`exists (select 1 from ${serviceOffers} where ${serviceOffers.orderId} = ${serviceOrders.id} and ${serviceOffers.answer} = 'pending'${
        caller.role === 'service_provider' ? sql` and ${serviceOffers.providerId} = ${own}` : sql``
      })`
    : undefined;
  const rows = await ctx.db
    .select()
    .from(serviceOrders)
    .where(
      and(
        await orderScope(ctx.db, caller),
        q.status ? eq(serviceOrders.status, q.status) : undefined,
        q.kind ? eq(serviceOrders.kind, q.kind) : undefined,
        q.compoundId ? eq(serviceOrders.compoundId, q.compoundId) : undefined,
        awaiting,
        after
          ? or(
              lt(serviceOrders.createdAt, new Date(after[0])),
              and(eq(serviceOrders.createdAt, new Date(after[0])), lt(serviceOrders.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(serviceOrders.createdAt), desc(serviceOrders.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: await summaries(ctx, p.items), nextCursor: p.nextCursor };
}

export async function cancelOrder(ctx: AppContext, caller: Caller, id: string, now = new Date()) {
  await visibleOrder(ctx, caller, id);
  if (caller.role === 'service_provider') throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (!mayOrder(order.status, 'cancel')) throw notAllowed(order.status, 'cancel');
    if (order.status === 'accepted' && order.slotId)
      await tx.execute(sql`update service_slots set booked = booked - 1 where id = ${order.slotId} and booked > 0`);
    await tx
      .update(serviceOffers)
      .set({ answer: 'withdrawn', answeredAt: now })
      .where(and(eq(serviceOffers.orderId, id), eq(serviceOffers.answer, 'pending')));
    await tx.update(serviceOrders).set({ status: 'cancelled', closedAt: now }).where(eq(serviceOrders.id, id));
    await audit(tx, actorOf(caller), 'services.order.cancel', 'service_order', id, {});
  });
  return getOrder(ctx, caller, id);
}

/** The ranked candidates of an order, for a worker choosing by hand (with why the others are left out). */
export async function orderCandidates(ctx: AppContext, caller: Caller, id: string) {
  const order = await visibleOrder(ctx, caller, id);
  const [profile] = await ctx.db.select().from(careProfiles).where(eq(careProfiles.id, order.profileId)).limit(1);
  const { ranked, ineligible } = await rankForOrder(ctx, ctx.db, order, profile!);
  const names = await providerNames(
    ctx,
    ineligible.map((i) => i.providerId),
  );
  return {
    items: ranked.map((r, i) => ({
      rank: i + 1,
      providerId: r.providerId,
      providerName: r.providerName,
      score: r.score,
      distanceM: r.distanceM,
      free: r.free,
      priceFen: r.priceFen,
      parts: r.parts,
    })),
    ineligible: ineligible.map((i) => ({
      providerId: i.providerId,
      providerName: names.get(i.providerId) ?? null,
      reason: i.reason,
      reasonText: sm.msg(`reason.${i.reason}`),
      qualification: i.qualification ?? null,
    })),
  };
}

export async function dispatchOrder(ctx: AppContext, caller: Caller, id: string, providerId: string | undefined, now = new Date()) {
  const order = await visibleOrder(ctx, caller, id);
  await dispatchByHand(ctx, caller, order, providerId, now);
  return getOrder(ctx, caller, id);
}
