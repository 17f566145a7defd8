// From the grid's domain events to deliveries: each subscribed connector gets one delivery per domain event (the
// handler may run twice; the (connector, domain event) key keeps one), with a new event id that every retry and
// replay of that message keeps.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { defineHandler, type DomainEvent } from '../../platform/events.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { queueDeliveries, type JobPlan } from './deliver.ts';
import { getGridEvent, type GridEventDetail } from './grid-seam.ts';
import { shouldSend } from './rules.ts';
import { exchangeConnectors, exchangeDeliveries, exchangeLinks, type ExchangeKind } from './schema.ts';

interface Created {
  id: string;
  category: string;
  source: string;
  platform: string | null;
  level: string;
}
interface Transitioned {
  id: string;
  from: string;
  to: string;
  level: string;
  source: string;
  platform: string | null;
}
interface Escalated {
  id: string;
  level: string;
  category: string;
}

type Connector = typeof exchangeConnectors.$inferSelect;

/** The message a platform receives: the event as it stands (no reporter's personal data), and what changed. */
export function messageBody(
  eventId: string,
  kind: ExchangeKind,
  c: Pick<Connector, 'code'>,
  domainEvent: DomainEvent<{ from?: string; to?: string; level?: string }>,
  e: GridEventDetail,
): string {
  return JSON.stringify({
    id: eventId,
    type: `grid.event_${kind}`,
    occurredAt: domainEvent.at,
    platform: c.code,
    event: {
      id: e.id,
      ref: e.ref,
      category: e.category,
      description: e.description,
      state: e.state,
      level: e.level,
      source: e.source,
      // The platform's own id for events it reported, so it can match them.
      externalId: e.platform === c.code ? e.sourceRef : null,
      lat: e.lat,
      lng: e.lng,
      address: e.addressText,
      reportedAt: e.reportedAt,
      updatedAt: e.updatedAt,
      dueAt: e.dueAt,
      closedAt: e.closedAt,
      photos: e.photos.map((p) => p.url),
    },
    change:
      kind === 'transitioned'
        ? { from: domainEvent.payload.from, to: domainEvent.payload.to }
        : kind === 'escalated'
          ? { level: domainEvent.payload.level }
          : null,
  });
}

/**
 * `kinds` in order of preference: an event reported straight to a city department (its category's responsible body)
 * goes to escalation subscribers as an escalation, to creation subscribers as a creation, never twice.
 */
async function queueOutgoing(
  ctx: AppContext,
  tx: Tx,
  event: DomainEvent<Partial<Transitioned & Escalated & Created>>,
  kinds: readonly ExchangeKind[],
) {
  const connectors = await tx.select().from(exchangeConnectors).where(eq(exchangeConnectors.enabled, true));
  if (!connectors.length) return;
  const gridEventId = event.payload.id!;
  const detail = await getGridEvent(ctx, gridEventId);
  if (!detail) return;
  const escalatedTo = new Set(
    kinds.includes('transitioned')
      ? (
          await tx
            .select({ c: exchangeLinks.connectorId })
            .from(exchangeLinks)
            .where(and(eq(exchangeLinks.gridEventId, gridEventId), eq(exchangeLinks.direction, 'outbound')))
        ).map((r) => r.c)
      : [],
  );
  const level = event.payload.level ?? detail.level;
  const platform = detail.platform ?? null;
  const targets = connectors.flatMap((c) => {
    const kind = kinds.find((k) =>
      shouldSend(c, { kind: k, category: detail.category, level, platform, escalatedToIt: escalatedTo.has(c.id) }),
    );
    return kind ? [{ c, kind }] : [];
  });
  if (!targets.length) return;
  const rows = targets.map(({ c, kind }) => {
    const eventId = uuidv7();
    return {
      id: uuidv7(),
      connectorId: c.id,
      eventId,
      sourceEventId: event.id,
      kind,
      gridEventId,
      category: detail.category,
      body: messageBody(eventId, kind, c, event, detail),
    };
  });
  const inserted = await tx
    .insert(exchangeDeliveries)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: exchangeDeliveries.id, connectorId: exchangeDeliveries.connectorId });
  const handedOver = targets.filter((x) => x.kind === 'escalated');
  if (handedOver.length)
    await tx
      .insert(exchangeLinks)
      .values(
        handedOver.map(({ c }) => ({
          id: uuidv7(),
          connectorId: c.id,
          gridEventId,
          direction: 'outbound' as const,
          externalId: gridEventId,
        })),
      )
      .onConflictDoNothing();
  const byId = new Map(targets.map(({ c }) => [c.id, c]));
  const plans: JobPlan[] = inserted.map((r) => {
    const c = byId.get(r.connectorId)!;
    return { deliveryId: r.id, maxTries: c.maxTries, backoffSeconds: c.backoffSeconds, timeoutSeconds: c.timeoutSeconds };
  });
  await queueDeliveries(ctx, tx, plans);
}

export const outboundHandlers = [
  defineHandler<Created, AppContext>({
    name: 'exchange.outbound_created',
    topic: 'grid.event_created',
    handle: (ctx, event, tx) => queueOutgoing(ctx, tx, event, event.payload.level === 'city' ? ['escalated', 'created'] : ['created']),
  }),
  defineHandler<Transitioned, AppContext>({
    name: 'exchange.outbound_transitioned',
    topic: 'grid.event_transitioned',
    handle: (ctx, event, tx) => queueOutgoing(ctx, tx, event, ['transitioned']),
  }),
  defineHandler<Escalated, AppContext>({
    name: 'exchange.outbound_escalated',
    topic: 'grid.event_escalated',
    // Only a hand-over to a city department leaves the system; lower levels stay inside.
    handle: (ctx, event, tx) => (event.payload.level === 'city' ? queueOutgoing(ctx, tx, event, ['escalated']) : Promise.resolve()),
  }),
];
