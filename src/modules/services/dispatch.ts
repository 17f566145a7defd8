// Dispatch: the best-ranked provider gets the offer; it accepts (booking a place in the slot) or declines; on a
// decline or when the offer's time runs out (a pg-boss job queued for that moment, or the minute's sweep) the next
// one gets it, up to the rule's number of offers, after which the order is unmatched (unmet demand). An order
// dispatched by hand goes back to the community worker instead. Every function takes `now`, so tests move the clock.
import { and, eq, lte, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { defineJob } from '../../platform/queue.ts';
import { actorOf, requireProvider, type Caller } from './access.ts';
import { findCandidates } from './candidates.ts';
import { birthDateOf } from './care.service.ts';
import { mayOrder, type OrderAction } from './lifecycle.ts';
import { rankCandidates, type Ineligible, type Ranked } from './matching.ts';
import { servicesMessages as sm } from './messages.ts';
import { catalogueAt, dispatchAt, kindOf, matchingAt, subsidiesAt, SUBSIDY_RULE } from './rules.ts';
import { careProfiles, serviceOffers, serviceOrders, serviceSlots, type OrderStatus } from './schema.ts';
import { ageOn, shanghaiDay, subsidyFor } from './subsidy.ts';

type OrderRow = typeof serviceOrders.$inferSelect;
type ProfileRow = typeof careProfiles.$inferSelect;

export const notAllowed = (status: OrderStatus, action: OrderAction) =>
  conflict(sm.msg('services.transition_not_allowed', { status: sm.msg(`status.${status}`), action: sm.msg(`action.${action}`) }));

export async function lockOrder(tx: Tx, id: string): Promise<OrderRow> {
  const [row] = await tx.select().from(serviceOrders).where(eq(serviceOrders.id, id)).for('update');
  if (!row) throw notFound(sm.msg('services.order.entity', { id }));
  return row;
}

async function profileOf(tx: Tx, id: string): Promise<ProfileRow> {
  const [row] = await tx.select().from(careProfiles).where(eq(careProfiles.id, id)).limit(1);
  return row!;
}

/** The ranked providers for an order (and why the others are left out): matching's pure function on one query. */
export async function rankForOrder(
  ctx: AppContext,
  tx: Tx,
  order: Pick<OrderRow, 'compoundId' | 'kind' | 'startsAt'>,
  profile: Pick<ProfileRow, 'lat' | 'lng' | 'carerGender' | 'dialect'>,
  exclude?: ReadonlySet<string>,
): Promise<{ ranked: Ranked[]; ineligible: Ineligible[] }> {
  const day = shanghaiDay(order.startsAt);
  const [catalogue, rule, candidates] = await Promise.all([
    catalogueAt(ctx.db, day),
    matchingAt(ctx.db, day),
    findCandidates(tx, { compoundId: order.compoundId, kind: order.kind, at: order.startsAt }),
  ]);
  return rankCandidates(
    candidates,
    {
      lat: profile.lat === null ? null : Number(profile.lat),
      lng: profile.lng === null ? null : Number(profile.lng),
      day,
      requires: kindOf(catalogue, order.kind)?.requires ?? [],
      carerGender: profile.carerGender,
      dialect: profile.dialect,
      exclude,
    },
    rule,
  );
}

/**
 * The providers ranked for an elder's would-be order (a preview, and the bench's figure): one read of the profile,
 * one indexed candidate query, the pure ranking.
 */
export async function matchForProfile(ctx: AppContext, profileId: string, kind: string, at: Date) {
  const [profile] = await ctx.db.select().from(careProfiles).where(eq(careProfiles.id, profileId)).limit(1);
  if (!profile) throw notFound(sm.msg('services.profile.entity', { id: profileId }));
  return rankForOrder(ctx, ctx.db, { compoundId: profile.compoundId, kind, startsAt: at }, profile);
}

/** The subsidy for an elder's order at a price, by the rule in force on the service day. */
export async function subsidyOf(ctx: AppContext, profile: ProfileRow, kind: string, priceFen: number, startsAt: Date) {
  const day = shanghaiDay(startsAt);
  const rule = await subsidiesAt(ctx.db, day);
  const { subsidyFen, band } = subsidyFor(rule.value, kind, ageOn(birthDateOf(ctx, profile), day), priceFen);
  return { subsidyFen, subsidyRule: { key: SUBSIDY_RULE, version: rule.version, minAge: band?.minAge ?? null } };
}

/**
 * Offers the order to the next provider (or to `byHand`, a provider the worker chose), in the caller's transaction
 * with the order locked. Answers the order's new status.
 */
export async function offerNext(
  ctx: AppContext,
  tx: Tx,
  order: OrderRow,
  now: Date,
  byHand?: { providerId?: string },
): Promise<OrderStatus> {
  const profile = await profileOf(tx, order.profileId);
  const rule = await dispatchAt(ctx.db);
  const previous = await tx.select({ providerId: serviceOffers.providerId }).from(serviceOffers).where(eq(serviceOffers.orderId, order.id));
  const exclude = byHand ? undefined : new Set(previous.map((p) => p.providerId));
  const { ranked, ineligible } =
    !byHand && previous.length >= rule.maxOffers ? { ranked: [], ineligible: [] } : await rankForOrder(ctx, tx, order, profile, exclude);
  let pick: Ranked | undefined = ranked[0];
  if (byHand?.providerId) {
    pick = ranked.find((r) => r.providerId === byHand.providerId);
    if (!pick) {
      const why = ineligible.find((i) => i.providerId === byHand.providerId)?.reason ?? 'no_slot';
      throw unprocessable(sm.msg('services.invalid'), [
        { path: 'body.providerId', message: sm.msg('field.provider_not_candidate', { reason: sm.msg(`reason.${why}`) }) },
      ]);
    }
  }
  if (!pick) {
    await tx.update(serviceOrders).set({ status: 'unmatched', closedAt: now }).where(eq(serviceOrders.id, order.id));
    await ctx.events.record(tx, 'services.order_unmatched', { orderId: order.id, kind: order.kind, communityCode: order.communityCode });
    return 'unmatched';
  }
  const expiresAt = new Date(now.getTime() + rule.offerSeconds * 1000);
  const offerId = uuidv7();
  await tx.insert(serviceOffers).values({
    id: offerId,
    orderId: order.id,
    providerId: pick.providerId,
    offeringId: pick.offeringId,
    slotId: pick.slotId,
    rank: ranked.indexOf(pick) + 1,
    score: pick.score,
    byHand: Boolean(byHand?.providerId),
    offeredAt: now,
    expiresAt,
  });
  const price = await subsidyOf(ctx, profile, order.kind, pick.priceFen, order.startsAt);
  await tx
    .update(serviceOrders)
    .set({
      status: 'offered',
      offeredAt: order.offeredAt ?? now,
      closedAt: null,
      offeringId: pick.offeringId,
      slotId: pick.slotId,
      priceFen: pick.priceFen,
      ...price,
    })
    .where(eq(serviceOrders.id, order.id));
  await ctx.queue.enqueue(tx, offerTimeoutJob, { offerId }, { createdBy: null, startAfter: expiresAt });
  await ctx.events.record(tx, 'services.order_offered', { orderId: order.id, providerId: pick.providerId, offerId });
  return 'offered';
}

/** After a decline or a timeout: the next provider (automatic), or back to the community worker (by hand). */
async function afterRefusal(ctx: AppContext, tx: Tx, order: OrderRow, now: Date): Promise<OrderStatus> {
  if (order.dispatchMode === 'auto') return offerNext(ctx, tx, order, now);
  await tx.update(serviceOrders).set({ status: 'requested' }).where(eq(serviceOrders.id, order.id));
  return 'requested';
}

/** Expires one offer whose time has run out at `now` (the timeout job; the sweep); answers whether it did. */
export async function expireOffer(ctx: AppContext, offerId: string, now: Date): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const [offer] = await tx.select().from(serviceOffers).where(eq(serviceOffers.id, offerId)).limit(1);
    if (!offer || offer.answer !== 'pending' || offer.expiresAt > now) return false;
    const order = await lockOrder(tx, offer.orderId);
    const [expired] = await tx
      .update(serviceOffers)
      .set({ answer: 'expired', answeredAt: now })
      .where(and(eq(serviceOffers.id, offerId), eq(serviceOffers.answer, 'pending')))
      .returning({ id: serviceOffers.id });
    if (!expired) return false;
    if (order.status === 'offered') await afterRefusal(ctx, tx, order, now);
    return true;
  });
}

export const offerTimeoutJob = defineJob<{ offerId: string }, AppContext>({
  name: 'services.offer_timeout',
  options: { retryLimit: 3, retryDelaySeconds: 5 },
  async run(ctx, data) {
    return { expired: await expireOffer(ctx, data.offerId, new Date()) };
  },
});

async function pendingOfferOf(tx: Tx, orderId: string, providerId: string) {
  const offers = await tx
    .select()
    .from(serviceOffers)
    .where(and(eq(serviceOffers.orderId, orderId), eq(serviceOffers.providerId, providerId)))
    .orderBy(sql`${serviceOffers.offeredAt} desc`);
  return offers;
}

/** The provider accepts: a place in the slot is booked, the price and the subsidy are fixed. */
export async function acceptOffer(ctx: AppContext, caller: Caller, orderId: string, now: Date) {
  const providerId = await requireProvider(ctx.db, caller);
  const outcome = await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const offers = await pendingOfferOf(tx, orderId, providerId);
    if (!offers.length) throw notFound(sm.msg('services.order.entity', { id: orderId }));
    const pending = offers.find((o) => o.answer === 'pending');
    if (!pending) throw conflict(sm.msg(offers[0]!.answer === 'expired' ? 'services.offer_expired' : 'services.no_pending_offer'));
    if (!mayOrder(order.status, 'accept')) throw notAllowed(order.status, 'accept');
    if (pending.expiresAt <= now) {
      await tx.update(serviceOffers).set({ answer: 'expired', answeredAt: now }).where(eq(serviceOffers.id, pending.id));
      await afterRefusal(ctx, tx, order, now);
      return 'expired' as const;
    }
    const [booked] = await tx
      .update(serviceSlots)
      .set({ booked: sql`${serviceSlots.booked} + 1` })
      .where(and(eq(serviceSlots.id, pending.slotId), sql`${serviceSlots.booked} < ${serviceSlots.capacity}`))
      .returning({ id: serviceSlots.id });
    if (!booked) throw conflict(sm.msg('services.slot_full'));
    await tx.update(serviceOffers).set({ answer: 'accepted', answeredAt: now }).where(eq(serviceOffers.id, pending.id));
    await tx
      .update(serviceOrders)
      .set({ status: 'accepted', providerId, offeringId: pending.offeringId, slotId: pending.slotId, acceptedAt: now })
      .where(eq(serviceOrders.id, orderId));
    await audit(tx, actorOf(caller), 'services.order.accept', 'service_order', orderId, { providerId });
    await ctx.events.record(tx, 'services.order_accepted', { orderId, providerId, kind: order.kind });
    return 'accepted' as const;
  });
  if (outcome === 'expired') throw conflict(sm.msg('services.offer_expired'));
}

export async function declineOffer(ctx: AppContext, caller: Caller, orderId: string, reason: string | undefined, now: Date) {
  const providerId = await requireProvider(ctx.db, caller);
  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    const offers = await pendingOfferOf(tx, orderId, providerId);
    if (!offers.length) throw notFound(sm.msg('services.order.entity', { id: orderId }));
    const pending = offers.find((o) => o.answer === 'pending');
    if (!pending) throw conflict(sm.msg('services.no_pending_offer'));
    await tx
      .update(serviceOffers)
      .set({ answer: 'declined', answeredAt: now, reason: reason ?? null })
      .where(eq(serviceOffers.id, pending.id));
    await audit(tx, actorOf(caller), 'services.order.decline', 'service_order', orderId, { providerId });
    if (order.status === 'offered') await afterRefusal(ctx, tx, order, now);
  });
}

/** A community worker dispatches by hand: to the provider they chose among the candidates, or to the best one. */
export async function dispatchByHand(ctx: AppContext, caller: Caller, order: OrderRow, providerId: string | undefined, now: Date) {
  await ctx.db.transaction(async (tx) => {
    const locked = await lockOrder(tx, order.id);
    if (!mayOrder(locked.status, 'offer')) throw notAllowed(locked.status, 'offer');
    await tx
      .update(serviceOffers)
      .set({ answer: 'withdrawn', answeredAt: now })
      .where(and(eq(serviceOffers.orderId, order.id), eq(serviceOffers.answer, 'pending')));
    await offerNext(ctx, tx, locked, now, { providerId });
    await audit(tx, actorOf(caller), 'services.order.dispatch', 'service_order', order.id, { providerId: providerId ?? null });
  });
}

/** The minute's work: offers past their time (a timeout job lost or late) and accepted orders nobody checked in to. */
export async function servicesSweep(ctx: AppContext, now: Date): Promise<{ expired: number; noShows: number }> {
  const due = await ctx.db
    .select({ id: serviceOffers.id })
    .from(serviceOffers)
    .where(and(eq(serviceOffers.answer, 'pending'), lte(serviceOffers.expiresAt, now)))
    .limit(500);
  let expired = 0;
  for (const o of due) if (await expireOffer(ctx, o.id, now)) expired++;
  const rule = await dispatchAt(ctx.db);
  const noShows = await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(serviceOrders)
      .set({ status: 'no_show', closedAt: now })
      .where(
        and(
          eq(serviceOrders.status, 'accepted'),
          sql`${serviceOrders.checkInAt} is null`,
          lte(serviceOrders.endsAt, new Date(now.getTime() - rule.noShowGraceMinutes * 60_000)),
        ),
      )
      .returning({ id: serviceOrders.id, providerId: serviceOrders.providerId });
    for (const r of rows) await ctx.events.record(tx, 'services.order_no_show', { orderId: r.id, providerId: r.providerId });
    return rows.length;
  });
  return { expired, noShows };
}

export const servicesSweepJob = defineJob<object, AppContext>({
  name: 'services.sweep',
  async run(ctx) {
    return servicesSweep(ctx, new Date());
  },
});
