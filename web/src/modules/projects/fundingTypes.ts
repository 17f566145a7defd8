// Funding shapes (docs/api-projects.md, "Funding").
export const FUNDING_SOURCES = [
  'central_subsidy',
  'central_budget_investment',
  'special_bond',
  'city_subsidy',
  'district_subsidy',
  'pipeline_utility',
  'resident',
  'social_capital',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const RESIDENT_CHANNELS = ['housing_maintenance_fund', 'common_revenue', 'personal_donation'] as const;
export type ResidentChannel = (typeof RESIDENT_CHANNELS)[number];

export interface FundingLine {
  source: FundingSource | string;
  channel?: ResidentChannel | string | null;
  amountFen: number;
}

export interface Violation {
  rule: string;
  value: unknown;
  unit?: string | null;
  version: string;
  source: string;
  limitFen: number;
  actualFen: number;
  /** A stable code for the broken rule (funding.subsidy_cap_exceeded, …). */
  code?: string;
  /** The rule's name and value, and the violation explained, in the interface's language. */
  name?: string;
  valueText?: string;
  message?: string;
}

export interface Disbursement {
  id?: string;
  date: string;
  source: string;
  amountFen: number;
  payee: string;
  documentRef: string;
  createdAt?: string;
}

export interface Amendment {
  id?: string;
  source: string;
  amountFen: number;
  reason: string;
  at?: string;
}

export interface Funding {
  lines: FundingLine[];
  check: {
    ok: boolean;
    costFen: number;
    fundedFen: number;
    shortfallFen: number;
    violations: Violation[];
    rulesUsed: { key: string; name?: string; version: string; source: string }[];
  };
  bySource: { source: string; plannedFen: number; amendedFen: number; disbursedFen: number }[];
  disbursements: Disbursement[];
  amendments: Amendment[];
}
