// Shapes of the participation API (surveys, coverage, ballots): docs/api-projects.md and
// src/modules/participation/*.routes.ts.
export const SURVEY_KINDS = ['baseline', 'willingness', 'satisfaction', 'other'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

export interface SurveySummary {
  id: string;
  projectId: string;
  kind: SurveyKind;
  title: string;
  status: 'open' | 'closed';
  questions: number;
  responses: number;
  refused: number;
  openedAt: string;
  closedAt: string | null;
}

export interface QuestionOption {
  code: string;
  label: string;
  indicatorCode?: string;
}

export interface Question {
  id: string;
  type: 'single' | 'multiple' | 'scale' | 'text';
  text: string;
  required: boolean;
  options?: QuestionOption[];
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface QuestionResult {
  questionId: string;
  answered: number;
  options?: { code: string; count: number }[];
  values?: { value: number; count: number }[];
}

export interface SurveyDetail extends Omit<SurveySummary, 'questions'> {
  questions: Question[];
  results?: QuestionResult[];
}

export interface NewSurvey {
  kind: SurveyKind;
  title: string;
  questions: Question[];
}

export interface NotReachedHousehold {
  householdId: string;
  building: string;
  unit: string;
  room: string;
}

export interface Coverage {
  total: number;
  reached: number;
  refused: number;
  byBuilding: { building: string; unit: string; total: number; reached: number }[];
  notReached: NotReachedHousehold[];
}

export type Answer = string | string[] | number;

export interface SurveyResponseInput {
  householdId: string;
  answers: Record<string, Answer>;
  channel: 'paper' | 'refused';
  evidence?: { sheetNo?: string; scanRef?: string };
}

export interface SurveyResponseAnswer {
  householdId: string;
  channel: 'online' | 'paper' | 'refused';
  replaced: boolean;
  enteredAt: string;
}

export const BALLOT_KINDS = ['renovation_consent', 'plan_approval', 'management_mode', 'other'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];
export const REVOTE_POLICIES = ['last_counts', 'none'] as const;
export type RevotePolicy = (typeof REVOTE_POLICIES)[number];
export const VOTE_CHOICES = ['agree', 'disagree', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export interface NewBallot {
  kind: BallotKind;
  title: string;
  closesAt: string;
  revote: RevotePolicy;
  /** Required for `management_mode` (the mode proposed: one of MANAGEMENT_MODES); free text otherwise. */
  proposal?: string;
}

export const MANAGEMENT_MODES = ['professional_property', 'quasi_property', 'self_management'] as const;

export interface OpenedBallot {
  id: string;
  electorateHash: string;
  eligible: number;
}

/**
 * A ballot this browser knows of. The API has no "list a project's ballots" call, so the tab
 * remembers the ballots opened (or looked up by id) here; kind and title are known only for those
 * opened in this browser.
 */
export interface KnownBallot {
  id: string;
  kind?: BallotKind;
  title?: string;
  closesAt?: string;
  revote?: RevotePolicy;
  proposal?: string | null;
  electorateHash?: string;
  eligible?: number;
}

export interface ClosedTally {
  status: 'closed';
  eligible: number;
  agree: number;
  disagree: number;
  abstain: number;
  notVoted: number;
  passed: boolean;
  rule: { key: string; numerator: number; denominator: number; version: string };
}

export type Tally = { status: 'open'; turnout: number } | ClosedTally;

export interface Verification {
  ok: boolean;
  brokenAt?: number;
  chainHead: string | null;
  publishedHead: string | null;
  length: number;
  electorateHash: string;
  electorateOk: boolean;
  tallyOk?: boolean;
  keyId: string;
  signedLinks: number;
  /** The first position whose signature is missing or does not check against the key. */
  forgedAt?: number;
  anchor: { status: 'matched' | 'mismatch' | 'missing' | 'none'; head?: string; at?: string };
  reasons: string[];
}

export type PaperVoteStatus = 'counted' | 'pending_second_keying' | 'mismatch';

export interface PaperVoteInput {
  householdId: string;
  choice: VoteChoice;
  channel: 'paper';
  evidence: { sheetNo: string; scanRef?: string };
}

export interface ReconcileInput {
  householdId: string;
  sheetNo: string;
  choice: VoteChoice;
}

export type PaperSheetStatus = 'pending_second_keying' | 'mismatch' | 'counted' | 'reconciled';

/** A paper sheet as GET /ballots/{id}/paper lists it (never the choices keyed). */
export interface PaperSheet {
  householdId: string;
  sheetNo: string;
  scanRefs: string[];
  keyings: number;
  lastKeyedAt: string;
}

export interface VoteAnswer {
  receipt: string | null;
  status: PaperVoteStatus;
}
