// Parking (R24: 智慧停车): a compound's spaces, the stays opened and closed by its barriers, monthly passes, and the
// payments recorded against stays (no payment gateway: the method and its reference are written down).
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const spaceKinds = ['owned', 'rented', 'shared', 'charging'] as const;
export type SpaceKind = (typeof spaceKinds)[number];
export const paymentMethods = ['cash', 'wechat', 'alipay', 'bank_card', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const parkingSpaces = pgTable(
  'parking_spaces',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    /** The number painted on the ground. */
    code: text('code').notNull(),
    kind: text('kind', { enum: spaceKinds }).notNull(),
    /** The household that owns or rents it (owned, rented); none for shared and charging spaces. */
    householdId: uuid('household_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('parking_spaces_code_uq').on(t.compoundId, t.code)],
);

/** One stay: opened by a barrier's entry, closed by its exit, priced by the tariff in force at entry. */
export const parkingSessions = pgTable(
  'parking_sessions',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    plate: text('plate').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    exitedAt: timestamp('exited_at', { withTimezone: true }),
    /** The barrier events (device id and message id), so a redelivered event changes nothing. */
    entryEvent: text('entry_event').notNull(),
    exitEvent: text('exit_event'),
    feeFen: integer('fee_fen'),
    tariffVersion: text('tariff_version'),
    /** The fee day by day (hours begun, capped, covered by a pass): what the receipt shows. */
    feeDetail: jsonb('fee_detail'),
    paidFen: integer('paid_fen').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('parking_sessions_open_uq')
      .on(t.compoundId, t.plate)
      .where(sql`${t.exitedAt} is null`),
    uniqueIndex('parking_sessions_entry_uq').on(t.entryEvent),
    index('parking_sessions_compound_idx').on(t.compoundId, t.enteredAt),
  ],
);

export const parkingPasses = pgTable(
  'parking_passes',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    plate: text('plate').notNull(),
    /** YYYY-MM: the calendar month it covers. */
    month: text('month').notNull(),
    amountFen: integer('amount_fen').notNull(),
    method: text('method', { enum: paymentMethods }).notNull(),
    reference: text('reference').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('parking_passes_uq').on(t.compoundId, t.plate, t.month)],
);

export const parkingPayments = pgTable(
  'parking_payments',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => parkingSessions.id),
    compoundId: uuid('compound_id').notNull(),
    amountFen: integer('amount_fen').notNull(),
    method: text('method', { enum: paymentMethods }).notNull(),
    /** The till's or the payment app's reference: one payment per reference in a compound. */
    reference: text('reference').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    uniqueIndex('parking_payments_reference_uq').on(t.compoundId, t.reference),
    index('parking_payments_session_idx').on(t.sessionId),
  ],
);
