// Renovate once (R15): the annual plan's department reviews, the work packages
// of every department and utility, the city's precedence rules, crews and
// blackouts, and the joint timetables the scheduler makes of them.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { coordinationDepartments, workKindNames } from './kinds.ts';

export const reviewDepartments = ['housing', 'development_reform', 'finance'] as const;

/** Each department's decisions on a project of the annual plan; the latest per department stands. */
export const planReviews = pgTable(
  'plan_reviews',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    year: integer('year').notNull(),
    department: text('department', { enum: reviewDepartments }).notNull(),
    decision: text('decision', { enum: ['approve', 'return'] }).notNull(),
    comments: text('comments'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_reviews_project_idx').on(t.projectId, t.department, t.decidedAt)],
);

export const workPackages = pgTable(
  'work_packages',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    compoundId: uuid('compound_id').notNull(),
    // Copied from the project and the registry when the package is made (neither changes), so timetables read one table.
    projectName: text('project_name').notNull(),
    compoundName: text('compound_name').notNull(),
    communityCode: text('community_code').notNull(),
    year: integer('year').notNull(),
    kind: text('kind', { enum: workKindNames as [string, ...string[]] }).notNull(),
    department: text('department', { enum: coordinationDepartments }).notNull(),
    durationDays: integer('duration_days').notNull(),
    crews: integer('crews').notNull(),
    opensGround: boolean('opens_ground').notNull(),
    blocksAccess: boolean('blocks_access').notNull().default(false),
    planItemCodes: text('plan_item_codes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status', { enum: ['planned', 'started', 'done'] })
      .notNull()
      .default('planned'),
    startedOn: date('started_on'),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('work_packages_year_idx').on(t.year, t.communityCode),
    index('work_packages_project_idx').on(t.projectId),
    uniqueIndex('work_packages_one_kind_uq').on(t.projectId, t.compoundId, t.kind),
  ],
);

/** A city's precedence rules between kinds, applied within each compound. */
export const precedenceRules = pgTable(
  'precedence_rules',
  {
    id: uuid('id').primaryKey(),
    cityCode: text('city_code').notNull(),
    beforeKind: text('before_kind').notNull(),
    afterKind: text('after_kind').notNull(),
    lagDays: integer('lag_days').notNull().default(0),
    note: text('note'),
  },
  (t) => [uniqueIndex('precedence_rules_uq').on(t.cityCode, t.beforeKind, t.afterKind)],
);

/** Crews a department can put to work at once, city-wide. */
export const departmentCrews = pgTable(
  'department_crews',
  {
    cityCode: text('city_code').notNull(),
    department: text('department', { enum: coordinationDepartments }).notNull(),
    crews: integer('crews').notNull(),
  },
  (t) => [primaryKey({ columns: [t.cityCode, t.department] })],
);

/** Days no works may run: city-wide (exams, Spring Festival, major events) or in one compound (a quiet period its residents agreed). */
export const blackouts = pgTable(
  'work_blackouts',
  {
    id: uuid('id').primaryKey(),
    cityCode: text('city_code').notNull(),
    compoundId: uuid('compound_id'),
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('work_blackouts_city_idx').on(t.cityCode, t.fromDate)],
);

/** One joint timetable of a year (and division): the coordinated plan beside the departments-alone baseline. */
export const schedules = pgTable(
  'schedules',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    division: text('division').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    // Working day 0 is this date; weekends are not working days.
    startsOn: date('starts_on').notNull(),
    // A re-plan names the schedule it replaced, the day it was made, and the packages already started.
    replanOf: uuid('replan_of'),
    today: integer('today'),
    coordinated: jsonb('coordinated'),
    baseline: jsonb('baseline'),
    error: text('error'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('schedules_year_idx').on(t.year, t.division, t.createdAt)],
);

export const schedulePackages = pgTable(
  'schedule_packages',
  {
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => schedules.id, { onDelete: 'cascade' }),
    packageId: uuid('package_id').notNull(),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    baselineStart: integer('baseline_start').notNull(),
    baselineEnd: integer('baseline_end').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.packageId] })],
);

/** What a department liaison is told when a timetable moves their packages. */
export const packageNotices = pgTable(
  'package_notices',
  {
    id: uuid('id').primaryKey(),
    department: text('department', { enum: coordinationDepartments }).notNull(),
    scheduleId: uuid('schedule_id').notNull(),
    packageId: uuid('package_id').notNull(),
    // Codes stay in the data: a reader gets the words of `code` with `params` in their language.
    // `message` is the same in English, kept for rows written before codes (they have no code).
    message: text('message').notNull(),
    code: text('code'),
    params: jsonb('params'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('package_notices_department_idx').on(t.department, t.createdAt)],
);
