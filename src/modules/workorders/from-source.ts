// Work orders driven by another module's record rather than by a person at a form: found or raised for a source
// by the system (an alarm nobody handled), read for what closing it needs, and completed when the record that
// raised it is closed (a grid event). No scope checks here: the caller is a trusted module acting on its own record.
import { and, desc, eq, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { problem } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { workOrderMessages as wm } from './messages.ts';
import { calledBack } from './workorders.queries.ts';
import { workOrders, workOrderSteps, type WorkOrderPriority, type WorkOrderStatus } from './schema.ts';

export interface SourceWorkOrder {
  sourceKind: string;
  sourceId: string;
  compoundId: string;
  /** The compound's community (the caller has it with its record; no registry read here). */
  communityCode: string;
  title: string;
  description?: string;
  priority?: WorkOrderPriority;
  callbackRequired?: boolean;
}

const unfinished = sql`${workOrders.sourceId} is not null and ${workOrders.status} not in ('done', 'cancelled')`;

/**
 * The source's unfinished work order, raised now if it has none. The partial unique index
 * `work_orders_open_source_uq` decides between concurrent raisers: the insert that loses does nothing and the
 * winner's order is read back, so two callers always end with the same one order.
 */
export async function ensureWorkOrderForSource(
  ctx: AppContext,
  tx: Tx,
  input: SourceWorkOrder,
  actor: Actor | null,
): Promise<{ id: string; created: boolean }> {
  const id = uuidv7();
  const inserted = await tx
    .insert(workOrders)
    .values({
      id,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      compoundId: input.compoundId,
      communityCode: input.communityCode,
      title: input.title.slice(0, 200),
      description: input.description ?? '',
      priority: input.priority ?? 'normal',
      callbackRequired: input.callbackRequired ?? false,
      createdBy: actor?.id ?? null,
    })
    .onConflictDoNothing({ target: [workOrders.sourceKind, workOrders.sourceId], where: unfinished })
    .returning({ id: workOrders.id });
  if (!inserted.length) {
    const [open] = await tx
      .select({ id: workOrders.id })
      .from(workOrders)
      .where(and(eq(workOrders.sourceKind, input.sourceKind), eq(workOrders.sourceId, input.sourceId), unfinished));
    return { id: open!.id, created: false };
  }
  await tx.insert(workOrderSteps).values({ id: uuidv7(), workOrderId: id, action: 'raised', actorId: actor?.id ?? null });
  await audit(tx, actor ?? undefined, 'work_order.create', 'work_order', id, {
    sourceKind: input.sourceKind,
    compoundId: input.compoundId,
    by: 'source',
  });
  await ctx.events.record(tx, 'workorders.raised', { id, sourceKind: input.sourceKind, sourceId: input.sourceId });
  return { id, created: true };
}

export interface WorkOrderState {
  id: string;
  sourceKind: string;
  sourceId: string | null;
  compoundId: string;
  communityCode: string;
  title: string;
  description: string;
  status: WorkOrderStatus;
  assigneeId: string | null;
  completedAt: Date | null;
  callbackRequired: boolean;
  callbackRecorded: boolean;
}

/** What another module needs to know of an order to hand it on or close it (no people, no photo). */
export async function workOrderState(db: Db | Tx, id: string, lock = false): Promise<WorkOrderState | null> {
  const q = db.select().from(workOrders).where(eq(workOrders.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return null;
  return {
    id: row.id,
    sourceKind: row.sourceKind,
    sourceId: row.sourceId,
    compoundId: row.compoundId,
    communityCode: row.communityCode,
    title: row.title,
    description: row.description,
    status: row.status,
    assigneeId: row.assigneeId,
    completedAt: row.completedAt,
    callbackRequired: row.callbackRequired,
    callbackRecorded: (await calledBack(db, [row.id])).size > 0,
  };
}

/** The latest order raised from a source (unfinished ones first), if any. */
export async function workOrderOfSource(db: Db | Tx, sourceKind: string, sourceId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: workOrders.id })
    .from(workOrders)
    .where(and(eq(workOrders.sourceKind, sourceKind), eq(workOrders.sourceId, sourceId)))
    .orderBy(sql`${workOrders.status} in ('done', 'cancelled')`, desc(workOrders.createdAt))
    .limit(1);
  return row?.id ?? null;
}

/** The refusal when an order's SOS call-back is owed: the same words as completing the order by hand. */
export const callbackMissing = () =>
  problem(409, wm.msg('workorder.callback_required'), { errors: [{ path: 'callback', message: wm.msg('field.callback_missing') }] });

/**
 * Completes the order because the record that carries it was closed (a grid event), with that closing note.
 * No photo: the evidence is the closing record's. The SOS call-back duty holds here too: an order that owes its
 * call-back is refused (409 `workorder.callback_required`), so the caller checks `workOrderState` first and refuses
 * its own closing. An order already done or cancelled is left as it is.
 */
export async function closeWorkOrderFromSource(
  ctx: AppContext,
  tx: Tx,
  input: { workOrderId: string; note: string; actor: Actor | null; by: string },
): Promise<{ closed: boolean; status: WorkOrderStatus }> {
  const state = await workOrderState(tx, input.workOrderId, true);
  if (!state) return { closed: false, status: 'cancelled' };
  if (state.status === 'done' || state.status === 'cancelled') return { closed: false, status: state.status };
  if (state.callbackRequired && !state.callbackRecorded) throw callbackMissing();
  const now = new Date();
  await tx
    .update(workOrders)
    .set({ status: 'done', completedAt: now, completedBy: input.actor?.id ?? null, completionNote: input.note, updatedAt: now })
    .where(eq(workOrders.id, state.id));
  await tx
    .insert(workOrderSteps)
    .values({ id: uuidv7(), workOrderId: state.id, action: 'completed', actorId: input.actor?.id ?? null, note: input.note, at: now });
  await audit(tx, input.actor ?? undefined, 'work_order.complete', 'work_order', state.id, { by: input.by });
  await ctx.events.record(tx, 'workorders.done', { id: state.id, sourceKind: state.sourceKind, sourceId: state.sourceId });
  return { closed: true, status: 'done' };
}
