// Projects, their compounds (one, or a cluster 片区), the stage timeline, and
// versioned plans built from the catalogue.
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stages } from './stages.ts';

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    stage: text('stage', { enum: stages }).notNull().default('planned'),
    cityCode: text('city_code').notNull(),
    districtCode: text('district_code').notNull(),
    // Denormalised from the compounds (whose communities never change) so scopes filter without joins.
    subdistrictCodes: text('subdistrict_codes').array().notNull(),
    communityCodes: text('community_codes').array().notNull(),
    futureCommunity: boolean('future_community').notNull().default(false),
    floorAreaM2: numeric('floor_area_m2', { precision: 14, scale: 2 }).notNull(),
    households: integer('households').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('projects_district_year_idx').on(t.districtCode, t.year), index('projects_year_stage_idx').on(t.year, t.stage)],
);

export const projectCompounds = pgTable(
  'project_compounds',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    compoundId: uuid('compound_id').notNull(),
    name: text('name').notNull(),
    floorAreaM2: numeric('floor_area_m2', { precision: 12, scale: 2 }).notNull(),
    households: integer('households').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.compoundId] }), index('project_compounds_compound_idx').on(t.compoundId)],
);

export const stageTransitions = pgTable(
  'stage_transitions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: uuid('by_user_id'),
    byUsername: text('by_username'),
    byDisplayName: text('by_display_name'),
  },
  (t) => [index('stage_transitions_project_idx').on(t.projectId, t.id)],
);

export const planStatuses = ['draft', 'submitted', 'approved'] as const;

export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status', { enum: planStatuses }).notNull().default('draft'),
    catalogueVersion: text('catalogue_version').notNull(),
    priceListId: uuid('price_list_id'),
    totalFen: bigint('total_fen', { mode: 'bigint' }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('plan_versions_project_version_uq').on(t.projectId, t.version)],
);

export const planItems = pgTable(
  'plan_items',
  {
    planVersionId: uuid('plan_version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    indicatorCode: text('indicator_code').notNull(),
    quantity: numeric('quantity', { precision: 14, scale: 2 }).notNull(),
    unitPriceFen: bigint('unit_price_fen', { mode: 'bigint' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.planVersionId, t.indicatorCode] })],
);

// What a project delivered (R11), one row per project; summaries add these up, nobody types a total.
export const projectOutcomes = pgTable('project_outcomes', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  parkingSpacesAdded: integer('parking_spaces_added').notNull(),
  liftsInstalled: integer('lifts_installed').notNull(),
  liftPositionsReserved: integer('lift_positions_reserved').notNull(),
  publicServiceSpaceM2: numeric('public_service_space_m2', { precision: 12, scale: 2 }).notNull(),
  fitnessSpaceM2: numeric('fitness_space_m2', { precision: 12, scale: 2 }).notNull(),
  barrierFreeAgeFriendlyItems: integer('barrier_free_age_friendly_items').notNull(),
  stateOwnedRoomsM2: numeric('state_owned_rooms_m2', { precision: 12, scale: 2 }).notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

// Before and after photos of a project (改造前 / 改造后, issue 16 item 9): the bytes live in the platform's file store
// under their hash, like approval documents; the row says which project, which side, where and who.
export const projectPhotoTags = ['before', 'after'] as const;
export type ProjectPhotoTag = (typeof projectPhotoTags)[number];

export const projectPhotos = pgTable(
  'project_photos',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    tag: text('tag', { enum: projectPhotoTags }).notNull(),
    caption: text('caption'),
    // The building it shows, if any: its name is copied so the gallery reads without asking the registry per photo.
    buildingId: uuid('building_id'),
    buildingName: text('building_name'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByUsername: text('uploaded_by_username'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_photos_project_idx').on(t.projectId, t.tag, t.uploadedAt)],
);
