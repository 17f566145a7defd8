// Calls of the residents' mobile web and their TanStack Query keys.
import { api } from '../../app/api.ts';
import type { LoginResponse } from '../accounts/types.ts';
import type { SurveyDetail, SurveyResponseAnswer, Answer, Tally, VoteChoice } from '../participation/types.ts';
import type { BallotDetail, MyParticipation, OnlineVoteAnswer, PublishedReceipts } from './types.ts';

export const residentKeys = {
  codeEnabled: ['resident', 'code-enabled'] as const,
  mine: ['resident', 'participation'] as const,
  survey: (id: string) => ['resident', 'survey', id] as const,
  ballot: (id: string) => ['resident', 'ballot', id] as const,
  tally: (id: string) => ['resident', 'tally', id] as const,
  receipts: (id: string) => ['resident', 'receipts', id] as const,
};

export const fetchCodeEnabled = () => api<{ enabled: boolean }>('/auth/code', { allowUnauthorized: true });

export const requestCode = (phone: string) =>
  api<{ expiresInSeconds: number }>('/auth/code', { method: 'POST', body: { phone }, allowUnauthorized: true });

export const loginByCode = (phone: string, code: string) =>
  api<LoginResponse>('/auth/code/login', { method: 'POST', body: { phone, code }, allowUnauthorized: true });

export const fetchMine = () => api<MyParticipation>('/me/participation');

const s = (id: string) => `/surveys/${encodeURIComponent(id)}`;
const b = (id: string) => `/ballots/${encodeURIComponent(id)}`;

export const fetchSurvey = (id: string) => api<SurveyDetail>(s(id));

export const answerSurvey = (id: string, householdId: string, answers: Record<string, Answer>) =>
  api<SurveyResponseAnswer>(`${s(id)}/responses`, { method: 'POST', body: { householdId, answers, channel: 'online' } });

export const fetchBallot = (id: string) => api<BallotDetail>(b(id));

export const fetchTally = (id: string) => api<Tally>(`${b(id)}/tally`);

export const fetchReceipts = (id: string) => api<PublishedReceipts>(`${b(id)}/receipts`);

/** An online vote; the Idempotency-Key is made once per attempt and reused when the same attempt is retried. */
export const castVote = (id: string, householdId: string, choice: VoteChoice, idempotencyKey: string) =>
  api<OnlineVoteAnswer>(`${b(id)}/votes`, {
    method: 'POST',
    body: { householdId, choice, channel: 'online' },
    headers: { 'Idempotency-Key': idempotencyKey },
  });

export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
