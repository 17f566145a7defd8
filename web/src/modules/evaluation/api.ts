// Evaluation calls (the district assessment, third-party evaluation with its sample surveys,
// exemplary cases) and their TanStack Query keys.
import { api, apiFetch, downloadFile, toQuery } from '../../app/api.ts';
import type { Page } from '../registry/types.ts';
import type {
  Assessment,
  BonusInput,
  EngagementDetail,
  Engagement,
  EngagementStatus,
  Finding,
  IndicatorEntry,
  Institution,
  InstitutionKind,
  Juror,
  NewEngagement,
  NewFinding,
  NewJuror,
  Nomination,
  Ranking,
  Report,
  Satisfaction,
  Selection,
  SelectionDetail,
  SheetItem,
} from './types.ts';
import type { NewSampleSurvey, SampleAnswer, SampledHousehold, SampleSurvey, SampleSurveyDetail } from './sampleTypes.ts';

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

const enc = encodeURIComponent;
type Paged = { limit: number; cursor?: string | null };

export const fetchAssessment = (year: number) => api<Assessment>(`/assessments/${year}`);

export const enterAssessment = (year: number, body: { indicators?: IndicatorEntry[]; bonus?: BonusInput[] }) =>
  api<Assessment>(`/assessments/${year}/entries`, { method: 'PUT', body });

export const publishAssessment = (year: number) => api<Assessment>(`/assessments/${year}/publish`, { method: 'POST' });

export const fetchInstitutions = (q: Paged & { q?: string }) => api<Page<Institution>>(`/evaluation/institutions${toQuery(q)}`);

export const createInstitution = (body: { name: string; creditCode?: string | null; kind: InstitutionKind }) =>
  api<Institution>('/evaluation/institutions', { method: 'POST', body });

export const fetchEngagements = (q: Paged) => api<Page<Engagement>>(`/evaluation/engagements${toQuery(q)}`);

export const createEngagement = (body: NewEngagement) => api<Engagement>('/evaluation/engagements', { method: 'POST', body });

export const fetchEngagement = (id: string) => api<EngagementDetail>(`/evaluation/engagements/${enc(id)}`);

export const setEngagementStatus = (id: string, status: EngagementStatus) =>
  api<EngagementDetail>(`/evaluation/engagements/${enc(id)}`, { method: 'PATCH', body: { status } });

export async function uploadReport(engagementId: string, file: File): Promise<Report> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await apiFetch(`/evaluation/engagements/${enc(engagementId)}/reports`, { method: 'POST', body: form });
  return (await res.json()) as Report;
}

export const downloadReport = (report: Report) => downloadFile(`/evaluation/reports/${enc(report.id)}/content`, report.filename);

export const addFinding = (engagementId: string, body: NewFinding) =>
  api<Finding>(`/evaluation/engagements/${enc(engagementId)}/findings`, { method: 'POST', body });

export const fetchFindings = (q: Paged & { status?: 'open' | 'closed' }) => api<Page<Finding>>(`/evaluation/findings${toQuery(q)}`);

export const closeFinding = (id: string, note: string) =>
  api<Finding>(`/evaluation/findings/${enc(id)}/close`, { method: 'POST', body: { note } });

export const fetchSelections = (q: Paged) => api<Page<Selection>>(`/evaluation/selections${toQuery(q)}`);

export const createSelection = (body: { year: number; title: string; sheet?: SheetItem[] | null }) =>
  api<Selection>('/evaluation/selections', { method: 'POST', body });

export const fetchSelection = (id: string) => api<SelectionDetail>(`/evaluation/selections/${enc(id)}`);

export const nominate = (selectionId: string, projectId: string) =>
  api<Nomination>(`/evaluation/selections/${enc(selectionId)}/nominations`, { method: 'POST', body: { projectId } });

export const addJuror = (selectionId: string, body: NewJuror) =>
  api<Juror>(`/evaluation/selections/${enc(selectionId)}/jurors`, { method: 'POST', body });

export const scoreNomination = (nominationId: string, jurorId: string, points: Record<string, number>) =>
  api<{ nominationId: string; jurorId: string; points: Record<string, number>; total: number }>(
    `/evaluation/nominations/${enc(nominationId)}/scores/${enc(jurorId)}`,
    { method: 'PUT', body: { points } },
  );

export const fetchRanking = (selectionId: string) => api<Ranking>(`/evaluation/selections/${enc(selectionId)}/ranking`);

export const awardSelection = (selectionId: string, top: number, amountFen: number) =>
  api<SelectionDetail>(`/evaluation/selections/${enc(selectionId)}/awards`, { method: 'POST', body: { top, amountFen } });

export const fetchSatisfaction = (projectId: string) => api<Satisfaction>(`/projects/${enc(projectId)}/satisfaction`);

export const fetchSampleSurveys = (q: Paged) => api<Page<SampleSurvey>>(`/sample-surveys${toQuery(q)}`);

export const drawSampleSurvey = (body: NewSampleSurvey) => api<SampleSurveyDetail>('/sample-surveys', { method: 'POST', body });

export const fetchSampleSurvey = (id: string) => api<SampleSurveyDetail>(`/sample-surveys/${enc(id)}`);

export type HouseholdFilter = { districtCode?: string; answer?: SampleAnswer | 'pending' };

/** The drawn households, each keyed by its household id so CursorTable can use them as rows. */
export async function fetchSampledHouseholds(id: string, q: Paged & HouseholdFilter): Promise<Page<SampledHousehold & { id: string }>> {
  const page = await api<Page<SampledHousehold>>(`/sample-surveys/${enc(id)}/households${toQuery(q)}`);
  return { ...page, items: page.items.map((h) => ({ ...h, id: h.householdId })) };
}

export const answerSampledHousehold = (id: string, householdId: string, answer: SampleAnswer) =>
  api<{ householdId: string; answer: SampleAnswer }>(`/sample-surveys/${enc(id)}/households/${enc(householdId)}`, {
    method: 'PUT',
    body: { answer },
  });

export const closeSampleSurvey = (id: string) => api<SampleSurveyDetail>(`/sample-surveys/${enc(id)}/close`, { method: 'POST' });

/** The evaluator accounts of an institution (each answers only this institution's sample surveys). */
export interface InstitutionMember {
  userId: string;
  username: string;
  displayName: string;
  addedAt: string;
}
export const institutionMembersKey = (id: string) => ['evaluation', 'institutions', id, 'members'] as const;
export const fetchInstitutionMembers = (id: string) =>
  api<{ items: InstitutionMember[] }>(`/evaluation/institutions/${encodeURIComponent(id)}/members`);
export const addInstitutionMember = (id: string, username: string) =>
  api<InstitutionMember>(`/evaluation/institutions/${encodeURIComponent(id)}/members`, { method: 'POST', body: { username } });
export const removeInstitutionMember = (id: string, userId: string) =>
  api<void>(`/evaluation/institutions/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
