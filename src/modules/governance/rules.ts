// Plain rules of governance, testable without a database.
import type { ManagementMode, OwnersCommittee } from './schema.ts';

export { creditCheckChar, validCreditCode } from '../../platform/credit-code.ts';

export interface GovernanceFacts {
  partyOrganisation: string | null;
  partyServiceStation: string | null;
  ownersCommittee: OwnersCommittee | null;
  propertyCompany: { status: 'active' | 'suspended' } | null;
  managementMode: ManagementMode | null;
  /** Whether the ballot the mode was adopted by is closed and passed (checked again at the gate). */
  modeBallotPassed: boolean;
  documentKinds: string[];
}

/**
 * What the compound's governance still lacks before the project is handed over.
 * Tripartite governance is the party organisation, the owners' committee and the
 * property service; a compound whose owners chose self-management by ballot has no
 * property company to engage, so only then is one not required.
 */
export function governanceGaps(f: GovernanceFacts): string[] {
  const gaps: string[] = [];
  if (!f.partyOrganisation) gaps.push('party_organisation');
  if (!f.partyServiceStation) gaps.push('party_service_station');
  if (!f.ownersCommittee) gaps.push('owners_committee');
  if (!f.managementMode || !f.modeBallotPassed) gaps.push('management_mode');
  if (f.managementMode !== 'self_management' && f.propertyCompany?.status !== 'active') gaps.push('property_company');
  if (!f.documentKinds.includes('management_rules')) gaps.push('management_rules');
  if (!f.documentKinds.includes('meeting_rules')) gaps.push('meeting_rules');
  return gaps;
}

export const gapWords: Record<string, string> = {
  party_organisation: "the compound's party organisation",
  party_service_station: 'a party service station',
  owners_committee: "an elected owners' committee",
  management_mode: 'a management mode adopted by a passed management_mode ballot',
  property_company: 'an active property company from the register',
  management_rules: 'the management rules document (管理规约)',
  meeting_rules: 'the meeting rules document (议事规则)',
};
