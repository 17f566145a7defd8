// Evaluation shapes (the annual district assessment, third-party evaluation and the selection of exemplary
// cases), from the generated API contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export type Assessment = ResponseOf<'/api/v1/assessments/{year}'>;
export type RuleRef = Assessment['rules'][number];
export type DistrictAssessment = Assessment['districts'][number];
export type IndicatorResult = DistrictAssessment['indicators'][number];
export type Basis = IndicatorResult['provenance']['basis'];
export type BonusEntry = DistrictAssessment['bonus'][number];
type AssessmentEntries = BodyOf<'/api/v1/assessments/{year}/entries', 'put'>;
export type IndicatorEntry = NonNullable<AssessmentEntries['indicators']>[number];
export type BonusInput = NonNullable<AssessmentEntries['bonus']>[number];

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

export const INSTITUTION_KINDS = [
  'evaluation_agency',
  'consultancy',
  'university',
  'other',
] as const satisfies readonly Institution['kind'][];
export const ENGAGEMENT_KINDS = ['risk_assessment', 'performance_evaluation'] as const satisfies readonly Engagement['kind'][];
export const ENGAGEMENT_STATUSES = ['planned', 'ongoing', 'reported'] as const satisfies readonly Engagement['status'][];
export const ENGAGEMENT_STATUS_COLORS = { planned: 'default', ongoing: 'blue', reported: 'green' } as const;
export const SEVERITIES = ['low', 'medium', 'high'] as const satisfies readonly Finding['severity'][];
export const JUROR_KINDS = ['expert', 'npc_deputy', 'cppcc_member', 'resident_representative'] as const satisfies readonly Juror['kind'][];
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type JurorKind = (typeof JUROR_KINDS)[number];

export type Institution = ResponseOf<'/api/v1/evaluation/institutions'>['items'][number];
export type NewInstitution = BodyOf<'/api/v1/evaluation/institutions', 'post'>;
export type Engagement = ResponseOf<'/api/v1/evaluation/engagements'>['items'][number];
export type EngagementDetail = ResponseOf<'/api/v1/evaluation/engagements/{id}'>;
export type Report = EngagementDetail['reports'][number];
export type Finding = EngagementDetail['findings'][number];
export type NewEngagement = BodyOf<'/api/v1/evaluation/engagements', 'post'>;
export type NewFinding = BodyOf<'/api/v1/evaluation/engagements/{id}/findings', 'post'>;

export type Selection = ResponseOf<'/api/v1/evaluation/selections'>['items'][number];
export type SheetItem = Selection['sheet'][number];
export type NewSelection = BodyOf<'/api/v1/evaluation/selections', 'post'>;
export type SelectionDetail = ResponseOf<'/api/v1/evaluation/selections/{id}'>;
export type Nomination = SelectionDetail['nominations'][number];
export type Juror = SelectionDetail['jurors'][number];
export type Award = SelectionDetail['awards'][number];
export type NewJuror = BodyOf<'/api/v1/evaluation/selections/{id}/jurors', 'post'>;

export type Ranking = ResponseOf<'/api/v1/evaluation/selections/{id}/ranking'>;
export type RankingItem = Ranking['items'][number];
export type Mean = RankingItem['overall'];

export type Satisfaction = ResponseOf<'/api/v1/projects/{id}/satisfaction'>;
