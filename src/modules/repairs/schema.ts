// Property repairs (物业维护, R22): a resident's request for their home or its building, carried by a generic work
// order (source kind `repair`) that the property company's staff are assigned or take (抢单), and finish with
// photos; then the follow-up call and the resident's rating. The order owns who does the work and its timeline; a
// repair keeps what the resident filed, its photos, the due time by category, the follow-up calls and the rating, and
// a copy of the order's state and assignee, so lists filter and page in one table.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** The work order's states, copied: open → assigned (派单 or 抢单) → in_progress → done, or cancelled. */
export const repairStatuses = ['open', 'assigned', 'in_progress', 'done', 'cancelled'] as const;
export type RepairStatus = (typeof repairStatuses)[number];
export const unfinishedStatuses: readonly RepairStatus[] = ['open', 'assigned', 'in_progress'];
export const followUpOutcomes = ['satisfied', 'unsatisfied', 'not_reached'] as const;
export type FollowUpOutcome = (typeof followUpOutcomes)[number];
export const photoStages = ['request', 'completion'] as const;
export type PhotoStage = (typeof photoStages)[number];
/** The repair's own steps, beside the work order's (raised, assigned, taken, started, completed, cancelled). */
export const repairStepActions = ['overdue', 'followed_up', 'rated'] as const;
export type RepairStepAction = (typeof repairStepActions)[number];

export const repairs = pgTable(
  'repairs',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    /** The compound's community, copied when filed: staff scope by division needs no join into the registry. */
    communityCode: text('community_code').notNull(),
    householdId: uuid('household_id').notNull(),
    /** The resident's account that filed it. */
    filedBy: uuid('filed_by').notNull(),
    category: text('category').notNull(),
    /** The version of the `repairs.categories` rule the due time was taken from. */
    ruleVersion: text('rule_version').notNull(),
    description: text('description').notNull(),
    dueAt: ts('due_at').notNull(),
    workOrderId: uuid('work_order_id').notNull(),
    status: text('status', { enum: repairStatuses }).notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    /** Set by the clock's sweep when the due time passed before the work was done. */
    overdueAt: ts('overdue_at'),
    completedAt: ts('completed_at'),
    completionNote: text('completion_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('repairs_work_order_uq').on(t.workOrderId),
    index('repairs_community_idx').on(t.communityCode, t.createdAt, t.id),
    index('repairs_compound_idx').on(t.compoundId, t.createdAt, t.id),
    index('repairs_household_idx').on(t.householdId, t.createdAt, t.id),
    index('repairs_due_idx')
      .on(t.dueAt)
      .where(sql`${t.status} in ('open', 'assigned', 'in_progress') and ${t.overdueAt} is null`),
  ],
);

/** The resident's photos of the request and the staff's photos of the finished work, in the order uploaded. */
export const repairPhotos = pgTable(
  'repair_photos',
  {
    id: uuid('id').primaryKey(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    stage: text('stage', { enum: photoStages }).notNull(),
    position: integer('position').notNull(),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    uploadedBy: uuid('uploaded_by').notNull(),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('repair_photos_position_uq').on(t.repairId, t.stage, t.position)],
);

export const repairSteps = pgTable(
  'repair_steps',
  {
    id: uuid('id').primaryKey(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    at: ts('at').notNull(),
    action: text('action', { enum: repairStepActions }).notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
  },
  (t) => [index('repair_steps_repair_idx').on(t.repairId, t.at)],
);

/** The property company's follow-up calls (回访) after the work is done: who called, when, and how it went. */
export const repairFollowUps = pgTable(
  'repair_follow_ups',
  {
    id: uuid('id').primaryKey(),
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    callerId: uuid('caller_id').notNull(),
    calledAt: ts('called_at').notNull(),
    outcome: text('outcome', { enum: followUpOutcomes }).notNull(),
    note: text('note'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('repair_follow_ups_repair_idx').on(t.repairId, t.calledAt)],
);

/** The resident's rating: one per repair (the primary key refuses a second). */
export const repairRatings = pgTable(
  'repair_ratings',
  {
    repairId: uuid('repair_id')
      .notNull()
      .references(() => repairs.id),
    stars: integer('stars').notNull(),
    comment: text('comment'),
    ratedBy: uuid('rated_by').notNull(),
    ratedAt: ts('rated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.repairId] }), check('repair_ratings_stars_ck', sql`${t.stars} between 1 and 5`)],
);
