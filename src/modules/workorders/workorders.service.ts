// Work orders: raised (by hand, or by another module from its own source through `createWorkOrder`), assigned or
// taken, started, done with a photo and a note, or cancelled. Every change is a step of the order's timeline and an
// audit entry, in one transaction; a change from the wrong state is a 409 naming the state.
import { and, eq, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { keepUpload, sniff } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { conflict, forbidden, problem, unprocessable } from '../../platform/http/problem.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountsWithPermissionOver } from '../accounts/index.ts';
import { registry } from '../registry/index.ts';
import { workOrderMessages as wm } from './messages.ts';
import { calledBack, getWorkOrder, visibleRow, type Row } from './workorders.queries.ts';
import { mayMove, type WorkOrderMove } from './rules.ts';
import { workOrderCallbacks, workOrders, workOrderSteps, type CallbackOutcome, type WorkOrderPriority } from './schema.ts';

type Caller = AuthUser & { ip?: string };
const actorOf = (user: Caller): Actor => ({ id: user.id, username: user.username, ip: user.ip });

/** The largest completion photo kept: a phone's photo, not a video or an archive. */
const PHOTO_MAX_MB = 10;

export interface NewWorkOrder {
  sourceKind: string;
  sourceId?: string | null;
  compoundId: string;
  title: string;
  description?: string | null;
  priority?: WorkOrderPriority;
  dueAt?: string | Date | null;
  assigneeId?: string | null;
  /** Raised from a resident's SOS: the resident must be called back, and the call recorded, before it is done. */
  callbackRequired?: boolean;
}

async function eligibleAssignee(ctx: AppContext, compound: { id: string; communityCode: string }, assigneeId: string, field: string) {
  const eligible = await accountsWithPermissionOver(ctx.db, 'workorders.handle', compound);
  if (!eligible.some((a) => a.id === assigneeId))
    throw unprocessable(wm.msg('workorder.assignee_not_eligible'), [{ path: field, message: wm.msg('field.assignee_not_eligible') }]);
}

function dueTime(dueAt: string | Date | null | undefined, field: string): Date | null {
  if (dueAt === undefined || dueAt === null) return null;
  const due = new Date(dueAt);
  // A minute's grace: a form filled in just now may name the current minute.
  if (due.getTime() < Date.now() - 60_000)
    throw unprocessable(wm.msg('workorder.due_in_past'), [{ path: field, message: wm.msg('field.due_in_past') }]);
  return due;
}

async function step(
  tx: Tx,
  workOrderId: string,
  action: (typeof workOrderSteps.$inferInsert)['action'],
  actorId: string | null,
  extra: { assigneeId?: string | null; note?: string | null } = {},
) {
  await tx
    .insert(workOrderSteps)
    .values({ id: uuidv7(), workOrderId, action, actorId, assigneeId: extra.assigneeId ?? null, note: extra.note ?? null });
}

/**
 * Raises a work order in a compound of the user's scope. Other modules call it through the index (the smart
 * module from an alarm), inside their own transaction when they pass `tx`. One unfinished order per source: a
 * second is refused with 409 naming the first (`workOrderId`).
 */
export async function createWorkOrder(ctx: AppContext, user: Caller, input: NewWorkOrder, tx?: Tx): Promise<{ id: string }> {
  const [compound] = await registry.compoundsInScope(ctx, user, [input.compoundId]).catch(() => {
    throw unprocessable(wm.msg('workorder.compound_out_of_scope'), [
      { path: 'body.compoundId', message: wm.msg('field.compound_not_in_scope') },
    ]);
  });
  const dueAt = dueTime(input.dueAt, 'body.dueAt');
  if (input.assigneeId) await eligibleAssignee(ctx, compound!, input.assigneeId, 'body.assigneeId');
  const id = uuidv7();
  const run = async (t: Tx) => {
    if (input.sourceId) {
      const [open] = await t
        .select({ id: workOrders.id })
        .from(workOrders)
        .where(
          and(
            eq(workOrders.sourceKind, input.sourceKind),
            eq(workOrders.sourceId, input.sourceId),
            sql`${workOrders.status} not in ('done', 'cancelled')`,
          ),
        );
      if (open) throw conflict(wm.msg('workorder.source_has_open_order'), { workOrderId: open.id });
    }
    await t.insert(workOrders).values({
      id,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId ?? null,
      compoundId: compound!.id,
      communityCode: compound!.communityCode,
      title: input.title,
      description: input.description ?? '',
      priority: input.priority ?? 'normal',
      status: input.assigneeId ? 'assigned' : 'open',
      assigneeId: input.assigneeId ?? null,
      dueAt,
      callbackRequired: input.callbackRequired ?? false,
      createdBy: user.id,
    });
    await step(t, id, 'raised', user.id);
    if (input.assigneeId) await step(t, id, 'assigned', user.id, { assigneeId: input.assigneeId });
    await audit(t, actorOf(user), 'work_order.create', 'work_order', id, {
      sourceKind: input.sourceKind,
      compoundId: compound!.id,
      assigned: !!input.assigneeId,
    });
    await ctx.events.record(t, 'workorders.raised', { id, sourceKind: input.sourceKind, sourceId: input.sourceId ?? null });
  };
  try {
    if (tx) await run(tx);
    else await ctx.db.transaction(run);
  } catch (err) {
    // Two raisers of one source at once: the partial unique index lets one through.
    if (
      (err as { code?: string; cause?: { code?: string } }).code === '23505' ||
      (err as { cause?: { code?: string } }).cause?.code === '23505'
    )
      throw conflict(wm.msg('workorder.source_has_open_order'));
    throw err;
  }
  return { id };
}

type Change = (
  row: Row,
  tx: Tx,
) => Promise<{
  set: Partial<typeof workOrders.$inferInsert>;
  step?: { assigneeId?: string | null; note?: string | null };
  audit?: Record<string, unknown>;
}>;

/**
 * Loads the order locked, checks the move is allowed from its state, then applies `change` and records the step,
 * inside the caller's transaction (a module whose record moves with the order commits both at once).
 */
async function moveIn(ctx: AppContext, tx: Tx, user: Caller, id: string, what: WorkOrderMove, change: Change): Promise<void> {
  const row = await visibleRow(tx, user, id, true);
  if (!mayMove(row.status, what))
    throw conflict(wm.msg('workorder.wrong_state', { status: wm.msg(`status.${row.status}`), action: wm.msg(`action.${what}`) }), {
      orderStatus: row.status,
    });
  const { set, step: s, audit: detail } = await change(row, tx);
  if (Object.keys(set).length)
    await tx
      .update(workOrders)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(workOrders.id, id));
  const action = (
    { assign: 'assigned', take: 'taken', start: 'started', complete: 'completed', callback: 'called_back', cancel: 'cancelled' } as const
  )[what];
  await step(tx, id, action, user.id, s);
  await audit(tx, actorOf(user), `work_order.${what}`, 'work_order', id, detail ?? {});
  // Every change of state is an event (workorders.assigned, .in_progress, .done, .cancelled): a module that mirrors
  // its orders' state (repairs) follows moves made on the work order's own pages too.
  if (set.status) await ctx.events.record(tx, `workorders.${set.status}`, { id, sourceKind: row.sourceKind, sourceId: row.sourceId });
}

/** A move in a transaction of its own; answers the order as it is after. */
async function move(ctx: AppContext, user: Caller, id: string, what: WorkOrderMove, change: Change) {
  await ctx.db.transaction((tx) => moveIn(ctx, tx, user, id, what, change));
  return getWorkOrder(ctx, user, id);
}

function mustBeAssignee(row: Row, user: AuthUser) {
  if (row.assigneeId !== user.id) throw forbidden(wm.msg('workorder.not_assignee'));
}

export async function assignWorkOrder(
  ctx: AppContext,
  user: Caller,
  id: string,
  input: { assigneeId: string; dueAt?: string | null; note?: string | null },
) {
  const dueAt = input.dueAt === undefined ? undefined : dueTime(input.dueAt, 'body.dueAt');
  return move(ctx, user, id, 'assign', async (row) => {
    await eligibleAssignee(ctx, { id: row.compoundId, communityCode: row.communityCode }, input.assigneeId, 'body.assigneeId');
    return {
      set: { status: 'assigned', assigneeId: input.assigneeId, ...(dueAt === undefined ? {} : { dueAt }) },
      step: { assigneeId: input.assigneeId, note: input.note },
      audit: { assigneeId: input.assigneeId },
    };
  });
}

export async function takeWorkOrder(ctx: AppContext, user: Caller, id: string) {
  return move(ctx, user, id, 'take', async () => ({ set: { status: 'assigned', assigneeId: user.id }, step: { assigneeId: user.id } }));
}

export async function startWorkOrder(ctx: AppContext, user: Caller, id: string) {
  return move(ctx, user, id, 'start', async (row) => {
    mustBeAssignee(row, user);
    return { set: { status: 'in_progress', startedAt: new Date() } };
  });
}

const completion =
  (ctx: AppContext, user: Caller, input: UploadedFile & { note: string }): Change =>
  async (row, tx) => {
    mustBeAssignee(row, user);
    if (row.callbackRequired && !(await calledBack(tx, [row.id])).size)
      throw problem(409, wm.msg('workorder.callback_required'), {
        errors: [{ path: 'callback', message: wm.msg('field.callback_missing') }],
      });
    const type = sniff(input.data);
    if (type !== 'png' && type !== 'jpeg')
      throw problem(415, wm.msg('workorder.photo_not_image'), {
        errors: [{ path: 'body.file', message: wm.msg('field.photo_not_image') }],
      });
    const kept = await keepUpload(ctx.env.dataDir, input, Math.min(ctx.env.MAX_UPLOAD_MB, PHOTO_MAX_MB) * 2 ** 20);
    return {
      set: {
        status: 'done',
        completedAt: new Date(),
        completedBy: user.id,
        completionNote: input.note,
        photoSha256: kept.sha256,
        photoFilename: kept.filename,
        photoContentType: kept.contentType,
        photoSizeBytes: kept.sizeBytes,
      },
      step: { note: input.note },
      audit: { photoBytes: kept.sizeBytes },
    };
  };

export async function completeWorkOrder(ctx: AppContext, user: Caller, id: string, input: UploadedFile & { note: string }) {
  return move(ctx, user, id, 'complete', completion(ctx, user, input));
}

/**
 * Completes the order inside the caller's transaction, for a module whose own record is completed with it (a
 * repair's photos and note): both commit together or neither does.
 */
export async function completeWorkOrderIn(ctx: AppContext, tx: Tx, user: Caller, id: string, input: UploadedFile & { note: string }) {
  await moveIn(ctx, tx, user, id, 'complete', completion(ctx, user, input));
}

export async function recordCallback(
  ctx: AppContext,
  user: Caller,
  id: string,
  input: { calledAt?: string | null; outcome: CallbackOutcome; note?: string | null },
) {
  const calledAt = input.calledAt ? new Date(input.calledAt) : new Date();
  if (calledAt.getTime() > Date.now() + 60_000)
    throw unprocessable(wm.msg('workorder.called_in_future'), [{ path: 'body.calledAt', message: wm.msg('field.called_in_future') }]);
  return move(ctx, user, id, 'callback', async (row, tx) => {
    await tx.insert(workOrderCallbacks).values({
      id: uuidv7(),
      workOrderId: row.id,
      callerId: user.id,
      calledAt,
      outcome: input.outcome,
      note: input.note ?? null,
    });
    // The note may hold what the resident said: it stays in the order, not in the audit log.
    return { set: {}, step: { note: input.outcome }, audit: { outcome: input.outcome } };
  });
}

export async function cancelWorkOrder(ctx: AppContext, user: Caller, id: string, input: { reason: string }) {
  return move(ctx, user, id, 'cancel', async () => ({
    set: { status: 'cancelled', cancelledAt: new Date(), cancelReason: input.reason },
    step: { note: input.reason },
  }));
}
