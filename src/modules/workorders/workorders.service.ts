// Work orders: raised (by hand, or by another module from its own source through `createWorkOrder`), assigned or
// taken, started, done with a photo and a note, or cancelled. Every change is a step of the order's timeline and an
// audit entry, in one transaction; a change from the wrong state is a 409 naming the state.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { fileStore, keepUpload, sniff } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, problem, unprocessable } from '../../platform/http/problem.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { z } from 'zod';
import { accountsByIds, accountsWithPermissionOver } from '../accounts/index.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { workOrderMessages as wm } from './messages.ts';
import { mayMove, type WorkOrderMove } from './rules.ts';
import {
  workOrderCallbacks,
  workOrders,
  workOrderSteps,
  type CallbackOutcome,
  type WorkOrderPriority,
  type WorkOrderStatus,
} from './schema.ts';

type Row = typeof workOrders.$inferSelect;
type Caller = AuthUser & { ip?: string };
const actorOf = (user: Caller): Actor => ({ id: user.id, username: user.username, ip: user.ip });

/** The largest completion photo kept: a phone's photo, not a video or an archive. */
const PHOTO_MAX_MB = 10;

/** Orders the user's scope covers, in SQL: compounds granted one by one, or those under the user's division. */
function inScope(user: AuthUser): SQL {
  const parts: SQL[] = [];
  if (user.scope.compoundIds.length) parts.push(inArray(workOrders.compoundId, user.scope.compoundIds));
  if (user.scope.division) parts.push(sql`${workOrders.communityCode} like ${divisionPrefix(user.scope.division) + '%'}`);
  return parts.length ? or(...parts)! : sql`false`;
}

async function names(ctx: AppContext, ids: (string | null | undefined)[]) {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  const found = await accountsByIds(ctx.db, wanted);
  return new Map(found.map((a) => [a.id, { id: a.id, displayName: a.displayName }]));
}

async function compoundNames(ctx: AppContext, user: AuthUser, ids: string[]) {
  const rows = await registry.compoundsInScope(ctx, user, [...new Set(ids)]).catch(() => []);
  return new Map(rows.map((c) => [c.id, c.name]));
}

function summaryView(
  r: Row,
  people: Map<string, { id: string; displayName: string }>,
  compounds: Map<string, string>,
  called: Set<string>,
) {
  return {
    id: r.id,
    sourceKind: r.sourceKind,
    sourceId: r.sourceId,
    compoundId: r.compoundId,
    compoundName: compounds.get(r.compoundId) ?? null,
    title: r.title,
    priority: r.priority,
    status: r.status,
    assignee: r.assigneeId ? (people.get(r.assigneeId) ?? { id: r.assigneeId, displayName: '' }) : null,
    dueAt: r.dueAt?.toISOString() ?? null,
    callbackRequired: r.callbackRequired,
    callbackRecorded: called.has(r.id),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function calledBack(db: AppContext['db'] | Tx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectDistinct({ id: workOrderCallbacks.workOrderId })
    .from(workOrderCallbacks)
    .where(inArray(workOrderCallbacks.workOrderId, ids));
  return new Set(rows.map((r) => r.id));
}

export interface WorkOrderQuery {
  status?: WorkOrderStatus;
  compoundId?: string;
  sourceKind?: string;
  sourceId?: string;
  assigneeId?: string;
  mine?: boolean;
  limit: number;
  cursor?: string;
}

export async function listWorkOrders(ctx: AppContext, user: AuthUser, q: WorkOrderQuery) {
  const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime(), z.string().uuid()]));
  const where = and(
    inScope(user),
    q.status ? eq(workOrders.status, q.status) : undefined,
    q.compoundId ? eq(workOrders.compoundId, q.compoundId) : undefined,
    q.sourceKind ? eq(workOrders.sourceKind, q.sourceKind) : undefined,
    q.sourceId ? eq(workOrders.sourceId, q.sourceId) : undefined,
    q.assigneeId ? eq(workOrders.assigneeId, q.assigneeId) : undefined,
    q.mine ? eq(workOrders.assigneeId, user.id) : undefined,
    after
      ? or(lt(workOrders.createdAt, new Date(after[0])), and(eq(workOrders.createdAt, new Date(after[0])), lt(workOrders.id, after[1])))
      : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(workOrders)
    .where(where)
    .orderBy(desc(workOrders.createdAt), desc(workOrders.id))
    .limit(q.limit + 1);
  const result = page(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  const [people, compounds, called] = await Promise.all([
    names(
      ctx,
      result.items.map((r) => r.assigneeId),
    ),
    compoundNames(
      ctx,
      user,
      result.items.map((r) => r.compoundId),
    ),
    calledBack(
      ctx.db,
      result.items.map((r) => r.id),
    ),
  ]);
  return { items: result.items.map((r) => summaryView(r, people, compounds, called)), nextCursor: result.nextCursor };
}

/** The order if it exists and the user's scope covers it; otherwise 404 (an order out of scope is not told apart). */
async function visibleRow(db: AppContext['db'] | Tx, user: AuthUser, id: string, lock = false): Promise<Row> {
  const query = db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.id, id), inScope(user)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound(wm.msg('workorder.entity', { id }));
  return row;
}

export async function getWorkOrder(ctx: AppContext, user: AuthUser, id: string) {
  const row = await visibleRow(ctx.db, user, id);
  const [steps, callbacks] = await Promise.all([
    ctx.db.select().from(workOrderSteps).where(eq(workOrderSteps.workOrderId, id)).orderBy(asc(workOrderSteps.at), asc(workOrderSteps.id)),
    ctx.db
      .select()
      .from(workOrderCallbacks)
      .where(eq(workOrderCallbacks.workOrderId, id))
      .orderBy(asc(workOrderCallbacks.calledAt), asc(workOrderCallbacks.id)),
  ]);
  const people = await names(ctx, [
    row.assigneeId,
    row.createdBy,
    row.completedBy,
    ...steps.flatMap((s) => [s.actorId, s.assigneeId]),
    ...callbacks.map((c) => c.callerId),
  ]);
  const person = (pid: string | null) => (pid ? (people.get(pid) ?? { id: pid, displayName: '' }) : null);
  const compounds = await compoundNames(ctx, user, [row.compoundId]);
  return {
    ...summaryView(row, people, compounds, new Set(callbacks.length ? [row.id] : [])),
    description: row.description,
    createdBy: person(row.createdBy),
    startedAt: row.startedAt?.toISOString() ?? null,
    completion: row.completedAt
      ? {
          at: row.completedAt.toISOString(),
          by: person(row.completedBy),
          note: row.completionNote ?? '',
          photo: row.photoSha256
            ? { filename: row.photoFilename ?? '', contentType: row.photoContentType ?? '', sizeBytes: row.photoSizeBytes ?? 0 }
            : null,
        }
      : null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    steps: steps.map((s) => ({
      at: s.at.toISOString(),
      action: s.action,
      actor: person(s.actorId),
      assignee: person(s.assigneeId),
      note: s.note,
    })),
    callbacks: callbacks.map((c) => ({
      id: c.id,
      caller: person(c.callerId)!,
      calledAt: c.calledAt.toISOString(),
      outcome: c.outcome,
      note: c.note,
    })),
  };
}

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

/** Loads the order locked, checks the move is allowed from its state, then applies `change` and records the step. */
async function move(
  ctx: AppContext,
  user: Caller,
  id: string,
  what: WorkOrderMove,
  change: (
    row: Row,
    tx: Tx,
  ) => Promise<{
    set: Partial<typeof workOrders.$inferInsert>;
    step?: { assigneeId?: string | null; note?: string | null };
    audit?: Record<string, unknown>;
  }>,
) {
  await ctx.db.transaction(async (tx) => {
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
    if (set.status === 'done' || set.status === 'cancelled')
      await ctx.events.record(tx, `workorders.${set.status}`, { id, sourceKind: row.sourceKind, sourceId: row.sourceId });
  });
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

export async function completeWorkOrder(ctx: AppContext, user: Caller, id: string, input: UploadedFile & { note: string }) {
  return move(ctx, user, id, 'complete', async (row, tx) => {
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
  });
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

export async function workOrderPhoto(
  ctx: AppContext,
  user: AuthUser,
  id: string,
): Promise<{ file: { filename: string; contentType: string; size: number }; body: Readable }> {
  const row = await visibleRow(ctx.db, user, id);
  if (!row.photoSha256) throw notFound(wm.msg('workorder.photo.entity', { id }));
  return {
    file: {
      filename: row.photoFilename ?? 'photo',
      contentType: row.photoContentType ?? 'application/octet-stream',
      size: row.photoSizeBytes ?? 0,
    },
    body: await fileStore(ctx.env.dataDir).read(row.photoSha256),
  };
}

/** Who may be handed work in a compound of the user's scope. */
export async function assigneesFor(ctx: AppContext, user: AuthUser, compoundId: string) {
  const [compound] = await registry.compoundsInScope(ctx, user, [compoundId]).catch(() => {
    throw unprocessable(wm.msg('workorder.compound_out_of_scope'), [
      { path: 'query.compoundId', message: wm.msg('field.compound_not_in_scope') },
    ]);
  });
  const accounts = await accountsWithPermissionOver(ctx.db, 'workorders.handle', compound!);
  return { items: accounts.map((a) => ({ id: a.id, displayName: a.displayName })) };
}
