// The exchange with the city's platforms (智慧城管, 智慧河道, …): a connector per platform, every outgoing
// message as a delivery with its attempts, the links between our grid events and the platform's own ids, and
// the progress a platform reported on an event we handed to it.
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const exchangeKinds = ['created', 'transitioned', 'escalated'] as const;
export type ExchangeKind = (typeof exchangeKinds)[number];
export const deliveryStatuses = ['pending', 'retrying', 'delivered', 'parked'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const linkDirections = ['inbound', 'outbound'] as const;

export const exchangeConnectors = pgTable(
  'exchange_connectors',
  {
    id: uuid('id').primaryKey(),
    /** The platform's code in URLs and in grid events' `platform` (city_management, smart_river). */
    code: text('code').notNull(),
    name: text('name').notNull(),
    endpointUrl: text('endpoint_url').notNull(),
    /** The shared HMAC secret, sealed with the personal-data key (AES-256-GCM): both directions need it in clear. */
    secretSealed: text('secret_sealed').notNull(),
    kinds: text('kinds').array().notNull(),
    /** Grid category codes sent out; empty: every category. */
    categories: text('categories').array().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Attempts in all, the first included; the delivery is parked after the last. */
    maxTries: integer('max_tries').notNull().default(8),
    /** The first retry waits 1–2 times this, each further one twice as long (pg-boss's backoff). */
    backoffSeconds: integer('backoff_seconds').notNull().default(10),
    timeoutSeconds: integer('timeout_seconds').notNull().default(10),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('exchange_connectors_code_uq').on(t.code)],
);

export const exchangeDeliveries = pgTable(
  'exchange_deliveries',
  {
    id: uuid('id').primaryKey(),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => exchangeConnectors.id),
    /** `X-Renova-Event-Id`: one per outgoing message, kept by every retry and replay so the receiver can dedupe. */
    eventId: uuid('event_id').notNull(),
    /** The domain event it was made from: one delivery per (connector, domain event), however often handled. */
    sourceEventId: uuid('source_event_id').notNull(),
    kind: text('kind', { enum: exchangeKinds }).notNull(),
    gridEventId: uuid('grid_event_id').notNull(),
    category: text('category').notNull(),
    /** The exact bytes sent (signed at each attempt with that attempt's timestamp). */
    body: text('body').notNull(),
    status: text('status', { enum: deliveryStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    replays: integer('replays').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    parkedAt: timestamp('parked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exchange_deliveries_event_uq').on(t.eventId),
    uniqueIndex('exchange_deliveries_source_uq').on(t.connectorId, t.sourceEventId),
    index('exchange_deliveries_connector_idx').on(t.connectorId, t.status, t.id),
    index('exchange_deliveries_status_idx').on(t.status, t.id),
    index('exchange_deliveries_grid_event_idx').on(t.gridEventId),
  ],
);

/** Every try: its HTTP status or error and how long it took. Never the body or the secret. */
export const exchangeAttempts = pgTable(
  'exchange_attempts',
  {
    id: uuid('id').primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => exchangeDeliveries.id),
    attempt: integer('attempt').notNull(),
    replay: boolean('replay').notNull().default(false),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
    ok: boolean('ok').notNull(),
  },
  (t) => [index('exchange_attempts_delivery_idx').on(t.deliveryId, t.at)],
);

/**
 * Which grid events a platform knows: `inbound` ones it reported (its external id), `outbound` ones we escalated
 * to it (the external id is our event id, as the platform got it). Status flows back along these.
 */
export const exchangeLinks = pgTable(
  'exchange_links',
  {
    id: uuid('id').primaryKey(),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => exchangeConnectors.id),
    gridEventId: uuid('grid_event_id').notNull(),
    direction: text('direction', { enum: linkDirections }).notNull(),
    externalId: text('external_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('exchange_links_external_uq').on(t.connectorId, t.externalId),
    index('exchange_links_event_idx').on(t.gridEventId, t.connectorId),
  ],
);

/** Progress a platform reported on one of its events; `applied` when it moved our event, else kept as a note. */
export const exchangeStatusReports = pgTable(
  'exchange_status_reports',
  {
    id: uuid('id').primaryKey(),
    connectorId: uuid('connector_id')
      .notNull()
      .references(() => exchangeConnectors.id),
    gridEventId: uuid('grid_event_id').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    applied: boolean('applied').notNull(),
    stateAfter: text('state_after').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('exchange_status_reports_event_idx').on(t.gridEventId, t.receivedAt)],
);
