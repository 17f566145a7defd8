// Shapes of the governance API: src/modules/governance/governance.routes.ts.
export const MANAGEMENT_MODES = ['professional_property', 'quasi_property', 'self_management'] as const;
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];

export const DOCUMENT_KINDS = ['management_rules', 'meeting_rules', 'other'] as const;
export type GovernanceDocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Every gap the server may report, in the order the checklist shows them. */
export const GAP_CODES = [
  'party_organisation',
  'party_service_station',
  'owners_committee',
  'management_mode',
  'property_company',
  'management_rules',
  'meeting_rules',
] as const;
export type GapCode = (typeof GAP_CODES)[number];

export type CompanyStatus = 'active' | 'suspended';

export interface PropertyCompany {
  id: string;
  name: string;
  creditCode: string;
  districtCode: string;
  qualification: string | null;
  status: CompanyStatus;
  registeredAt: string;
}

export interface OwnersCommittee {
  name: string;
  electedOn: string;
  members: number;
}

export interface GovernanceDocument {
  id: string;
  kind: GovernanceDocumentKind;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Governance {
  projectId: string;
  partyOrganisation: string | null;
  partyServiceStation: string | null;
  ownersCommittee: OwnersCommittee | null;
  propertyCompany: PropertyCompany | null;
  managementMode: ManagementMode | null;
  managementModeBallotId: string | null;
  managementModeAdoptedOn: string | null;
  documents: GovernanceDocument[];
  gaps: string[];
  updatedAt: string | null;
}

export interface GovernancePatch {
  partyOrganisation?: string | null;
  partyServiceStation?: string | null;
  ownersCommittee?: OwnersCommittee | null;
  propertyCompanyId?: string | null;
  managementModeBallotId?: string | null;
}

export interface CompanyFilters {
  q?: string;
  district?: string;
  status?: CompanyStatus;
}

export interface NewCompany {
  name: string;
  creditCode: string;
  districtCode: string;
  qualification?: string | null;
}

/** A ballot as GET /projects/{id}/ballots lists it. */
export interface BallotSummary {
  id: string;
  kind: string;
  title: string;
  proposal: string | null;
  status: string;
  closesAt: string;
  closedAt: string | null;
}
