// Governance shapes, from the generated API contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export const MANAGEMENT_MODES = ['professional_property', 'quasi_property', 'self_management'] as const satisfies readonly NonNullable<
  Governance['managementMode']
>[];
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];

export const DOCUMENT_KINDS = ['management_rules', 'meeting_rules', 'other'] as const satisfies readonly GovernanceDocument['kind'][];
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

export type PropertyCompany = ResponseOf<'/api/v1/property-companies'>['items'][number];
export type CompanyStatus = PropertyCompany['status'];

export type Governance = ResponseOf<'/api/v1/projects/{id}/governance'>;
export type OwnersCommittee = NonNullable<Governance['ownersCommittee']>;
export type GovernanceDocument = Governance['documents'][number];
export type GovernancePatch = BodyOf<'/api/v1/projects/{id}/governance', 'patch'>;

export interface CompanyFilters {
  q?: string;
  district?: string;
  status?: CompanyStatus;
}

export type NewCompany = BodyOf<'/api/v1/property-companies', 'post'>;

/** A ballot as GET /projects/{id}/ballots lists it. */
export type BallotSummary = ResponseOf<'/api/v1/projects/{id}/ballots'>['items'][number];
