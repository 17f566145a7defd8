// What the city's platforms send us, each request signed with the connector's secret: their events, which become
// grid events (idempotent by the platform's external id), and progress on events we handed to them.
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { notFound, Problem, problem, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { connectorWithSecret } from './connectors.service.ts';
import { createGridEvent, getGridEvent, gridCategories, transitionGridEvent, type GridEventState } from './grid-seam.ts';
import { exchangeMessages as xm } from './messages.ts';
import type { PlatformStatus } from './rules.ts';
import { exchangeLinks, exchangeStatusReports } from './schema.ts';
import { verify } from './signature.ts';

export const WINDOW_RULE = 'exchange.signature_window_seconds';

export interface InboundEvent {
  externalId: string;
  kind: string;
  category: string;
  description: string;
  lat?: number;
  lng?: number;
  address?: string;
  occurredAt: string;
  status?: string;
}

export interface InboundStatus {
  status: PlatformStatus;
  note?: string;
  occurredAt?: string;
}

/** The connector whose secret signed this request, or a 401 (unknown and disabled platforms look the same). */
export async function verifiedConnector(
  ctx: AppContext,
  code: string,
  headers: { timestamp?: string; signature?: string },
  body: Buffer,
  now = new Date(),
) {
  if (!headers.timestamp || !headers.signature) throw problem(401, xm.msg('exchange.signature_missing'));
  const connector = await connectorWithSecret(ctx, code);
  const window = (await ruleAt<number>(ctx.db, WINDOW_RULE)).value;
  const verdict = connector?.enabled ? verify(connector.secret, headers, body, now, window) : 'bad';
  if (verdict === 'stale') throw problem(401, xm.msg('exchange.timestamp_outside_window', { seconds: window }));
  if (verdict !== 'ok' || !connector) throw problem(401, xm.msg('exchange.signature_invalid'));
  return connector;
}

/** A platform's event as a grid event: the second post of one external id answers the first's event. */
export async function receiveEvent(ctx: AppContext, connector: { id: string; code: string }, e: InboundEvent) {
  const known = new Set((await gridCategories(ctx)).items.map((c) => c.code));
  if (!known.has(e.category))
    throw unprocessable(xm.msg('exchange.category_unknown', { category: e.category }), [
      { path: 'body.category', message: xm.msg('exchange.field.category_unknown') },
    ]);
  return ctx.db.transaction(async (tx) => {
    const made = await createGridEvent(
      ctx,
      {
        category: e.category,
        description: e.description,
        ...(e.lat !== undefined && e.lng !== undefined ? { lat: e.lat, lng: e.lng } : {}),
        ...(e.address ? { addressText: e.address } : {}),
        source: 'platform',
        platform: connector.code,
        sourceRef: e.externalId,
      },
      null,
      tx,
    );
    await tx
      .insert(exchangeLinks)
      .values({ id: uuidv7(), connectorId: connector.id, gridEventId: made.id, direction: 'inbound', externalId: e.externalId })
      .onConflictDoNothing();
    return { id: made.id, state: made.state, dueAt: made.dueAt, created: made.created };
  });
}

const targetState: Record<PlatformStatus, GridEventState> = {
  accepted: 'accepted',
  handled: 'handled',
  reviewed: 'reviewed',
  closed: 'closed',
};

/**
 * Progress from the platform on one of its events (reported by it, or escalated to it): our event moves where its
 * lifecycle allows that step, otherwise the report is kept as a note and the state stays.
 */
export async function reportStatus(
  ctx: AppContext,
  connector: { id: string; code: string; name: string },
  externalId: string,
  s: InboundStatus,
) {
  const [link] = await ctx.db
    .select()
    .from(exchangeLinks)
    .where(and(eq(exchangeLinks.connectorId, connector.id), eq(exchangeLinks.externalId, externalId)))
    .limit(1);
  if (!link) throw notFound(xm.msg('exchange.event.entity', { id: externalId }));
  const note = [xm.msg('exchange.status_note', { platform: connector.name, status: s.status }).in('zh-CN'), s.note]
    .filter(Boolean)
    .join('：');
  return ctx.db.transaction(async (tx) => {
    let applied = false;
    let state: string | undefined;
    try {
      const moved = await tx.transaction((sp) => transitionGridEvent(ctx, link.gridEventId, targetState[s.status], null, note, sp));
      applied = true;
      state = moved.state;
    } catch (err) {
      // The lifecycle refused the step (409): the report stays as a note. Anything else is a real failure.
      if (!(err instanceof Problem) || err.status !== 409) throw err;
    }
    state ??= (await getGridEvent(ctx, link.gridEventId))?.state ?? 'reported';
    await tx.insert(exchangeStatusReports).values({
      id: uuidv7(),
      connectorId: connector.id,
      gridEventId: link.gridEventId,
      status: s.status,
      note: s.note ?? null,
      occurredAt: s.occurredAt ? new Date(s.occurredAt) : null,
      applied,
      stateAfter: state,
    });
    return {
      eventId: link.gridEventId,
      state,
      applied,
      note: applied ? undefined : xm.msg('exchange.status_not_applied', { status: s.status, state }),
    };
  });
}
