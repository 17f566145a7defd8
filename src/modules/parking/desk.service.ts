// The property desk's views of a car park: the monthly passes sold (a page at a time) and the occupancy now, for
// staff of a compound in their scope.
import { and, count, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { staffCompound } from './parking.service.ts';
import { parkingPasses, parkingSessions, parkingSpaces, spaceKinds, type SpaceKind } from './schema.ts';

/** A compound's monthly passes, the latest month first. */
export async function listPasses(ctx: AppContext, user: AuthUser, compoundId: string, q: { limit: number; cursor?: string }) {
  await staffCompound(ctx, user, compoundId);
  const after = decodeCursor(q.cursor, z.tuple([z.string().regex(/^\d{4}-\d{2}$/), z.uuid()]));
  const rows = await ctx.db
    .select()
    .from(parkingPasses)
    .where(
      and(
        eq(parkingPasses.compoundId, compoundId),
        after ? sql`(${parkingPasses.month}, ${parkingPasses.id}) < (${after[0]}, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(parkingPasses.month), desc(parkingPasses.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.month, r.id]);
  return {
    items: p.items.map((r) => ({
      id: r.id,
      compoundId: r.compoundId,
      plate: r.plate,
      month: r.month,
      amountFen: r.amountFen,
      method: r.method,
      reference: r.reference,
      createdAt: r.createdAt.toISOString(),
    })),
    nextCursor: p.nextCursor,
  };
}

/** The car park now: spaces by kind, stays open (cars inside), and the spaces left. */
export async function occupancy(ctx: AppContext, user: AuthUser, compoundId: string, now = new Date()) {
  await staffCompound(ctx, user, compoundId);
  const [spaces, [open]] = await Promise.all([
    ctx.db
      .select({ kind: parkingSpaces.kind, n: count() })
      .from(parkingSpaces)
      .where(eq(parkingSpaces.compoundId, compoundId))
      .groupBy(parkingSpaces.kind),
    ctx.db
      .select({ n: count() })
      .from(parkingSessions)
      .where(and(eq(parkingSessions.compoundId, compoundId), isNull(parkingSessions.exitedAt), lt(parkingSessions.enteredAt, now))),
  ]);
  const byKind = Object.fromEntries(spaceKinds.map((k) => [k, spaces.find((s) => s.kind === k)?.n ?? 0])) as Record<SpaceKind, number>;
  const total = spaceKinds.reduce((s, k) => s + byKind[k], 0);
  const occupied = open?.n ?? 0;
  return { compoundId, spaces: total, byKind, occupied, free: Math.max(0, total - occupied) };
}
