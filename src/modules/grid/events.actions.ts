// Changes to a grid event beside its lifecycle: raising it a level by hand (分级上报), merging a duplicate into it, and
// the reporter's rating once it is closed.
import { eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { conflict, forbidden, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { actorKind, type GridActor } from './access.ts';
import { escalationAt } from './categories.ts';
import { detailsOf, systemNote, visibleEvent } from './events.queries.ts';
import { eventRef, nextEscalation, nextLevel } from './lifecycle.ts';
import { gridMessages as gm } from './messages.ts';
import { gridEventRatings, gridEvents } from './schema.ts';
import { auditActor, fieldErr, inTx, writeStep } from './steps.ts';

export async function escalateGridEvent(ctx: AppContext, id: string, actor: GridActor | null, note?: string, tx?: Tx, now = new Date()) {
  return inTx(ctx, tx, async (t) => {
    const row = await visibleEvent(t, actor, id, true);
    if (row.state === 'closed') throw conflict(gm.msg('grid.escalate_closed'), { state: row.state });
    const escalation = await escalationAt(t);
    const level = nextLevel(row.level, escalation.levels);
    if (!level) throw conflict(gm.msg('grid.escalate_top'), { level: row.level });
    const [updated] = await t
      .update(gridEvents)
      .set({ level, updatedAt: now, escalateAt: nextEscalation(escalation, level, now) })
      .where(eq(gridEvents.id, id))
      .returning();
    await writeStep(t, {
      eventId: id,
      action: 'escalated',
      actorId: actor?.id ?? null,
      actorRole: actorKind(actor),
      at: now,
      level,
      note: note ?? null,
    });
    await audit(t, auditActor(actor), 'grid_event.escalate', 'grid_event', id, { from: row.level, to: level });
    await ctx.events.record(t, 'grid.event_escalated', { id, level, category: row.category });
    return (await detailsOf(t, [updated!], actor?.locale))[0]!;
  });
}

/** Merges `duplicateId` into `targetId`: the duplicate is closed as merged, with a step on both. */
export async function mergeGridEvents(ctx: AppContext, targetId: string, duplicateId: string, actor: GridActor, note?: string) {
  if (targetId === duplicateId) throw unprocessable(gm.msg('grid.merge_self'), [fieldErr('body.duplicateId', gm.msg('field.merge_self'))]);
  return ctx.db.transaction(async (t) => {
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [a, b] = targetId < duplicateId ? [targetId, duplicateId] : [duplicateId, targetId];
    const first = await visibleEvent(t, actor, a, true);
    const second = await visibleEvent(t, actor, b, true);
    const target = first.id === targetId ? first : second;
    const dup = first.id === targetId ? second : first;
    if (target.state === 'closed' || dup.state === 'closed') throw conflict(gm.msg('grid.merge_closed'));
    if (target.category !== dup.category)
      throw unprocessable(gm.msg('grid.merge_category'), [fieldErr('body.duplicateId', gm.msg('field.merge_category'))]);
    const now = new Date();
    const kind = actorKind(actor);
    await t
      .update(gridEvents)
      .set({ state: 'closed', closedAt: now, updatedAt: now, dueAt: null, escalateAt: null, overdueSince: null, mergedIntoId: target.id })
      .where(eq(gridEvents.id, dup.id));
    await writeStep(t, {
      eventId: dup.id,
      action: 'merged_into',
      actorId: actor.id,
      actorRole: kind,
      at: now,
      level: dup.level,
      from: dup.state,
      to: 'closed',
      note: note ?? systemNote('note.merged_into', { ref: eventRef(target.seq, target.reportedAt) }),
    });
    await writeStep(t, {
      eventId: target.id,
      action: 'merged',
      actorId: actor.id,
      actorRole: kind,
      at: now,
      level: target.level,
      note: systemNote('note.merged', { ref: eventRef(dup.seq, dup.reportedAt) }),
    });
    await audit(t, auditActor(actor), 'grid_event.merge', 'grid_event', target.id, { duplicateId: dup.id });
    await ctx.events.record(t, 'grid.event_transitioned', {
      id: dup.id,
      from: dup.state,
      to: 'closed',
      level: dup.level,
      source: dup.source,
      platform: dup.platform,
    });
    const [fresh] = await t.select().from(gridEvents).where(eq(gridEvents.id, target.id));
    return (await detailsOf(t, [fresh!], actor.locale))[0]!;
  });
}

export async function rateGridEvent(ctx: AppContext, actor: GridActor, eventId: string, input: { score: number; comment?: string | null }) {
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5)
    throw unprocessable(gm.msg('grid.rating_score'), [fieldErr('body.score', gm.msg('field.rating_score'))]);
  return ctx.db.transaction(async (t) => {
    const row = await visibleEvent(t, actor, eventId, true);
    if (row.reporterAccountId !== actor.id || row.state !== 'closed' || row.mergedIntoId)
      throw forbidden(gm.msg('grid.rating_not_allowed'));
    const inserted = await t
      .insert(gridEventRatings)
      .values({ id: uuidv7(), eventId, score: input.score, comment: input.comment ?? null, byAccountId: actor.id })
      .onConflictDoNothing()
      .returning({ id: gridEventRatings.id });
    if (!inserted.length) throw conflict(gm.msg('grid.rating_not_allowed'));
    await writeStep(t, {
      eventId,
      action: 'rated',
      actorId: actor.id,
      actorRole: actorKind(actor),
      at: new Date(),
      level: row.level,
      note: String(input.score),
    });
    return { score: input.score };
  });
}

/** Pending photos older than a day that no report took: their rows go (the files stay, found again by hash). */

/** Records the work order raised for an event (by the module that raised it), in the caller's transaction when given. */
export async function linkWorkOrder(ctx: AppContext, eventId: string, workOrderId: string | null, tx?: Tx): Promise<void> {
  await inTx(ctx, tx, async (t) => {
    await t.update(gridEvents).set({ workOrderId, updatedAt: new Date() }).where(eq(gridEvents.id, eventId));
  });
}
