// What keeps a repair's copy of its work order's state true, and the clock. Each state change of an order is a
// domain event (workorders.assigned, .in_progress, .done, .cancelled); for a repair's order the handler copies the
// order's state, assignee and completion time, whichever page moved it (the repair's or the work order's own).
// Reading the order's current state, not the event's, makes redeliveries and reordering harmless. Every minute the
// clock flags requests whose due time passed unfinished (a step `overdue` the resident sees), with `now` passed in.
import { eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { defineHandler } from '../../platform/events.ts';
import { defineJob } from '../../platform/queue.ts';
import { workOrderState } from '../workorders/index.ts';
import { repairs } from './schema.ts';

export const REPAIR_SOURCE = 'repair';

/** Copies the order's state onto its repair (nothing when the order is not a repair's). */
export async function followOrder(tx: Tx, workOrderId: string): Promise<void> {
  const state = await workOrderState(tx, workOrderId);
  if (!state || state.sourceKind !== REPAIR_SOURCE) return;
  await tx
    .update(repairs)
    .set({ status: state.status, assigneeId: state.assigneeId, completedAt: state.completedAt, updatedAt: new Date() })
    .where(eq(repairs.workOrderId, workOrderId));
}

const follow = (status: string) =>
  defineHandler<{ id: string; sourceKind: string }, AppContext>({
    name: `repairs.follow_order_${status}`,
    topic: `workorders.${status}`,
    async handle(_ctx, event, tx) {
      if (event.payload.sourceKind === REPAIR_SOURCE) await followOrder(tx, event.payload.id);
    },
  });
export const followOrderHandlers = ['assigned', 'in_progress', 'done', 'cancelled'].map(follow);

/**
 * Flags what is due at `now` and still unfinished: its overdue time is its due time, and a step `overdue` is
 * written at that time. Idempotent (a flagged request is skipped); rows another transaction holds are left to the
 * next minute.
 */
export async function flagOverdueRepairs(ctx: AppContext, now: Date): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const flagged = await tx.execute<{ repair_id: string }>(sql`
      with due as (
        select id from repairs
        where status in ('open', 'assigned', 'in_progress') and overdue_at is null and due_at <= ${now}
        for update skip locked
      ),
      f as (update repairs r set overdue_at = r.due_at from due where r.id = due.id returning r.id, r.due_at)
      insert into repair_steps (id, repair_id, at, action)
      select gen_random_uuid(), f.id, f.due_at, 'overdue' from f
      returning repair_id`);
    // The clock's step is audited like a person's (no actor: the system).
    for (const r of flagged.rows) await audit(tx, undefined, 'repair.overdue', 'repair', r.repair_id, {});
    return flagged.rows.length;
  });
}

export const repairOverdueSweep = defineJob<object, AppContext>({
  name: 'repairs.overdue_sweep',
  options: { timeoutSeconds: 120 },
  async run(ctx) {
    return { flagged: await flagOverdueRepairs(ctx, new Date()) };
  },
});
