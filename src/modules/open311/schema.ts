// Open311 partners: their API keys (only a hash is kept; the key is shown once, when issued) with the
// scope each may report in, and the tokens handed back for each request posted (GeoReport v2's `batch`
// services: the token leads to the service request id).
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const open311Keys = pgTable(
  'open311_keys',
  {
    id: uuid('id').primaryKey(),
    /** The partner's code (lower-case letters, digits, - and _): the grid event's `platform`. */
    partner: text('partner').notNull(),
    /** SHA-256 of the key: keys are 32 random bytes, so a plain digest cannot be reversed by guessing. */
    keyHash: text('key_hash').notNull().unique(),
    /** The key's first characters, so an administrator can tell keys apart without the key. */
    keyPrefix: text('key_prefix').notNull(),
    /** Service codes the partner may report; null: every served one. */
    serviceCodes: text('service_codes').array(),
    /** The city's division code this key reports into (GeoReport's jurisdiction_id). */
    jurisdiction: text('jurisdiction').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [index('open311_keys_partner_idx').on(t.partner, t.createdAt)],
);

export const open311Tokens = pgTable(
  'open311_tokens',
  {
    token: text('token').primaryKey(),
    gridEventId: uuid('grid_event_id').notNull(),
    keyId: uuid('key_id')
      .notNull()
      .references(() => open311Keys.id),
    partner: text('partner').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A repeated POST of the same partner's request (same external id) answers the token it got the first time.
  (t) => [index('open311_tokens_event_idx').on(t.gridEventId, t.partner)],
);
