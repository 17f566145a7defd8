// Funding plans by source, the checks made of them (with the rule versions
// used), and the disbursement ledger with its amendments. Lines carry the
// project's year and district so summaries need no other module's tables.
import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const fundingSources = [
  'central_subsidy',
  'central_budget_investment',
  'special_bond',
  'city_subsidy',
  'district_subsidy',
  'pipeline_utility',
  'resident',
  'social_capital',
  // An exemplary-case award (R18): money on top of the plan's financing, written by the selection, never by a funding plan.
  'exemplary_award',
  // The property-service subsidy (R16) paid month by month after renovation: written by the market module, never by a plan.
  'property_subsidy',
] as const;
export type FundingSource = (typeof fundingSources)[number];

export const fundingLines = pgTable(
  'funding_lines',
  {
    projectId: uuid('project_id').notNull(),
    year: integer('year').notNull(),
    districtCode: text('district_code').notNull(),
    source: text('source', { enum: fundingSources }).notNull(),
    // '' where a source has no channels: part of the key, so never null.
    channel: text('channel').notNull().default(''),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.source, t.channel] }), index('funding_lines_year_district_idx').on(t.year, t.districtCode)],
);

export const fundingChecks = pgTable(
  'funding_checks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: uuid('project_id').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull().defaultNow(),
    accepted: boolean('accepted').notNull(),
    costFen: bigint('cost_fen', { mode: 'bigint' }).notNull(),
    fundedFen: bigint('funded_fen', { mode: 'bigint' }).notNull(),
    rulesUsed: jsonb('rules_used').$type<{ key: string; version: string; source: string }[]>().notNull(),
    violations: jsonb('violations').$type<unknown[]>().notNull(),
    byUserId: uuid('by_user_id'),
  },
  (t) => [index('funding_checks_project_idx').on(t.projectId, t.id)],
);

export const disbursements = pgTable(
  'disbursements',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    source: text('source', { enum: fundingSources }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    paidOn: date('paid_on').notNull(),
    payee: text('payee').notNull(),
    documentRef: text('document_ref').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('disbursements_project_idx').on(t.projectId, t.paidOn)],
);

export const amendments = pgTable(
  'funding_amendments',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    source: text('source', { enum: fundingSources }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('funding_amendments_project_idx').on(t.projectId)],
);

// Totals by year, district and source, kept by a row trigger on funding_lines
// in the same transaction (see the migration), so city summaries read a few
// dozen rows instead of adding up every project's lines on each request.
export const fundingTotals = pgTable(
  'funding_totals',
  {
    year: integer('year').notNull(),
    districtCode: text('district_code').notNull(),
    source: text('source', { enum: fundingSources }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
  },
  (t) => [primaryKey({ columns: [t.year, t.districtCode, t.source] })],
);
