// Operators' time-limited use of public space (公共空间限期使用权): the register of a compound's spaces, grants to
// operators with their term, fee and concession, the tax and fee reliefs recorded, and what each operator delivered.
// Overlapping active grants of one space are refused by the database itself (an exclusion constraint).
import { and, asc, desc, eq, gt, like, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { toNumber } from '../../platform/money.ts';
import { compoundInScope, divisionPrefix, registry } from '../registry/index.ts';
import { marketMessages as m } from './messages.ts';
import { grantDeliveries, grantReliefs, publicSpaces, spaceGrants, type SpaceKind } from './schema.ts';

const pgCode = (err: unknown): string | undefined => {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
};

function scopeOf(user: AuthUser, communityCode: AnyColumn, compoundId: AnyColumn): SQL {
  const parts: SQL[] = [];
  if (user.scope.division) parts.push(like(communityCode, `${divisionPrefix(user.scope.division)}%`));
  if (user.scope.compoundIds.length) parts.push(sql`${compoundId} = any(${pgArray(user.scope.compoundIds)}::uuid[])`);
  return parts.length ? or(...parts)! : sql`false`;
}

type Space = typeof publicSpaces.$inferSelect;
type Grant = typeof spaceGrants.$inferSelect;

const grantView = (g: Grant) => ({
  id: g.id,
  spaceId: g.spaceId,
  operatorName: g.operatorName,
  operatorCreditCode: g.operatorCreditCode,
  startsOn: g.startsOn,
  endsOn: g.endsOn,
  feeFen: toNumber(g.feeFen),
  concessionFen: toNumber(g.concessionFen),
  terms: g.terms,
  status: g.status,
  remindedAt: g.remindedAt?.toISOString() ?? null,
});
export type GrantView = ReturnType<typeof grantView>;

const spaceView = (s: Space, compoundName: string, current: Grant | null) => ({
  id: s.id,
  compoundId: s.compoundId,
  compoundName,
  communityCode: s.communityCode,
  kind: s.kind,
  name: s.name,
  areaM2: s.areaM2,
  currentGrant: current ? grantView(current) : null,
});

export interface NewSpace {
  compoundId: string;
  kind: SpaceKind;
  name: string;
  areaM2?: string | null;
}

export async function registerSpace(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewSpace) {
  const place = (await registry.compoundPlaces(ctx.db, [input.compoundId])).get(input.compoundId);
  if (!place || !compoundInScope(user.scope, { id: input.compoundId, communityCode: place.communityCode }))
    throw unprocessable(m.msg('compound.entity', { id: input.compoundId }), [
      { path: 'body.compoundId', message: m.msg('field.not_in_scope') },
    ]);
  const id = uuidv7();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(publicSpaces)
        .values({ id, ...input, areaM2: input.areaM2 ?? null, communityCode: place.communityCode, createdBy: user.id })
        .returning();
      await audit(tx, actor, 'market.space.register', 'public_space', id, { compoundId: input.compoundId, kind: input.kind });
      return spaceView(row!, place.name, null);
    });
  } catch (err) {
    if (pgCode(err) === '23505')
      throw conflict(m.msg('space.name_taken', { name: input.name }), {
        errors: [{ path: 'body.name', message: m.msg('field.name_taken') }],
      });
    throw err;
  }
}

/** Spaces in scope (of one compound when asked), each with the grant in force on `today`. */
export async function listSpaces(
  ctx: AppContext,
  user: AuthUser,
  q: { compoundId?: string; limit: number; cursor?: string },
  today: string,
) {
  const after = decodeCursor(q.cursor, z.tuple([z.string()]));
  const rows = await ctx.db
    .select()
    .from(publicSpaces)
    .where(
      and(
        scopeOf(user, publicSpaces.communityCode, publicSpaces.compoundId),
        q.compoundId ? eq(publicSpaces.compoundId, q.compoundId) : undefined,
        after ? gt(publicSpaces.id, after[0]) : undefined,
      ),
    )
    .orderBy(asc(publicSpaces.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.id]);
  const ids = p.items.map((s) => s.id);
  const current = ids.length
    ? await ctx.db
        .select()
        .from(spaceGrants)
        .where(
          and(
            sql`${spaceGrants.spaceId} = any(${pgArray(ids)}::uuid[])`,
            eq(spaceGrants.status, 'active'),
            sql`${spaceGrants.startsOn} <= ${today}::date and ${spaceGrants.endsOn} >= ${today}::date`,
          ),
        )
    : [];
  const places = await registry.compoundPlaces(
    ctx.db,
    p.items.map((s) => s.compoundId),
  );
  return {
    items: p.items.map((s) => spaceView(s, places.get(s.compoundId)?.name ?? '', current.find((g) => g.spaceId === s.id) ?? null)),
    nextCursor: p.nextCursor,
  };
}

async function requireSpace(ctx: AppContext, user: AuthUser, id: string): Promise<Space> {
  const [row] = await ctx.db.select().from(publicSpaces).where(eq(publicSpaces.id, id));
  if (!row || !compoundInScope(user.scope, { id: row.compoundId, communityCode: row.communityCode }))
    throw notFound(m.msg('space.entity', { id }));
  return row;
}

export async function requireGrant(ctx: AppContext, user: AuthUser, id: string): Promise<Grant> {
  const [row] = await ctx.db
    .select({ grant: spaceGrants, compoundId: publicSpaces.compoundId })
    .from(spaceGrants)
    .innerJoin(publicSpaces, eq(publicSpaces.id, spaceGrants.spaceId))
    .where(eq(spaceGrants.id, id));
  if (!row || !compoundInScope(user.scope, { id: row.compoundId, communityCode: row.grant.communityCode }))
    throw notFound(m.msg('grant.entity', { id }));
  return row.grant;
}

export interface NewGrant {
  operatorName: string;
  operatorCreditCode?: string | null;
  startsOn: string;
  endsOn: string;
  feeFen: number;
  concessionFen?: number;
  terms?: string | null;
}

/** Grants a space to an operator for a term; 409 when an active grant of the space overlaps it (the database says so). */
export async function grantSpace(ctx: AppContext, user: AuthUser, actor: Actor | undefined, spaceId: string, input: NewGrant) {
  const space = await requireSpace(ctx, user, spaceId);
  if (input.endsOn < input.startsOn)
    throw unprocessable(m.msg('grant.dates_invalid'), [{ path: 'body.endsOn', message: m.msg('field.ends_before_start') }]);
  if ((input.concessionFen ?? 0) > input.feeFen)
    throw unprocessable(m.msg('grant.concession_over_fee'), [{ path: 'body.concessionFen', message: m.msg('field.concession_over_fee') }]);
  const id = uuidv7();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(spaceGrants)
        .values({
          id,
          spaceId,
          communityCode: space.communityCode,
          operatorName: input.operatorName,
          operatorCreditCode: input.operatorCreditCode ?? null,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          feeFen: BigInt(input.feeFen),
          concessionFen: BigInt(input.concessionFen ?? 0),
          terms: input.terms ?? null,
          createdBy: user.id,
        })
        .returning();
      await audit(tx, actor, 'market.space.grant', 'space_grant', id, {
        spaceId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        feeFen: input.feeFen,
        concessionFen: input.concessionFen ?? 0,
      });
      return grantView(row!);
    });
  } catch (err) {
    // 23P01: exclusion_violation (space_grants_no_overlap).
    if (pgCode(err) === '23P01')
      throw conflict(m.msg('grant.overlaps', { from: input.startsOn, to: input.endsOn }), {
        errors: [{ path: 'body.startsOn', message: m.msg('field.overlaps') }],
      });
    throw err;
  }
}

/** Ends a grant early: it no longer holds the space, so a new grant may take the rest of the term. */
export async function terminateGrant(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string) {
  await requireGrant(ctx, user, id);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(spaceGrants)
      .set({ status: 'terminated' })
      .where(and(eq(spaceGrants.id, id), eq(spaceGrants.status, 'active')))
      .returning();
    if (!row) throw conflict(m.msg('grant.terminated'));
    await audit(tx, actor, 'market.space.terminate', 'space_grant', id, {});
    return grantView(row);
  });
}

/** Grants in scope, soonest ending first (of one space when asked; only those ending on or after `from`). */
export async function listGrants(ctx: AppContext, user: AuthUser, q: { spaceId?: string; endingFrom?: string; limit: number }) {
  const rows = await ctx.db
    .select({ grant: spaceGrants, space: publicSpaces })
    .from(spaceGrants)
    .innerJoin(publicSpaces, eq(publicSpaces.id, spaceGrants.spaceId))
    .where(
      and(
        scopeOf(user, spaceGrants.communityCode, publicSpaces.compoundId),
        q.spaceId ? eq(spaceGrants.spaceId, q.spaceId) : undefined,
        q.endingFrom ? sql`${spaceGrants.endsOn} >= ${q.endingFrom}::date` : undefined,
      ),
    )
    .orderBy(asc(spaceGrants.endsOn), asc(spaceGrants.id))
    .limit(q.limit);
  return {
    items: rows.map((r) => ({ ...grantView(r.grant), spaceName: r.space.name, spaceKind: r.space.kind, compoundId: r.space.compoundId })),
  };
}

export async function recordRelief(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  grantId: string,
  input: { kind: 'tax' | 'fee'; amountFen: number; basis: string; grantedOn: string },
) {
  await requireGrant(ctx, user, grantId);
  const id = uuidv7();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(grantReliefs)
      .values({
        id,
        grantId,
        kind: input.kind,
        amountFen: BigInt(input.amountFen),
        basis: input.basis,
        grantedOn: input.grantedOn,
        recordedBy: user.id,
      })
      .returning();
    await audit(tx, actor, 'market.space.relief', 'space_grant', grantId, { kind: input.kind, amountFen: input.amountFen });
    return { id: row!.id, grantId, kind: row!.kind, amountFen: input.amountFen, basis: row!.basis, grantedOn: row!.grantedOn };
  });
}

export interface NewDelivery {
  periodStart: string;
  periodEnd: string;
  services: number;
  beneficiaries: number;
  summary: string;
}

/** What the operator delivered in a period within the grant's term (one report per period start). */
export async function recordDelivery(ctx: AppContext, user: AuthUser, actor: Actor | undefined, grantId: string, input: NewDelivery) {
  const grant = await requireGrant(ctx, user, grantId);
  if (input.periodEnd < input.periodStart || input.periodStart < grant.startsOn || input.periodEnd > grant.endsOn)
    throw unprocessable(m.msg('delivery.period_invalid'), [{ path: 'body.periodStart', message: m.msg('field.period_outside_grant') }]);
  const id = uuidv7();
  try {
    return await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(grantDeliveries)
        .values({ id, grantId, ...input, recordedBy: user.id })
        .returning();
      await audit(tx, actor, 'market.space.delivery', 'space_grant', grantId, {
        periodStart: input.periodStart,
        services: input.services,
        beneficiaries: input.beneficiaries,
      });
      return deliveryView(row!);
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw conflict(m.msg('delivery.period_taken'));
    throw err;
  }
}

const deliveryView = (d: typeof grantDeliveries.$inferSelect) => ({
  id: d.id,
  grantId: d.grantId,
  periodStart: d.periodStart,
  periodEnd: d.periodEnd,
  services: d.services,
  beneficiaries: d.beneficiaries,
  summary: d.summary,
  recordedAt: d.recordedAt.toISOString(),
});

/** A grant with its reliefs and delivery reports. */
export async function getGrant(ctx: AppContext, user: AuthUser, id: string) {
  const grant = await requireGrant(ctx, user, id);
  const [reliefs, deliveries] = await Promise.all([
    ctx.db.select().from(grantReliefs).where(eq(grantReliefs.grantId, id)).orderBy(asc(grantReliefs.grantedOn)),
    ctx.db.select().from(grantDeliveries).where(eq(grantDeliveries.grantId, id)).orderBy(desc(grantDeliveries.periodStart)),
  ]);
  return {
    ...grantView(grant),
    reliefs: reliefs.map((r) => ({
      id: r.id,
      grantId: r.grantId,
      kind: r.kind,
      amountFen: toNumber(r.amountFen),
      basis: r.basis,
      grantedOn: r.grantedOn,
    })),
    deliveries: deliveries.map(deliveryView),
  };
}
