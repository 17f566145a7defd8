// Parking's use cases: spaces kept by the property's staff, stays and their fees, monthly passes and payments recorded
// (method and reference; no gateway), and the occupancy residents see for their compounds.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { audit } from '../../platform/audit.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { yuan } from '../../platform/i18n/format.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { z } from 'zod';
import { allowPlate, normalizePlate, plateKind } from '../passage/index.ts';
import { compoundInScope, registry } from '../registry/index.ts';
import { parkingMessages as pm } from './messages.ts';
import {
  parkingPasses,
  parkingPayments,
  parkingSessions,
  parkingSpaces,
  spaceKinds,
  type PaymentMethod,
  type SpaceKind,
} from './schema.ts';
import { quote } from './sessions.ts';
import { monthWindow, TARIFF_RULE, tariffSchema } from './tariff.ts';

type Caller = AuthUser & { ip?: string };
const actor = (u: Caller) => ({ id: u.id, username: u.username, ip: u.ip });

export async function staffCompound(ctx: AppContext, user: AuthUser, compoundId: string) {
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!place || !compoundInScope(user.scope, { id: compoundId, communityCode: place.communityCode }))
    throw notFound(pm.msg('parking.compound.entity', { id: compoundId }));
  return place;
}

const spaceView = (r: typeof parkingSpaces.$inferSelect) => ({
  id: r.id,
  compoundId: r.compoundId,
  code: r.code,
  kind: r.kind,
  householdId: r.householdId,
});

export async function createSpace(
  ctx: AppContext,
  user: Caller,
  compoundId: string,
  input: { code: string; kind: SpaceKind; householdId?: string },
) {
  await staffCompound(ctx, user, compoundId);
  const errors: FieldError[] = [];
  const held = input.kind === 'owned' || input.kind === 'rented';
  if (held && !input.householdId) errors.push({ path: 'body.householdId', message: pm.msg('parking.space.household_needed') });
  if (input.householdId && !(await registry.householdIdsOfCompounds(ctx.db, [compoundId])).includes(input.householdId))
    errors.push({ path: 'body.householdId', message: pm.msg('parking.space.household_unknown') });
  if (errors.length) throw unprocessable(pm.msg('parking.space.invalid', { errors: errors.map((e) => e.message) }), errors);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(parkingSpaces)
      .values({ id: uuidv7(), compoundId, code: input.code.trim(), kind: input.kind, householdId: held ? input.householdId! : null })
      .onConflictDoNothing()
      .returning();
    if (!row)
      throw conflict(pm.msg('parking.space.exists', { code: input.code }), {
        errors: [{ path: 'body.code', message: pm.msg('parking.space.exists', { code: input.code }) }],
      });
    await audit(tx, actor(user), 'parking.space_created', 'parking_space', row.id, { kind: row.kind });
    return spaceView(row);
  });
}

export async function listSpaces(ctx: AppContext, user: Caller, compoundId: string) {
  await staffCompound(ctx, user, compoundId);
  const rows = await ctx.db.select().from(parkingSpaces).where(eq(parkingSpaces.compoundId, compoundId)).orderBy(asc(parkingSpaces.code));
  return { items: rows.map(spaceView) };
}

const sessionView = (r: typeof parkingSessions.$inferSelect, dueFen: number, quotedFen: number | null) => ({
  id: r.id,
  compoundId: r.compoundId,
  plate: r.plate,
  enteredAt: r.enteredAt.toISOString(),
  exitedAt: r.exitedAt?.toISOString() ?? null,
  feeFen: r.feeFen,
  /** An open stay's fee if it ended now. */
  quotedFen,
  paidFen: r.paidFen,
  dueFen,
  tariffVersion: r.tariffVersion,
  days: ((r.feeDetail as { days?: unknown[] } | null)?.days ?? []) as {
    day: string;
    hours: number;
    fen: number;
    capped: boolean;
    pass: boolean;
  }[],
});

async function viewWithDue(ctx: AppContext, r: typeof parkingSessions.$inferSelect, now: Date) {
  if (r.feeFen !== null) return sessionView(r, Math.max(0, r.feeFen - r.paidFen), null);
  const q = await ctx.db.transaction((tx) => quote(tx, r, now));
  return sessionView(r, Math.max(0, q.fee.fen - r.paidFen), q.fee.fen);
}

export async function listSessions(
  ctx: AppContext,
  user: Caller,
  compoundId: string,
  q: { open?: boolean; limit: number; cursor?: string },
  now = new Date(),
) {
  await staffCompound(ctx, user, compoundId);
  const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime({ offset: true }), z.uuid()]));
  const rows = await ctx.db
    .select()
    .from(parkingSessions)
    .where(
      and(
        eq(parkingSessions.compoundId, compoundId),
        q.open === undefined ? undefined : q.open ? isNull(parkingSessions.exitedAt) : isNotNull(parkingSessions.exitedAt),
        after ? sql`(${parkingSessions.enteredAt}, ${parkingSessions.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(parkingSessions.enteredAt), desc(parkingSessions.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.enteredAt.toISOString(), r.id]);
  return { items: await Promise.all(p.items.map((r) => viewWithDue(ctx, r, now))), nextCursor: p.nextCursor };
}

async function sessionInScope(ctx: AppContext, user: Caller, id: string) {
  const [row] = await ctx.db.select().from(parkingSessions).where(eq(parkingSessions.id, id));
  if (!row) throw notFound(pm.msg('parking.session.entity', { id }));
  await staffCompound(ctx, user, row.compoundId).catch(() => {
    throw notFound(pm.msg('parking.session.entity', { id }));
  });
  return row;
}

export async function getSession(ctx: AppContext, user: Caller, id: string, now = new Date()) {
  return viewWithDue(ctx, await sessionInScope(ctx, user, id), now);
}

/** Records a payment against a stay: never more than is due (the fee, or an open stay's fee so far). */
export async function recordPayment(
  ctx: AppContext,
  user: Caller,
  id: string,
  input: { amountFen: number; method: PaymentMethod; reference: string },
  now = new Date(),
) {
  await sessionInScope(ctx, user, id);
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx.select().from(parkingSessions).where(eq(parkingSessions.id, id)).for('update');
    const fee = s!.feeFen ?? (await quote(tx, s!, now)).fee.fen;
    const due = fee - s!.paidFen;
    if (input.amountFen > due)
      throw unprocessable(pm.msg('parking.payment.too_much', { due: yuan(Math.max(0, due)), amount: yuan(input.amountFen) }), [
        {
          path: 'body.amountFen',
          message: pm.msg('parking.payment.too_much', { due: yuan(Math.max(0, due)), amount: yuan(input.amountFen) }),
        },
      ]);
    const [paid] = await tx
      .insert(parkingPayments)
      .values({
        id: uuidv7(now.getTime()),
        sessionId: id,
        compoundId: s!.compoundId,
        amountFen: input.amountFen,
        method: input.method,
        reference: input.reference.trim(),
        paidAt: now,
        recordedBy: user.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!paid)
      throw conflict(pm.msg('parking.payment.duplicate'), {
        errors: [{ path: 'body.reference', message: pm.msg('parking.payment.duplicate') }],
      });
    const [after] = await tx
      .update(parkingSessions)
      .set({ paidFen: sql`${parkingSessions.paidFen} + ${input.amountFen}` })
      .where(eq(parkingSessions.id, id))
      .returning();
    await audit(tx, actor(user), 'parking.payment_recorded', 'parking_session', id, { amountFen: input.amountFen, method: input.method });
    return {
      id: paid.id,
      sessionId: id,
      amountFen: paid.amountFen,
      method: paid.method,
      reference: paid.reference,
      paidAt: paid.paidAt.toISOString(),
      sessionPaidFen: after!.paidFen,
      sessionDueFen: Math.max(0, fee - after!.paidFen),
    };
  });
}

/** Sells a plate a monthly pass at the tariff's price, the payment recorded with it. */
export async function sellPass(
  ctx: AppContext,
  user: Caller,
  compoundId: string,
  input: { plate: string; month: string; method: PaymentMethod; reference: string },
) {
  await staffCompound(ctx, user, compoundId);
  const plate = normalizePlate(input.plate);
  if (!plateKind(plate))
    throw unprocessable(pm.msg('parking.plate.invalid', { plate: input.plate }), [
      { path: 'body.plate', message: pm.msg('parking.plate.invalid', { plate: input.plate }) },
    ]);
  const rule = await ruleAt<unknown>(ctx.db, TARIFF_RULE, `${input.month}-01`);
  const amountFen = tariffSchema.parse(rule.value).monthlyPassFen;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(parkingPasses)
      .values({
        id: uuidv7(),
        compoundId,
        plate,
        month: input.month,
        amountFen,
        method: input.method,
        reference: input.reference.trim(),
        recordedBy: user.id,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw conflict(pm.msg('parking.pass.exists'), { errors: [{ path: 'body.month', message: pm.msg('parking.pass.exists') }] });
    await audit(tx, actor(user), 'parking.pass_sold', 'parking_pass', row.id, { month: row.month, amountFen });
    // The plate passes the compound's barriers for the month: passage pushes its plate list once this commits.
    const window = monthWindow(row.month);
    await allowPlate(ctx, tx, {
      compoundId,
      plate,
      source: 'parking_pass',
      sourceId: row.id,
      validFrom: window.from,
      validUntil: window.until,
    });
    return { id: row.id, compoundId, plate, month: row.month, amountFen, method: row.method, reference: row.reference };
  });
}

/** The car parks of the resident's compounds: spaces by kind, stays open now, free; and their household's spaces. */
export async function myParking(ctx: AppContext, user: Caller) {
  if (!user.residentId) throw forbidden(pm.msg('parking.resident_only'));
  const homes = (await registry.bindingsOfResident(ctx, user.residentId)).filter((b) => b.status === 'verified');
  if (!homes.length) throw forbidden(pm.msg('parking.resident_only'));
  const compoundIds = [...new Set(homes.map((h) => h.compoundId))];
  const [spaces, open, mine] = await Promise.all([
    ctx.db
      .select({ compoundId: parkingSpaces.compoundId, kind: parkingSpaces.kind, n: count() })
      .from(parkingSpaces)
      .where(inArray(parkingSpaces.compoundId, compoundIds))
      .groupBy(parkingSpaces.compoundId, parkingSpaces.kind),
    ctx.db
      .select({ compoundId: parkingSessions.compoundId, n: count() })
      .from(parkingSessions)
      .where(
        and(inArray(parkingSessions.compoundId, compoundIds), isNull(parkingSessions.exitedAt), lt(parkingSessions.enteredAt, new Date())),
      )
      .groupBy(parkingSessions.compoundId),
    ctx.db
      .select()
      .from(parkingSpaces)
      .where(
        inArray(
          parkingSpaces.householdId,
          homes.map((h) => h.householdId),
        ),
      )
      .orderBy(asc(parkingSpaces.code)),
  ]);
  return {
    compounds: compoundIds.map((id) => {
      const byKind = Object.fromEntries(
        spaceKinds.map((k) => [k, spaces.find((s) => s.compoundId === id && s.kind === k)?.n ?? 0]),
      ) as Record<SpaceKind, number>;
      const total = spaceKinds.reduce((s, k) => s + byKind[k], 0);
      const occupied = open.find((o) => o.compoundId === id)?.n ?? 0;
      return {
        compoundId: id,
        compoundName: homes.find((h) => h.compoundId === id)!.compoundName,
        spaces: total,
        byKind,
        occupied,
        free: Math.max(0, total - occupied),
      };
    }),
    mySpaces: mine.map(spaceView),
  };
}
