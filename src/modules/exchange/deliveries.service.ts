// Deliveries as city administrators see them: lists with filters and keyset pages, one delivery with its attempts,
// and replay (the same message, the same event id, sent once more).
import { and, asc, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { conflict, notFound } from '../../platform/http/problem.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { queueDeliveries } from './deliver.ts';
import { exchangeMessages as xm } from './messages.ts';
import { exchangeAttempts, exchangeConnectors, exchangeDeliveries, type DeliveryStatus, type ExchangeKind } from './schema.ts';

export interface DeliveryFilters {
  connectorId?: string;
  status?: DeliveryStatus[];
  kind?: ExchangeKind;
  gridEventId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const summaryColumns = {
  id: exchangeDeliveries.id,
  eventId: exchangeDeliveries.eventId,
  connectorId: exchangeDeliveries.connectorId,
  connectorCode: exchangeConnectors.code,
  connectorName: exchangeConnectors.name,
  kind: exchangeDeliveries.kind,
  gridEventId: exchangeDeliveries.gridEventId,
  category: exchangeDeliveries.category,
  status: exchangeDeliveries.status,
  attempts: exchangeDeliveries.attempts,
  replays: exchangeDeliveries.replays,
  lastStatusCode: exchangeDeliveries.lastStatusCode,
  lastError: exchangeDeliveries.lastError,
  lastAttemptAt: exchangeDeliveries.lastAttemptAt,
  deliveredAt: exchangeDeliveries.deliveredAt,
  parkedAt: exchangeDeliveries.parkedAt,
  createdAt: exchangeDeliveries.createdAt,
};

type SummaryRow = { [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data'] | null };
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summary(r: SummaryRow) {
  return {
    id: r.id!,
    eventId: r.eventId!,
    connector: { id: r.connectorId!, code: r.connectorCode!, name: r.connectorName! },
    kind: r.kind!,
    gridEventId: r.gridEventId!,
    category: r.category!,
    status: r.status!,
    attempts: r.attempts!,
    replays: r.replays!,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    lastAttemptAt: iso(r.lastAttemptAt),
    deliveredAt: iso(r.deliveredAt),
    parkedAt: iso(r.parkedAt),
    createdAt: r.createdAt!.toISOString(),
  };
}

export async function listDeliveries(ctx: AppContext, f: DeliveryFilters) {
  const after = decodeCursor(f.cursor, z.tuple([z.string().uuid()]));
  const where: (SQL | undefined)[] = [
    f.connectorId ? eq(exchangeDeliveries.connectorId, f.connectorId) : undefined,
    f.status?.length ? inArray(exchangeDeliveries.status, f.status) : undefined,
    f.kind ? eq(exchangeDeliveries.kind, f.kind) : undefined,
    f.gridEventId ? eq(exchangeDeliveries.gridEventId, f.gridEventId) : undefined,
    f.from ? gte(exchangeDeliveries.createdAt, new Date(f.from)) : undefined,
    f.to ? lte(exchangeDeliveries.createdAt, new Date(f.to)) : undefined,
    // Ids are time-ordered (v7): newest first by id alone.
    after ? lt(exchangeDeliveries.id, after[0]) : undefined,
  ];
  const rows = await ctx.db
    .select(summaryColumns)
    .from(exchangeDeliveries)
    .innerJoin(exchangeConnectors, eq(exchangeConnectors.id, exchangeDeliveries.connectorId))
    .where(and(...where))
    .orderBy(desc(exchangeDeliveries.id))
    .limit(f.limit + 1);
  const p = page(rows, f.limit, (r) => [r.id]);
  return { items: p.items.map(summary), nextCursor: p.nextCursor };
}

export async function getDelivery(ctx: AppContext, id: string) {
  const [row] = await ctx.db
    .select(summaryColumns)
    .from(exchangeDeliveries)
    .innerJoin(exchangeConnectors, eq(exchangeConnectors.id, exchangeDeliveries.connectorId))
    .where(eq(exchangeDeliveries.id, id))
    .limit(1);
  if (!row) throw notFound(xm.msg('exchange.delivery.entity', { id }));
  const attempts = await ctx.db
    .select()
    .from(exchangeAttempts)
    .where(eq(exchangeAttempts.deliveryId, id))
    .orderBy(asc(exchangeAttempts.at), asc(exchangeAttempts.attempt));
  return {
    ...summary(row),
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      replay: a.replay,
      at: a.at.toISOString(),
      ok: a.ok,
      statusCode: a.statusCode,
      error: a.error,
      durationMs: a.durationMs,
    })),
  };
}

/** Sends the message once more with its own event id; refused while a round of tries is still running. */
export async function replayDelivery(ctx: AppContext, actor: Actor, id: string) {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ d: exchangeDeliveries, c: exchangeConnectors })
      .from(exchangeDeliveries)
      .innerJoin(exchangeConnectors, eq(exchangeConnectors.id, exchangeDeliveries.connectorId))
      .where(eq(exchangeDeliveries.id, id))
      .for('update', { of: exchangeDeliveries })
      .limit(1);
    if (!row) throw notFound(xm.msg('exchange.delivery.entity', { id }));
    if (row.d.status === 'pending' || row.d.status === 'retrying') throw conflict(xm.msg('exchange.delivery_in_flight'));
    await tx
      .update(exchangeDeliveries)
      .set({ status: 'pending', replays: sql`${exchangeDeliveries.replays} + 1`, updatedAt: new Date() })
      .where(eq(exchangeDeliveries.id, id));
    await queueDeliveries(ctx, tx, [
      { deliveryId: id, replay: true, maxTries: 1, backoffSeconds: row.c.backoffSeconds, timeoutSeconds: row.c.timeoutSeconds },
    ]);
    await audit(tx, actor, 'exchange.delivery_replayed', 'exchange_delivery', id, { connector: row.c.code, eventId: row.d.eventId });
  });
  return getDelivery(ctx, id);
}
