// Reading work orders: the list in the reader's scope, one order with its timeline and call-backs, its photo,
// and who may be handed orders in a compound.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { fileStore } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { notFound, unprocessable } from '../../platform/http/problem.ts';
import { accountsByIds, accountsWithPermissionOver } from '../accounts/index.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { workOrderMessages as wm } from './messages.ts';
import { workOrderCallbacks, workOrders, workOrderSteps, type WorkOrderStatus } from './schema.ts';

export type Row = typeof workOrders.$inferSelect;

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

export async function calledBack(db: AppContext['db'] | Tx, ids: string[]): Promise<Set<string>> {
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
export async function visibleRow(db: AppContext['db'] | Tx, user: AuthUser, id: string, lock = false): Promise<Row> {
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
