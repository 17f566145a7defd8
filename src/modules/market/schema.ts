// Market participation (R16): the property-service subsidy (物业服务补助) applied for each month by the
// subdistrict, approved by the district and paid through the funding ledger; and operators' time-limited use of
// public space (公共空间限期使用权): the register of spaces, grants with their dates and fees, reliefs, reminders
// before expiry, and what each operator delivered.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const subsidyStatuses = ['applied', 'approved', 'rejected', 'disbursed'] as const;
export type SubsidyStatus = (typeof subsidyStatuses)[number];

/** One compound's subsidy for one month: what was asked, the cap it was checked against and the rule version. */
export const propertySubsidies = pgTable(
  'property_subsidies',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    // 'yyyy-mm'; the month's rule is the one in force on its first day.
    month: text('month').notNull(),
    projectId: uuid('project_id').notNull(),
    propertyCompanyId: uuid('property_company_id').notNull(),
    districtCode: text('district_code').notNull(),
    subdistrictCode: text('subdistrict_code').notNull(),
    communityCode: text('community_code').notNull(),
    floorAreaM2: numeric('floor_area_m2', { precision: 14, scale: 2 }).notNull(),
    capFen: bigint('cap_fen', { mode: 'bigint' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    ruleVersion: text('rule_version').notNull(),
    status: text('status', { enum: subsidyStatuses }).notNull().default('applied'),
    appliedBy: uuid('applied_by'),
    appliedAt: ts('applied_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    disbursementId: uuid('disbursement_id'),
    disbursedAt: ts('disbursed_at'),
  },
  (t) => [
    uniqueIndex('property_subsidies_compound_month_uq').on(t.compoundId, t.month),
    index('property_subsidies_month_district_idx').on(t.month, t.districtCode),
    check('property_subsidies_month_ck', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('property_subsidies_within_cap_ck', sql`${t.amountFen} > 0 and ${t.amountFen} <= ${t.capFen}`),
  ],
);

export const spaceKinds = ['parking_area', 'canteen_room', 'elderly_care_room', 'childcare_room', 'activity_room', 'other'] as const;
export type SpaceKind = (typeof spaceKinds)[number];

/** A public space of a compound that may be granted to an operator for a time. */
export const publicSpaces = pgTable(
  'public_spaces',
  {
    id: uuid('id').primaryKey(),
    compoundId: uuid('compound_id').notNull(),
    communityCode: text('community_code').notNull(),
    kind: text('kind', { enum: spaceKinds }).notNull(),
    name: text('name').notNull(),
    areaM2: numeric('area_m2', { precision: 12, scale: 2 }),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('public_spaces_community_idx').on(t.communityCode, t.compoundId),
    uniqueIndex('public_spaces_name_uq').on(t.compoundId, t.name),
  ],
);

export const grantStatuses = ['active', 'terminated'] as const;

/**
 * A space granted to an operator from `startsOn` to `endsOn` (both included). Two active grants of one space never
 * overlap: an exclusion constraint (btree_gist) written by hand in the migration enforces it.
 */
export const spaceGrants = pgTable(
  'space_grants',
  {
    id: uuid('id').primaryKey(),
    spaceId: uuid('space_id')
      .notNull()
      .references(() => publicSpaces.id),
    communityCode: text('community_code').notNull(),
    operatorName: text('operator_name').notNull(),
    // 统一社会信用代码 of the operator, when it is a company.
    operatorCreditCode: text('operator_credit_code'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    // The fee for the whole term, and what the contract waives of it (a concession in exchange for services).
    feeFen: bigint('fee_fen', { mode: 'bigint' }).notNull(),
    concessionFen: bigint('concession_fen', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
    terms: text('terms'),
    status: text('status', { enum: grantStatuses }).notNull().default('active'),
    remindedAt: ts('reminded_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('space_grants_space_idx').on(t.spaceId, t.startsOn),
    index('space_grants_ends_idx').on(t.endsOn),
    check('space_grants_dates_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check('space_grants_fee_ck', sql`${t.feeFen} >= 0 and ${t.concessionFen} >= 0 and ${t.concessionFen} <= ${t.feeFen}`),
  ],
);

export const reliefKinds = ['tax', 'fee'] as const;

/** A tax or fee relief the operator was granted for its use of the space (recorded, not computed). */
export const grantReliefs = pgTable(
  'space_grant_reliefs',
  {
    id: uuid('id').primaryKey(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => spaceGrants.id),
    kind: text('kind', { enum: reliefKinds }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    basis: text('basis').notNull(),
    grantedOn: date('granted_on').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [index('space_grant_reliefs_grant_idx').on(t.grantId), check('space_grant_reliefs_amount_ck', sql`${t.amountFen} >= 0`)],
);

/** What the operator delivered in a period: services, people served, and its own account of it. */
export const grantDeliveries = pgTable(
  'space_grant_deliveries',
  {
    id: uuid('id').primaryKey(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => spaceGrants.id),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end').notNull(),
    services: integer('services').notNull(),
    beneficiaries: integer('beneficiaries').notNull(),
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('space_grant_deliveries_period_uq').on(t.grantId, t.periodStart),
    check('space_grant_deliveries_period_ck', sql`${t.periodEnd} >= ${t.periodStart}`),
    check('space_grant_deliveries_counts_ck', sql`${t.services} >= 0 and ${t.beneficiaries} >= 0`),
  ],
);
