// Work orders (R20, and the grid events of the next issue): a piece of field work raised from a source (an alarm,
// a grid event, or by hand) in a compound, assigned to or taken by an account that handles work orders there,
// started, and done with a photo and a note. Orders raised from a resident's SOS carry a call-back duty: the
// resident is called back and the call recorded before the order may be closed.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const workOrderStatuses = ['open', 'assigned', 'in_progress', 'done', 'cancelled'] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];
export const workOrderPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkOrderPriority = (typeof workOrderPriorities)[number];
export const callbackOutcomes = ['reached', 'not_reached', 'no_answer'] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];
export const workOrderActions = ['raised', 'assigned', 'taken', 'started', 'completed', 'called_back', 'cancelled'] as const;

export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey(),
    /** What raised it: 'alarm', 'grid_event', 'manual', … (free text, so a new source needs no migration). */
    sourceKind: text('source_kind').notNull(),
    sourceId: text('source_id'),
    compoundId: uuid('compound_id').notNull(),
    /** The compound's community, copied when raised: scope checks need no join into the registry. */
    communityCode: text('community_code').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    priority: text('priority', { enum: workOrderPriorities }).notNull().default('normal'),
    status: text('status', { enum: workOrderStatuses }).notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Raised from a resident's SOS: a recorded call-back is required before it is done. */
    callbackRequired: boolean('callback_required').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    completedBy: uuid('completed_by'),
    completionNote: text('completion_note'),
    photoSha256: text('photo_sha256'),
    photoFilename: text('photo_filename'),
    photoContentType: text('photo_content_type'),
    photoSizeBytes: integer('photo_size_bytes'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('work_orders_compound_idx').on(t.compoundId, t.status, t.createdAt),
    index('work_orders_community_idx').on(t.communityCode, t.status, t.createdAt),
    index('work_orders_assignee_idx').on(t.assigneeId, t.status),
    // One unfinished order per source: raising twice from one alarm finds the first.
    uniqueIndex('work_orders_open_source_uq')
      .on(t.sourceKind, t.sourceId)
      .where(sql`${t.sourceId} is not null and ${t.status} not in ('done', 'cancelled')`),
  ],
);

/** The order's timeline: every change, by whom and when. */
export const workOrderSteps = pgTable(
  'work_order_steps',
  {
    id: uuid('id').primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    action: text('action', { enum: workOrderActions }).notNull(),
    actorId: uuid('actor_id'),
    assigneeId: uuid('assignee_id'),
    note: text('note'),
  },
  (t) => [index('work_order_steps_order_idx').on(t.workOrderId, t.at)],
);

/** Calls back to the resident who raised an SOS: who called, when, and how it went. */
export const workOrderCallbacks = pgTable(
  'work_order_callbacks',
  {
    id: uuid('id').primaryKey(),
    workOrderId: uuid('work_order_id')
      .notNull()
      .references(() => workOrders.id),
    callerId: uuid('caller_id').notNull(),
    calledAt: timestamp('called_at', { withTimezone: true }).notNull(),
    outcome: text('outcome', { enum: callbackOutcomes }).notNull(),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('work_order_callbacks_order_idx').on(t.workOrderId, t.calledAt)],
);
