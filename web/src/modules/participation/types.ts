// Shapes of the participation API (surveys, coverage, ballots), from the generated contract
// (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export const SURVEY_KINDS = ['baseline', 'willingness', 'satisfaction', 'other'] as const satisfies readonly SurveySummary['kind'][];
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export type SurveySummary = ResponseOf<'/api/v1/projects/{id}/surveys'>['items'][number];
export type SurveyDetail = ResponseOf<'/api/v1/surveys/{id}'>;
export type Question = SurveyDetail['questions'][number];
export type QuestionOption = NonNullable<Question['options']>[number];
export type QuestionResult = NonNullable<SurveyDetail['results']>[number];
export type NewSurvey = BodyOf<'/api/v1/projects/{id}/surveys', 'post'>;

export type Coverage = ResponseOf<'/api/v1/surveys/{id}/coverage'>;
export type NotReachedHousehold = Coverage['notReached'][number];

export type Answer = string | string[] | number;

export type SurveyResponseInput = BodyOf<'/api/v1/surveys/{id}/responses', 'post'>;
export type SurveyResponseAnswer = ResponseOf<'/api/v1/surveys/{id}/responses', 'post'>;

export const BALLOT_KINDS = [
  'renovation_consent',
  'plan_approval',
  'management_mode',
  'other',
] as const satisfies readonly NewBallot['kind'][];
export type BallotKind = (typeof BALLOT_KINDS)[number];
export const REVOTE_POLICIES = ['last_counts', 'none'] as const satisfies readonly NewBallot['revote'][];
export type RevotePolicy = (typeof REVOTE_POLICIES)[number];
export const VOTE_CHOICES = ['agree', 'disagree', 'abstain'] as const satisfies readonly VoteInput['choice'][];
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export type NewBallot = BodyOf<'/api/v1/projects/{id}/ballots', 'post'>;

export const MANAGEMENT_MODES = ['professional_property', 'quasi_property', 'self_management'] as const;

export type OpenedBallot = ResponseOf<'/api/v1/projects/{id}/ballots', 'post'>;

/** A ballot of the project, as GET /projects/{id}/ballots lists it. */
export type KnownBallot = ResponseOf<'/api/v1/projects/{id}/ballots'>['items'][number];

export type Tally = ResponseOf<'/api/v1/ballots/{id}/tally'>;
export type ClosedTally = ResponseOf<'/api/v1/ballots/{id}/close', 'post'>;

export type Verification = ResponseOf<'/api/v1/ballots/{id}/verification'>;

type VoteInput = BodyOf<'/api/v1/ballots/{id}/votes', 'post'>;
export type VoteAnswer = ResponseOf<'/api/v1/ballots/{id}/votes', 'post'>;
export type PaperVoteStatus = VoteAnswer['status'];

/** A paper keying: the vote call's body on the paper channel, with its sheet number. */
export type PaperVoteInput = BodyOf<'/api/v1/ballots/{id}/votes', 'post'> & {
  channel: 'paper';
  evidence: { sheetNo: string; scanRef?: string };
};

export type ReconcileInput = BodyOf<'/api/v1/ballots/{id}/paper/reconcile', 'post'>;

export type PaperSheetStatus = 'pending_second_keying' | 'mismatch' | 'counted' | 'reconciled';

/** A paper sheet as GET /ballots/{id}/paper lists it (never the choices keyed). */
export type PaperSheet = ResponseOf<'/api/v1/ballots/{id}/paper'>['items'][number];
