// A compound's public list of grid events: what its residents (and staff in scope) may read of every event there:
// category, state, dates, building and the handling note staff wrote. Nobody is named, no photo or text of the
// report is shown, and anonymous reports look like any other.
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { notFound } from '../../platform/http/problem.ts';
import { registry } from '../registry/index.ts';
import { eventRef } from './lifecycle.ts';
import { residentGridMessages as rm } from './resident.messages.ts';
import { listCursor } from './resident.service.ts';
import { gridEvents } from './schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function publicEvents(ctx: AppContext, user: AuthUser, q: { compoundId: string; limit: number; cursor?: string }) {
  try {
    await registry.compoundsInScope(ctx, user, [q.compoundId]);
  } catch {
    throw notFound(rm.msg('grid.compound.entity', { id: q.compoundId }));
  }
  const after = decodeCursor(q.cursor, listCursor);
  const rows = await ctx.db
    .select({
      id: gridEvents.id,
      seq: gridEvents.seq,
      category: gridEvents.category,
      state: gridEvents.state,
      buildingId: gridEvents.buildingId,
      reportedAt: gridEvents.reportedAt,
      closedAt: gridEvents.closedAt,
      // The last handling feedback (处理反馈) staff wrote, else their closing note; a resident's dispute reason is
      // theirs, not public.
      handlingNote: sql<string | null>`(select s.note from grid_event_steps s where s.event_id = grid_events.id
        and s.to_state in ('handled', 'closed') and s.actor_role not in ('resident', 'system') and s.note is not null
        order by (s.to_state = 'handled') desc, s.at desc limit 1)`,
    })
    .from(gridEvents)
    .where(
      and(
        eq(gridEvents.compoundId, q.compoundId),
        isNull(gridEvents.mergedIntoId),
        after
          ? or(
              lt(gridEvents.reportedAt, new Date(after[0])),
              and(eq(gridEvents.reportedAt, new Date(after[0])), lt(gridEvents.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(gridEvents.reportedAt), desc(gridEvents.id))
    .limit(q.limit + 1);
  const paged = page(rows, q.limit, (r) => [r.reportedAt.toISOString(), r.id]);
  const buildings = new Map((await registry.buildingsOf(ctx, [q.compoundId])).map((b) => [b.id, b.name]));
  return {
    items: paged.items.map((r) => ({
      ref: eventRef(r.seq, r.reportedAt),
      category: r.category,
      state: r.state,
      buildingName: r.buildingId ? (buildings.get(r.buildingId) ?? null) : null,
      reportedAt: r.reportedAt.toISOString(),
      closedAt: iso(r.closedAt),
      handlingNote: r.handlingNote,
    })),
    nextCursor: paged.nextCursor,
  };
}
