// Calls of the residents' mobile web and their TanStack Query keys.
import { api } from '../../api/client.ts';
import type { Answer, VoteChoice } from '../participation/index.ts';

export const residentKeys = {
  codeEnabled: ['resident', 'code-enabled'] as const,
  mine: ['resident', 'participation'] as const,
  survey: (id: string) => ['resident', 'survey', id] as const,
  ballot: (id: string) => ['resident', 'ballot', id] as const,
  tally: (id: string) => ['resident', 'tally', id] as const,
  receipts: (id: string) => ['resident', 'receipts', id] as const,
};

export const fetchCodeEnabled = () => api.get('/api/v1/auth/code', { allowUnauthorized: true });

export const requestCode = (phone: string) => api.post('/api/v1/auth/code', { body: { phone }, allowUnauthorized: true });

export const loginByCode = (phone: string, code: string) =>
  api.post('/api/v1/auth/code/login', { body: { phone, code }, allowUnauthorized: true });

export const fetchMine = () => api.get('/api/v1/me/participation');

const params = (id: string) => ({ params: { id } });

export const fetchSurvey = (id: string) => api.get('/api/v1/surveys/{id}', params(id));

export const answerSurvey = (id: string, householdId: string, answers: Record<string, Answer>) =>
  api.post('/api/v1/surveys/{id}/responses', { ...params(id), body: { householdId, answers, channel: 'online' } });

export const fetchBallot = (id: string) => api.get('/api/v1/ballots/{id}', params(id));

export const fetchTally = (id: string) => api.get('/api/v1/ballots/{id}/tally', params(id));

export const fetchReceipts = (id: string) => api.get('/api/v1/ballots/{id}/receipts', params(id));

/** An online vote; the Idempotency-Key is made once per attempt and reused when the same attempt is retried. */
export const castVote = (id: string, householdId: string, choice: VoteChoice, idempotencyKey: string) =>
  api.post('/api/v1/ballots/{id}/votes', {
    ...params(id),
    body: { householdId, choice, channel: 'online' },
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
