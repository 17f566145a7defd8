// What happens to an order after it is accepted: the provider checks in and out with time and place; the resident
// (or the worker who ordered) rates it once; complaints are filed on it and followed up by the community through a
// small lifecycle (open → handling → resolved → closed, with each step's note).
import { and, asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, forbidden, notFound } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { actorOf, requireProvider, staffScope, type Caller } from './access.ts';
import { lockOrder, notAllowed } from './dispatch.ts';
import { complaintMay, mayOrder } from './lifecycle.ts';
import { servicesMessages as sm } from './messages.ts';
import { getOrder, visibleOrder } from './orders.service.ts';
import { serviceComplaints, serviceOrders, serviceProviders, serviceRatings, type ComplaintStatus } from './schema.ts';

export interface Place {
  lat: number;
  lng: number;
}

async function providersOrder(ctx: AppContext, caller: Caller, id: string) {
  const providerId = await requireProvider(ctx.db, caller);
  await visibleOrder(ctx, caller, id);
  return providerId;
}

export async function checkIn(ctx: AppContext, caller: Caller, id: string, at: Place, now = new Date()) {
  const providerId = await providersOrder(ctx, caller, id);
  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (order.providerId !== providerId) throw notFound(sm.msg('services.order.entity', { id }));
    if (!mayOrder(order.status, 'check_in')) throw notAllowed(order.status, 'check_in');
    await tx
      .update(serviceOrders)
      .set({ status: 'in_service', checkInAt: now, checkInLat: at.lat.toFixed(6), checkInLng: at.lng.toFixed(6) })
      .where(eq(serviceOrders.id, id));
    await audit(tx, actorOf(caller), 'services.order.check_in', 'service_order', id, {});
  });
  return getOrder(ctx, caller, id);
}

export async function checkOut(ctx: AppContext, caller: Caller, id: string, at: Place & { note?: string }, now = new Date()) {
  const providerId = await providersOrder(ctx, caller, id);
  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (order.providerId !== providerId) throw notFound(sm.msg('services.order.entity', { id }));
    if (!mayOrder(order.status, 'check_out')) throw notAllowed(order.status, 'check_out');
    await tx
      .update(serviceOrders)
      .set({
        status: 'completed',
        checkOutAt: now,
        checkOutLat: at.lat.toFixed(6),
        checkOutLng: at.lng.toFixed(6),
        serviceNote: at.note ?? null,
      })
      .where(eq(serviceOrders.id, id));
    await audit(tx, actorOf(caller), 'services.order.check_out', 'service_order', id, {});
    await ctx.events.record(tx, 'services.order_completed', { orderId: id, providerId, kind: order.kind });
  });
  return getOrder(ctx, caller, id);
}

/** Once, when completed: by the resident side (or staff who ordered); the provider's rating moves with it. */
export async function rateOrder(ctx: AppContext, caller: Caller, id: string, input: { stars: number; comment?: string }) {
  if (caller.role === 'service_provider') throw forbidden();
  await visibleOrder(ctx, caller, id);
  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (!mayOrder(order.status, 'rate') || !order.providerId) throw notAllowed(order.status, 'rate');
    const [done] = await tx
      .insert(serviceRatings)
      .values({ orderId: id, providerId: order.providerId, stars: input.stars, comment: input.comment ?? null, byAccountId: caller.id })
      .onConflictDoNothing()
      .returning({ id: serviceRatings.orderId });
    if (!done) throw conflict(sm.msg('services.already_rated'));
    await tx
      .update(serviceProviders)
      .set({ ratingSum: sql`${serviceProviders.ratingSum} + ${input.stars}`, ratingCount: sql`${serviceProviders.ratingCount} + 1` })
      .where(eq(serviceProviders.id, order.providerId));
    await audit(tx, actorOf(caller), 'services.order.rate', 'service_order', id, { stars: input.stars });
  });
  return getOrder(ctx, caller, id);
}

const roleOf = (c: Caller) => (c.role === 'resident' ? 'resident' : c.role);

export async function fileComplaint(ctx: AppContext, caller: Caller, id: string, text: string, now = new Date()) {
  if (caller.role === 'service_provider') throw forbidden();
  await visibleOrder(ctx, caller, id);
  const complaintId = uuidv7();
  await ctx.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (!mayOrder(order.status, 'complain')) throw notAllowed(order.status, 'complain');
    await tx.insert(serviceComplaints).values({
      id: complaintId,
      orderId: id,
      providerId: order.providerId,
      communityCode: order.communityCode,
      text,
      status: 'open',
      filedBy: caller.id,
      filedAt: now,
      updatedAt: now,
      steps: [{ at: now.toISOString(), by: caller.id, role: roleOf(caller), status: 'open', note: null }],
    });
    await audit(tx, actorOf(caller), 'services.complaint.file', 'service_order', id, { complaintId });
    await ctx.events.record(tx, 'services.complaint_filed', { complaintId, orderId: id, communityCode: order.communityCode });
  });
  return getComplaint(ctx, caller, complaintId);
}

function complaintView(c: typeof serviceComplaints.$inferSelect) {
  return {
    id: c.id,
    orderId: c.orderId,
    providerId: c.providerId,
    status: c.status,
    text: c.text,
    filedAt: c.filedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    steps: c.steps.map((s) => ({ at: s.at, role: s.role, status: s.status, note: s.note })),
  };
}

export async function getComplaint(ctx: AppContext, caller: Caller, id: string) {
  const [c] = await ctx.db.select().from(serviceComplaints).where(eq(serviceComplaints.id, id)).limit(1);
  if (!c) throw notFound(sm.msg('services.complaint.entity', { id }));
  await visibleOrder(ctx, caller, c.orderId).catch(() => {
    throw notFound(sm.msg('services.complaint.entity', { id }));
  });
  return complaintView(c);
}

/** Community staff follow a complaint up: to handling, resolved or closed, each with its note. */
export async function followUpComplaint(
  ctx: AppContext,
  caller: Caller,
  id: string,
  input: { status: ComplaintStatus; note?: string },
  now = new Date(),
) {
  await ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(serviceComplaints)
      .where(and(eq(serviceComplaints.id, id), staffScope(caller, serviceComplaints.communityCode, sql`null::uuid`)))
      .for('update');
    if (!c) throw notFound(sm.msg('services.complaint.entity', { id }));
    if (!complaintMay(c.status, input.status))
      throw conflict(
        sm.msg('services.complaint_transition', { status: sm.msg(`complaint.${c.status}`), to: sm.msg(`complaint.${input.status}`) }),
      );
    await tx
      .update(serviceComplaints)
      .set({
        status: input.status,
        updatedAt: now,
        steps: [...c.steps, { at: now.toISOString(), by: caller.id, role: roleOf(caller), status: input.status, note: input.note ?? null }],
      })
      .where(eq(serviceComplaints.id, id));
    await audit(tx, actorOf(caller), 'services.complaint.follow_up', 'service_complaint', id, { status: input.status });
  });
  const [c] = await ctx.db.select().from(serviceComplaints).where(eq(serviceComplaints.id, id)).limit(1);
  return complaintView(c!);
}

export async function listComplaints(ctx: AppContext, caller: Caller, q: { status?: ComplaintStatus; limit: number }) {
  const rows = await ctx.db
    .select()
    .from(serviceComplaints)
    .where(
      and(
        staffScope(caller, serviceComplaints.communityCode, sql`null::uuid`),
        q.status ? eq(serviceComplaints.status, q.status) : undefined,
      ),
    )
    .orderBy(asc(serviceComplaints.filedAt))
    .limit(q.limit);
  return { items: rows.map(complaintView) };
}
