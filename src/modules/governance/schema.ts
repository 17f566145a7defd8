// Governance after renovation (R12, R14): the compound's tripartite governance
// (party organisation, owners' committee, property company), the management
// mode the owners adopted by ballot, and the rules documents they agreed.
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const managementModes = ['professional_property', 'quasi_property', 'self_management'] as const;
export type ManagementMode = (typeof managementModes)[number];
export const governanceDocumentKinds = ['management_rules', 'meeting_rules', 'other'] as const;

/** The register of property service companies a compound may engage. */
export const propertyCompanies = pgTable(
  'property_companies',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    // 统一社会信用代码: 18 characters with a check character (GB 32100-2015).
    creditCode: text('credit_code').notNull(),
    districtCode: text('district_code').notNull(),
    qualification: text('qualification'),
    status: text('status', { enum: ['active', 'suspended'] })
      .notNull()
      .default('active'),
    registeredBy: uuid('registered_by'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('property_companies_credit_code_uq').on(t.creditCode),
    index('property_companies_district_idx').on(t.districtCode, t.name),
  ],
);

export interface OwnersCommittee {
  name: string;
  electedOn: string;
  members: number;
}

export const projectGovernance = pgTable('project_governance', {
  projectId: uuid('project_id').primaryKey(),
  partyOrganisation: text('party_organisation'),
  partyServiceStation: text('party_service_station'),
  ownersCommittee: jsonb('owners_committee').$type<OwnersCommittee>(),
  propertyCompanyId: uuid('property_company_id').references(() => propertyCompanies.id),
  managementMode: text('management_mode', { enum: managementModes }),
  // The passed management_mode ballot the mode was adopted by.
  managementModeBallotId: uuid('management_mode_ballot_id'),
  managementModeAdoptedOn: date('management_mode_adopted_on'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const governanceDocuments = pgTable(
  'governance_documents',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id').notNull(),
    kind: text('kind', { enum: governanceDocumentKinds }).notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('governance_documents_project_idx').on(t.projectId, t.kind)],
);
