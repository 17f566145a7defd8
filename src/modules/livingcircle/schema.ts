// The living circle's tables: facilities of the seven needs, and each compound's reach per need as last computed
// (what the division sums and the overview read), with the division codes and households copied from the registry
// at computing time so the sums are one indexed GROUP BY of this module's own rows.
import { sql } from 'drizzle-orm';
import { boolean, index, uniqueIndex, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { needs } from './needs.ts';
import { spaceKinds, spaceStatuses } from './spaces.match.ts';

/** Opening hours by weekday (1 = Monday … 7 = Sunday), Shanghai time, HH:MM. */
export interface OpeningSpan {
  days: number[];
  open: string;
  close: string;
}

export const facilities = pgTable(
  'circle_facilities',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    need: text('need', { enum: needs }).notNull(),
    kind: text('kind').notNull(),
    latitude: numeric('latitude', { precision: 8, scale: 6 }).notNull(),
    longitude: numeric('longitude', { precision: 9, scale: 6 }).notNull(),
    /** The community (or, away from every compound, the creator's division) whose staff keep the record. */
    divisionCode: text('division_code').notNull(),
    address: text('address'),
    hours: jsonb('hours').$type<OpeningSpan[]>(),
    capacity: integer('capacity'),
    operator: text('operator'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Range scans by latitude then longitude: the box around a compound (no PostGIS).
    index('circle_facilities_place_idx').on(t.latitude, t.longitude),
    index('circle_facilities_division_idx').on(t.divisionCode, t.id),
    index('circle_facilities_need_idx').on(t.need, t.id),
    // The natural key: an import repeated changes nothing.
    uniqueIndex('circle_facilities_natural_uq').on(t.kind, t.name, t.latitude, t.longitude),
  ],
);

export const compoundNeeds = pgTable(
  'circle_compound_needs',
  {
    compoundId: uuid('compound_id').notNull(),
    need: text('need', { enum: needs }).notNull(),
    reached: integer('reached').notNull(),
    nearestM: integer('nearest_m'),
    gap: boolean('gap').notNull(),
    communityCode: text('community_code').notNull(),
    subdistrictCode: text('subdistrict_code').notNull(),
    districtCode: text('district_code').notNull(),
    cityCode: text('city_code').notNull(),
    households: integer('households').notNull(),
    /** The rule versions used, "key@version" joined by ";" (compared whole to find stale rows). */
    rules: text('rules').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.compoundId, t.need] }),
    index('circle_compound_needs_community_idx').on(t.communityCode),
    index('circle_compound_needs_subdistrict_idx').on(t.subdistrictCode),
    index('circle_compound_needs_district_idx').on(t.districtCode),
    index('circle_compound_needs_city_idx').on(t.cityCode),
  ],
);

// Space resources (issue 15, item 3): scattered land, existing rooms and state-owned idle rooms, with their status
// (offered → allocated → converted → in use) and, once converted, the facility they became. Each move is a step
// (who, when) besides the audit log, so the record shows its own history.
export const spaceResources = pgTable(
  'circle_space_resources',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind', { enum: spaceKinds }).notNull(),
    name: text('name').notNull(),
    areaM2: numeric('area_m2', { precision: 12, scale: 2 }).notNull(),
    owner: text('owner').notNull(),
    latitude: numeric('latitude', { precision: 8, scale: 6 }).notNull(),
    longitude: numeric('longitude', { precision: 9, scale: 6 }).notNull(),
    compoundId: uuid('compound_id'),
    /** The community (of its compound, else of the nearest compound in scope, else the creator's division). */
    divisionCode: text('division_code').notNull(),
    address: text('address'),
    condition: text('condition'),
    status: text('status', { enum: spaceStatuses }).notNull().default('offered'),
    allocatedTo: text('allocated_to'),
    need: text('need', { enum: needs }),
    facilityKind: text('facility_kind'),
    facilityId: uuid('facility_id'),
    /** The renovation project the conversion delivers, when it is one's (the overview then counts it once: see docs/decisions.md). */
    projectId: uuid('project_id'),
    convertedAt: timestamp('converted_at', { withTimezone: true }),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('circle_space_resources_place_idx').on(t.latitude, t.longitude),
    index('circle_space_resources_division_idx').on(t.divisionCode, t.id),
    index('circle_space_resources_status_idx').on(t.status, t.id),
    index('circle_space_resources_project_idx').on(t.projectId),
  ],
);

export const spaceSteps = pgTable(
  'circle_space_steps',
  {
    id: uuid('id').primaryKey(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => spaceResources.id),
    status: text('status', { enum: spaceStatuses }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    note: text('note'),
  },
  (t) => [index('circle_space_steps_space_idx').on(t.spaceId, t.at)],
);

// Clusters (片区, issue 15 item 5): a suggestion accepted as a project is kept with its compounds and the project it
// became, and a checklist per cluster of the future-community scenarios, each item's state kept with who set it.
export const clusters = pgTable(
  'circle_clusters',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    districtCode: text('district_code').notNull(),
    /** The community codes of its compounds (for scope: a subdistrict sees the clusters that touch it). */
    communityCodes: text('community_codes').array().notNull(),
    compoundIds: uuid('compound_ids').array().notNull(),
    projectId: uuid('project_id'),
    year: integer('year').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('circle_clusters_district_idx').on(t.districtCode, t.createdAt)],
);

export const clusterChecklist = pgTable(
  'circle_cluster_checklist',
  {
    clusterId: uuid('cluster_id')
      .notNull()
      .references(() => clusters.id, { onDelete: 'cascade' }),
    /** A scenario code of the rule livingcircle.future_community_scenarios. */
    item: text('item').notNull(),
    done: boolean('done').notNull().default(false),
    note: text('note'),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.item] })],
);
