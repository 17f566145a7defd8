// Evaluation shapes as the API returns them (src/modules/evaluation/*.routes.ts): the annual
// district assessment, third-party evaluation and the selection of exemplary cases.
export interface RuleRef {
  key: string;
  version: string;
}

export type Basis = 'computed' | 'proxy' | 'entered';

export interface IndicatorResult {
  code: string;
  weight: number;
  value: string | null;
  score: string;
  scoreExact: string;
  numerator: number | null;
  denominator: number | null;
  provenance: {
    projectIds: string[];
    numeratorProjectIds?: string[];
    rules: RuleRef[];
    basis: Basis;
    note?: string;
    relativeTo?: string | null;
    tier?: { minPercent: number; scoreShare: string } | null;
    entered?: { by: string; evidence: string };
  };
}

export interface BonusEntry {
  ground: string;
  points: string;
  reason: string;
  by: string;
}

export interface DistrictAssessment {
  districtCode: string;
  name: string;
  score: string;
  scoreExact: string;
  rank: number;
  indicators: IndicatorResult[];
  bonus: BonusEntry[];
  bonusTotal: string;
}

export interface Assessment {
  year: number;
  cityCode: string;
  schemeVersion: string;
  scheme: { name: string; version: string };
  status: 'draft' | 'published';
  publishedAt: string | null;
  rules: RuleRef[];
  districts: DistrictAssessment[];
}

export interface IndicatorEntry {
  districtCode: string;
  code: string;
  score: string;
  evidence: string;
}

export interface BonusInput {
  districtCode: string;
  ground: string;
  points: string;
  reason: string;
}

/** The scheme as published in the policy rule `assessment.scheme` (names of indicators and bonus grounds). */
export interface Scheme {
  version: string;
  aspects: {
    code: string;
    name: string;
    name_en?: string;
    indicators: { code: string; name: string; name_en?: string; weight: number }[];
  }[];
  bonus: { cap: number; grounds: { code: string; name: string; name_en?: string }[] };
}

export const INSTITUTION_KINDS = ['evaluation_agency', 'consultancy', 'university', 'other'] as const;
export const ENGAGEMENT_KINDS = ['risk_assessment', 'performance_evaluation'] as const;
export const ENGAGEMENT_STATUSES = ['planned', 'ongoing', 'reported'] as const;
export const ENGAGEMENT_STATUS_COLORS = { planned: 'default', ongoing: 'blue', reported: 'green' } as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const;
export const JUROR_KINDS = ['expert', 'npc_deputy', 'cppcc_member', 'resident_representative'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type JurorKind = (typeof JUROR_KINDS)[number];

export interface Institution {
  id: string;
  name: string;
  creditCode: string | null;
  kind: InstitutionKind;
  createdAt: string;
}

export interface Engagement {
  id: string;
  institution: { id: string; name: string; kind: InstitutionKind };
  kind: EngagementKind;
  title: string;
  subject: { kind: 'project' | 'division'; projectId: string | null; division: string };
  periodFrom: string;
  periodTo: string;
  status: EngagementStatus;
  createdAt: string;
}

export interface Report {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
}

export interface Finding {
  id: string;
  engagementId: string;
  text: string;
  severity: Severity;
  responsibleDivision: string;
  dueOn: string;
  status: 'open' | 'closed';
  closingNote: string | null;
  closedBy: string | null;
  closedAt: string | null;
  createdAt: string;
}

export interface EngagementDetail extends Engagement {
  reports: Report[];
  findings: Finding[];
}

export interface NewEngagement {
  institutionId: string;
  kind: EngagementKind;
  title: string;
  subject: { projectId: string } | { division: string };
  periodFrom: string;
  periodTo: string;
}

export interface NewFinding {
  text: string;
  severity: Severity;
  responsibleDivision: string;
  dueOn: string;
}

export interface SheetItem {
  code: string;
  name: string;
  maxPoints: number;
}

export interface Selection {
  id: string;
  year: number;
  title: string;
  sheet: SheetItem[];
  maxTotal: number;
  status: 'open' | 'awarded';
  createdAt: string;
}

export interface Nomination {
  id: string;
  projectId: string;
  projectName: string | null;
  districtCode: string;
  nominatedAt: string;
}

export interface Juror {
  id: string;
  name: string;
  kind: JurorKind;
  districtCode: string | null;
  linkedUser: boolean;
}

export interface Award {
  id: string;
  nominationId: string;
  projectId: string;
  rank: number;
  amountFen: number;
  awardedAt: string;
}

export interface SelectionDetail extends Selection {
  nominations: Nomination[];
  jurors: Juror[];
  awards: Award[];
}

export interface Mean {
  total: number;
  count: number;
  mean: string | null;
  fraction: string | null;
}

export interface RankingItem extends Nomination {
  rank: number;
  overall: Mean;
  byKind: Partial<Record<JurorKind, Mean>>;
}

export interface Ranking {
  selectionId: string;
  year: number;
  maxTotal: number;
  items: RankingItem[];
}

export interface NewJuror {
  name: string;
  kind: JurorKind;
  districtCode: string | null;
  username?: string | null;
}

export interface Satisfaction {
  projectId: string;
  surveyId: string | null;
  satisfied: number;
  answered: number;
  rate: string | null;
  tier: { index: number; minPercent: number } | null;
  rules: RuleRef[];
}
