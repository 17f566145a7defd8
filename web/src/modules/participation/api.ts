// Participation calls (surveys, coverage, ballots) and their TanStack Query keys.
import { api } from '../../api/client.ts';
import type { NewBallot, NewSurvey, PaperSheetStatus, PaperVoteInput, ReconcileInput, SurveyResponseInput } from './types.ts';

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

const params = (id: string) => ({ params: { id } });

export const fetchSurveys = (projectId: string) => api.get('/api/v1/projects/{id}/surveys', params(projectId)).then((r) => r.items);

export const fetchSurvey = (id: string) => api.get('/api/v1/surveys/{id}', params(id));

export const openSurvey = (projectId: string, body: NewSurvey) => api.post('/api/v1/projects/{id}/surveys', { ...params(projectId), body });

export const closeSurvey = (id: string) => api.post('/api/v1/surveys/{id}/close', params(id));

export const fetchCoverage = (id: string) => api.get('/api/v1/surveys/{id}/coverage', params(id));

export const postSurveyResponse = (id: string, body: SurveyResponseInput) =>
  api.post('/api/v1/surveys/{id}/responses', { ...params(id), body });

export const openBallot = (projectId: string, body: NewBallot) => api.post('/api/v1/projects/{id}/ballots', { ...params(projectId), body });

export const fetchProjectBallots = (projectId: string) => api.get('/api/v1/projects/{id}/ballots', params(projectId));

export const fetchTally = (id: string) => api.get('/api/v1/ballots/{id}/tally', params(id));

export const closeBallot = (id: string) => api.post('/api/v1/ballots/{id}/close', params(id));

export const fetchVerification = (id: string) => api.get('/api/v1/ballots/{id}/verification', params(id));

/** Keys a paper sheet; the Idempotency-Key makes a retried request answer what the first answered. */
export const postPaperVote = (id: string, body: PaperVoteInput, idempotencyKey: string) =>
  api.post('/api/v1/ballots/{id}/votes', { ...params(id), body, headers: { 'Idempotency-Key': idempotencyKey } });

/** The ballot's paper sheets in one status (mismatch: keyed differently twice, to reconcile). */
export const fetchPaperSheets = (id: string, status: PaperSheetStatus) =>
  api.get('/api/v1/ballots/{id}/paper', { ...params(id), query: { status } }).then((r) => r.items);

/** An officer records the choice read from the scan of a sheet whose two keyings differ; it then counts. */
export const reconcilePaper = (id: string, body: ReconcileInput) =>
  api.post('/api/v1/ballots/{id}/paper/reconcile', { ...params(id), body });
