// Funding shapes, from the generated API contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export const FUNDING_SOURCES = [
  'central_subsidy',
  'central_budget_investment',
  'special_bond',
  'city_subsidy',
  'district_subsidy',
  'pipeline_utility',
  'resident',
  'social_capital',
] as const satisfies readonly FundingLine['source'][];
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const RESIDENT_CHANNELS = ['housing_maintenance_fund', 'common_revenue', 'personal_donation'] as const;
export type ResidentChannel = (typeof RESIDENT_CHANNELS)[number];

export type Funding = ResponseOf<'/api/v1/projects/{id}/funding'>;
export type FundingLine = BodyOf<'/api/v1/projects/{id}/funding', 'put'>['lines'][number];
export type Violation = Funding['check']['violations'][number];
export type Disbursement = Funding['disbursements'][number];
export type NewDisbursement = BodyOf<'/api/v1/projects/{id}/disbursements', 'post'>;
export type Amendment = Funding['amendments'][number];
export type NewAmendment = BodyOf<'/api/v1/projects/{id}/amendments', 'post'>;
