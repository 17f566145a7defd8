// Evaluation calls (the district assessment, third-party evaluation with its sample surveys,
// exemplary cases) and their TanStack Query keys.
import { api, type QueryOf } from '../../api/client.ts';
import type { Page } from '../registry/index.ts';
import type {
  BonusInput,
  EngagementStatus,
  IndicatorEntry,
  NewEngagement,
  NewFinding,
  NewInstitution,
  NewJuror,
  NewSelection,
  Report,
} from './types.ts';
import type { NewSampleSurvey, SampleAnswer, SampledHousehold } from './sampleTypes.ts';

export const evaluationKeys = {
  assessment: (year: number) => ['assessment', year] as const,
  institutions: ['evaluation', 'institutions'] as const,
  engagements: ['evaluation', 'engagements'] as const,
  engagement: (id: string) => ['evaluation', 'engagements', id] as const,
  findings: (status: string | undefined) => ['evaluation', 'findings', status ?? null] as const,
  allFindings: ['evaluation', 'findings'] as const,
  selections: ['exemplary', 'selections'] as const,
  selection: (id: string) => ['exemplary', 'selections', id] as const,
  ranking: (id: string) => ['exemplary', 'ranking', id] as const,
  satisfaction: (projectId: string) => ['evaluation', 'satisfaction', projectId] as const,
  samples: ['evaluation', 'samples'] as const,
  sample: (id: string) => ['evaluation', 'samples', id] as const,
  sampleHouseholds: (id: string, filter: HouseholdFilter) => ['evaluation', 'samples', id, 'households', filter] as const,
};

type Paged = { limit: number; cursor?: string | null };
const page = <Q extends Paged>(q: Q) => ({ ...q, cursor: q.cursor ?? undefined });
const params = (id: string) => ({ params: { id } });

export const fetchAssessment = (year: number) => api.get('/api/v1/assessments/{year}', { params: { year } });

export const enterAssessment = (year: number, body: { indicators?: IndicatorEntry[]; bonus?: BonusInput[] }) =>
  api.put('/api/v1/assessments/{year}/entries', { params: { year }, body });

export const publishAssessment = (year: number) => api.post('/api/v1/assessments/{year}/publish', { params: { year } });

export const fetchInstitutions = (q: Paged & { q?: string }) => api.get('/api/v1/evaluation/institutions', { query: page(q) });

export const createInstitution = (body: NewInstitution) => api.post('/api/v1/evaluation/institutions', { body });

export const fetchEngagements = (q: Paged) => api.get('/api/v1/evaluation/engagements', { query: page(q) });

export const createEngagement = (body: NewEngagement) => api.post('/api/v1/evaluation/engagements', { body });

export const fetchEngagement = (id: string) => api.get('/api/v1/evaluation/engagements/{id}', params(id));

export const setEngagementStatus = (id: string, status: EngagementStatus) =>
  api.patch('/api/v1/evaluation/engagements/{id}', { ...params(id), body: { status } });

export async function uploadReport(engagementId: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post('/api/v1/evaluation/engagements/{id}/reports', { ...params(engagementId), body: form });
}

export const downloadReport = (report: Report) =>
  api.download('/api/v1/evaluation/reports/{id}/content', report.filename, params(report.id));

export const addFinding = (engagementId: string, body: NewFinding) =>
  api.post('/api/v1/evaluation/engagements/{id}/findings', { ...params(engagementId), body });

export const fetchFindings = (q: Paged & { status?: 'open' | 'closed' }) => api.get('/api/v1/evaluation/findings', { query: page(q) });

export const closeFinding = (id: string, note: string) =>
  api.post('/api/v1/evaluation/findings/{id}/close', { ...params(id), body: { note } });

export const fetchSelections = (q: Paged) => api.get('/api/v1/evaluation/selections', { query: page(q) });

export const createSelection = (body: NewSelection) => api.post('/api/v1/evaluation/selections', { body });

export const fetchSelection = (id: string) => api.get('/api/v1/evaluation/selections/{id}', params(id));

export const nominate = (selectionId: string, projectId: string) =>
  api.post('/api/v1/evaluation/selections/{id}/nominations', { ...params(selectionId), body: { projectId } });

export const addJuror = (selectionId: string, body: NewJuror) =>
  api.post('/api/v1/evaluation/selections/{id}/jurors', { ...params(selectionId), body });

export const scoreNomination = (nominationId: string, jurorId: string, points: Record<string, number>) =>
  api.put('/api/v1/evaluation/nominations/{id}/scores/{jurorId}', { params: { id: nominationId, jurorId }, body: { points } });

export const fetchRanking = (selectionId: string) => api.get('/api/v1/evaluation/selections/{id}/ranking', params(selectionId));

export const awardSelection = (selectionId: string, top: number, amountFen: number) =>
  api.post('/api/v1/evaluation/selections/{id}/awards', { ...params(selectionId), body: { top, amountFen } });

export const fetchSatisfaction = (projectId: string) => api.get('/api/v1/projects/{id}/satisfaction', params(projectId));

export const fetchSampleSurveys = (q: Paged) => api.get('/api/v1/sample-surveys', { query: page(q) });

export const drawSampleSurvey = (body: NewSampleSurvey) => api.post('/api/v1/sample-surveys', { body });

export const fetchSampleSurvey = (id: string) => api.get('/api/v1/sample-surveys/{id}', params(id));

export type HouseholdFilter = { districtCode?: string; answer?: NonNullable<QueryOf<'/api/v1/sample-surveys/{id}/households'>['answer']> };

/** The drawn households, each keyed by its household id so CursorTable can use them as rows. */
export async function fetchSampledHouseholds(id: string, q: Paged & HouseholdFilter): Promise<Page<SampledHousehold & { id: string }>> {
  const got = await api.get('/api/v1/sample-surveys/{id}/households', { ...params(id), query: page(q) });
  return { ...got, items: got.items.map((h) => ({ ...h, id: h.householdId })) };
}

export const answerSampledHousehold = (id: string, householdId: string, answer: SampleAnswer) =>
  api.put('/api/v1/sample-surveys/{id}/households/{householdId}', { params: { id, householdId }, body: { answer } });

export const closeSampleSurvey = (id: string) => api.post('/api/v1/sample-surveys/{id}/close', params(id));

/** The evaluator accounts of an institution (each answers only this institution's sample surveys). */
export const institutionMembersKey = (id: string) => ['evaluation', 'institutions', id, 'members'] as const;
export const fetchInstitutionMembers = (id: string) => api.get('/api/v1/evaluation/institutions/{id}/members', params(id));
export type InstitutionMember = Awaited<ReturnType<typeof fetchInstitutionMembers>>['items'][number];
export const addInstitutionMember = (id: string, username: string) =>
  api.post('/api/v1/evaluation/institutions/{id}/members', { ...params(id), body: { username } });
export const removeInstitutionMember = (id: string, userId: string) =>
  api.delete('/api/v1/evaluation/institutions/{id}/members/{userId}', { params: { id, userId } });
