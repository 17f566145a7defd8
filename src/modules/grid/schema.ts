// Grid governance (R23): grids under communities and the buildings each covers, their grid workers, patrol
// check-ins, and the grid event from report to closure with its steps, photos and the reporter's rating.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgSequence,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const gridEventStates = ['reported', 'accepted', 'handled', 'reviewed', 'closed', 'disputed'] as const;
export type GridEventState = (typeof gridEventStates)[number];
/** States an event is still open in (everything but closed). */
export const openStates = ['reported', 'accepted', 'handled', 'reviewed', 'disputed'] as const satisfies readonly GridEventState[];
export const gridLevels = ['grid', 'community', 'subdistrict', 'city'] as const;
export type GridLevel = (typeof gridLevels)[number];
export const gridEventSources = ['resident', 'patrol', 'alarm', 'work_order', 'platform', 'open311', 'staff'] as const;
export type GridEventSource = (typeof gridEventSources)[number];
export const responsibleBodies = ['property', 'community', 'subdistrict', 'city'] as const;
export type Responsible = (typeof responsibleBodies)[number];
export const stepActions = [
  'reported',
  'transitioned',
  'self_resolved',
  'escalated',
  'overdue',
  'merged',
  'merged_into',
  'photo',
  'rated',
] as const;
export type StepAction = (typeof stepActions)[number];

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const grids = pgTable(
  'grids',
  {
    id: uuid('id').primaryKey(),
    communityCode: text('community_code').notNull(),
    /** Short code unique within the community, as the grid is painted on the map: "01", "02"… */
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Optional outline, GeoJSON Polygon coordinates [[[lng, lat], …]]; buildings decide membership, not this. */
    polygon: jsonb('polygon'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grids_community_code_uq').on(t.communityCode, t.code)],
);

/** Which grid a building lies in: each building in at most one grid. */
export const gridBuildings = pgTable(
  'grid_buildings',
  {
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    buildingId: uuid('building_id').notNull(),
    /** Copied from the registry when added: grids are found by compound without a join into the registry. */
    compoundId: uuid('compound_id').notNull(),
  },
  (t) => [uniqueIndex('grid_buildings_building_uq').on(t.buildingId), index('grid_buildings_grid_idx').on(t.gridId, t.compoundId)],
);

export const gridWorkers = pgTable(
  'grid_workers',
  {
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id').notNull(),
    since: ts('since').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grid_workers_uq').on(t.gridId, t.accountId), index('grid_workers_account_idx').on(t.accountId)],
);

export const patrolCheckins = pgTable(
  'patrol_checkins',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id').notNull(),
    gridId: uuid('grid_id')
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    at: ts('at').notNull(),
    lat: numeric('lat', { precision: 8, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    note: text('note'),
  },
  (t) => [index('patrol_checkins_grid_idx').on(t.gridId, t.at), index('patrol_checkins_account_idx').on(t.accountId, t.at)],
);

/** The human reference's number: one sequence for all events, shown as YYYY-NNNNNN. */
export const gridEventSeq = pgSequence('grid_event_seq', { startWith: 1 });

export const gridEvents = pgTable(
  'grid_events',
  {
    id: uuid('id').primaryKey(),
    seq: bigint('seq', { mode: 'number' })
      .notNull()
      .default(sql`nextval('grid_event_seq')`),
    category: text('category').notNull(),
    /** The version of `grid.categories` the category was read from when reported. */
    categoryVersion: text('category_version').notNull(),
    description: text('description').notNull(),
    state: text('state', { enum: gridEventStates }).notNull(),
    level: text('level', { enum: gridLevels }).notNull(),
    /** Who the category routes the event to (from the category, copied when reported). */
    responsible: text('responsible', { enum: responsibleBodies }).notNull(),
    source: text('source', { enum: gridEventSources }).notNull(),
    platform: text('platform'),
    sourceRef: text('source_ref'),
    compoundId: uuid('compound_id'),
    communityCode: text('community_code').notNull(),
    subdistrictCode: text('subdistrict_code'),
    buildingId: uuid('building_id'),
    gridId: uuid('grid_id'),
    lat: numeric('lat', { precision: 8, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    addressText: text('address_text'),
    attributes: jsonb('attributes').$type<Record<string, string | string[]>>().notNull().default({}),
    mediaUrl: text('media_url'),
    anonymous: boolean('anonymous').notNull().default(false),
    reporterAccountId: uuid('reporter_account_id'),
    reporterResidentId: uuid('reporter_resident_id'),
    assigneeId: uuid('assignee_id'),
    reportedAt: ts('reported_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    /** When the current state's time (grid.event_sla) runs out; null when closed. */
    dueAt: ts('due_at'),
    /** When the clock next raises the level (grid.escalation); null when closed or at the top level. */
    escalateAt: ts('escalate_at'),
    /** Since when the current state is overdue; cleared by the next transition. */
    overdueSince: ts('overdue_since'),
    closedAt: ts('closed_at'),
    /** Merged into another event as its duplicate (closed with it). */
    mergedIntoId: uuid('merged_into_id'),
    reopenedCount: integer('reopened_count').notNull().default(0),
    workOrderId: uuid('work_order_id'),
  },
  (t) => [
    uniqueIndex('grid_events_seq_uq').on(t.seq),
    uniqueIndex('grid_events_source_uq')
      .on(t.source, sql`coalesce(${t.platform}, '')`, t.sourceRef)
      .where(sql`${t.sourceRef} is not null`),
    // Duplicate suggestion: open events of a category inside a bounding box.
    index('grid_events_open_near_idx')
      .on(t.category, t.lat, t.lng)
      .where(sql`${t.state} <> 'closed' and ${t.lat} is not null`),
    // The SLA sweep: open events whose time runs out, and those whose level is due to rise.
    index('grid_events_due_idx')
      .on(t.dueAt)
      .where(sql`${t.state} <> 'closed' and ${t.overdueSince} is null`),
    index('grid_events_escalate_idx')
      .on(t.escalateAt)
      .where(sql`${t.state} <> 'closed' and ${t.escalateAt} is not null`),
    index('grid_events_reported_idx').on(t.reportedAt, t.id),
    index('grid_events_category_idx').on(t.category, t.reportedAt),
    index('grid_events_state_due_idx').on(t.state, t.dueAt),
    index('grid_events_community_idx').on(t.communityCode, t.reportedAt),
    index('grid_events_grid_idx').on(t.gridId, t.reportedAt),
    index('grid_events_compound_idx').on(t.compoundId, t.reportedAt),
    index('grid_events_reporter_idx').on(t.reporterAccountId, t.reportedAt),
  ],
);

/** Every step of an event: who (and in which role), when, where, from which state to which, at which level. */
export const gridEventSteps = pgTable(
  'grid_event_steps',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => gridEvents.id, { onDelete: 'cascade' }),
    action: text('action', { enum: stepActions }).notNull(),
    actorId: uuid('actor_id'),
    /** The actor kind at the time (grid_worker, community, subdistrict, city, resident, system). */
    actorRole: text('actor_role').notNull(),
    at: ts('at').notNull(),
    lat: numeric('lat', { precision: 8, scale: 6 }),
    lng: numeric('lng', { precision: 9, scale: 6 }),
    fromState: text('from_state', { enum: gridEventStates }),
    toState: text('to_state', { enum: gridEventStates }),
    level: text('level', { enum: gridLevels }).notNull(),
    note: text('note'),
  },
  (t) => [index('grid_event_steps_event_idx').on(t.eventId, t.at)],
);

/** Photos of an event, or of one of its steps; uploaded before the report they are held for their uploader. */
export const gridEventPhotos = pgTable(
  'grid_event_photos',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').references(() => gridEvents.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id'),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
  },
  (t) => [index('grid_event_photos_event_idx').on(t.eventId, t.uploadedAt), index('grid_event_photos_uploader_idx').on(t.uploadedBy)],
);

export const gridEventRatings = pgTable(
  'grid_event_ratings',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => gridEvents.id, { onDelete: 'cascade' }),
    score: smallint('score').notNull(),
    comment: text('comment'),
    byAccountId: uuid('by_account_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('grid_event_ratings_event_uq').on(t.eventId), check('grid_event_ratings_score_ck', sql`${t.score} between 1 and 5`)],
);
