// Participation calls (surveys, coverage, ballots) and their TanStack Query keys.
import { api } from '../../app/api.ts';
import type {
  ClosedTally,
  Coverage,
  NewBallot,
  NewSurvey,
  ReconcileInput,
  OpenedBallot,
  PaperSheet,
  PaperSheetStatus,
  PaperVoteInput,
  SurveyDetail,
  SurveyResponseAnswer,
  SurveyResponseInput,
  SurveySummary,
  Tally,
  Verification,
  KnownBallot,
  VoteAnswer,
} from './types.ts';

export const participationKeys = {
  all: ['participation'] as const,
  surveys: (projectId: string) => ['participation', 'surveys', projectId] as const,
  survey: (id: string) => ['participation', 'survey', id] as const,
  coverage: (id: string) => ['participation', 'coverage', id] as const,
  tally: (id: string) => ['participation', 'tally', id] as const,
  verification: (id: string) => ['participation', 'verification', id] as const,
  ballots: (projectId: string) => ['participation', 'ballots', projectId] as const,
  paper: (ballotId: string, status: PaperSheetStatus) => ['participation', 'paper', ballotId, status] as const,
};

const s = (id: string) => `/surveys/${encodeURIComponent(id)}`;
const b = (id: string) => `/ballots/${encodeURIComponent(id)}`;

export const fetchSurveys = (projectId: string) =>
  api<{ items: SurveySummary[] }>(`/projects/${encodeURIComponent(projectId)}/surveys`).then((r) => r.items);

export const fetchSurvey = (id: string) => api<SurveyDetail>(s(id));

export const openSurvey = (projectId: string, body: NewSurvey) =>
  api<{ id: string }>(`/projects/${encodeURIComponent(projectId)}/surveys`, { method: 'POST', body });

export const closeSurvey = (id: string) => api<SurveySummary>(`${s(id)}/close`, { method: 'POST' });

export const fetchCoverage = (id: string) => api<Coverage>(`${s(id)}/coverage`);

export const postSurveyResponse = (id: string, body: SurveyResponseInput) =>
  api<SurveyResponseAnswer>(`${s(id)}/responses`, { method: 'POST', body });

export const openBallot = (projectId: string, body: NewBallot) =>
  api<OpenedBallot>(`/projects/${encodeURIComponent(projectId)}/ballots`, { method: 'POST', body });

export const fetchProjectBallots = (projectId: string) =>
  api<{ items: KnownBallot[] }>(`/projects/${encodeURIComponent(projectId)}/ballots`);

export const fetchTally = (id: string) => api<Tally>(`${b(id)}/tally`);

export const closeBallot = (id: string) => api<ClosedTally>(`${b(id)}/close`, { method: 'POST' });

export const fetchVerification = (id: string) => api<Verification>(`${b(id)}/verification`);

/** Keys a paper sheet; the Idempotency-Key makes a retried request answer what the first answered. */
export const postPaperVote = (id: string, body: PaperVoteInput, idempotencyKey: string) =>
  api<VoteAnswer>(`${b(id)}/votes`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } });

/** The ballot's paper sheets in one status (mismatch: keyed differently twice, to reconcile). */
export const fetchPaperSheets = (id: string, status: PaperSheetStatus) =>
  api<{ items: PaperSheet[] }>(`${b(id)}/paper?status=${status}`).then((r) => r.items);

/** An officer records the choice read from the scan of a sheet whose two keyings differ; it then counts. */
export const reconcilePaper = (id: string, body: ReconcileInput) => api<VoteAnswer>(`${b(id)}/paper/reconcile`, { method: 'POST', body });
