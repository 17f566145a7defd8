// Project, plan, funding and outcome calls and their TanStack Query keys.
import { api } from '../../api/client.ts';
import type { FundingLine, NewAmendment, NewDisbursement } from './fundingTypes.ts';
import type { NewProject, OutcomeFigures, PlanItemInput, ProjectFilters, Stage } from './types.ts';

export const projectKeys = {
  all: ['projects'] as const,
  list: (filters: ProjectFilters) => ['projects', 'list', filters] as const,
  stages: () => ['projects', 'stages'] as const,
  years: (division?: string) => ['projects', 'years', division ?? ''] as const,
  project: (id: string) => ['projects', 'one', id] as const,
  plan: (id: string, version?: number) => ['projects', 'plan', id, version ?? null] as const,
  funding: (id: string) => ['projects', 'funding', id] as const,
  outcomes: (id: string) => ['projects', 'outcomes', id] as const,
  compounds: (q: string) => ['projects', 'compound-search', q] as const,
};

const params = (id: string) => ({ params: { id } });

/** The years with a project in scope (or in one division inside it), newest first. */
export const fetchProjectYears = (division?: string) => api.get('/api/v1/projects/years', { query: { division } }).then((b) => b.years);

export const fetchStages = () => api.get('/api/v1/projects/stages').then((b) => b.items);

export const fetchProjects = (filters: ProjectFilters, limit: number, cursor?: string | null) =>
  api.get('/api/v1/projects', {
    query: {
      ...filters,
      stage: filters.stage as Stage | undefined,
      sort: filters.sort as ProjectSort | undefined,
      limit,
      cursor: cursor ?? undefined,
    },
  });
type ProjectSort = 'name' | 'year' | 'stage' | 'compoundCount' | 'floorAreaM2' | 'households';

export const fetchProject = (id: string) => api.get('/api/v1/projects/{id}', params(id));

export const createProject = (body: NewProject) => api.post('/api/v1/projects', { body });

export const advanceProject = (id: string, to: string) =>
  api.post('/api/v1/projects/{id}/transitions', { ...params(id), body: { to: to as Stage } });

export const searchCompounds = (q: string) => api.get('/api/v1/compounds', { query: { q, limit: 20 } });

export const fetchPlan = (id: string, version?: number) => api.get('/api/v1/projects/{id}/plan', { ...params(id), query: { version } });

export const savePlan = (id: string, items: PlanItemInput[]) => api.put('/api/v1/projects/{id}/plan', { ...params(id), body: { items } });

export const submitPlan = (id: string) => api.post('/api/v1/projects/{id}/plan/submit', params(id));

export const approvePlan = (id: string) => api.post('/api/v1/projects/{id}/plan/approve', params(id));

export const fetchFunding = (id: string) => api.get('/api/v1/projects/{id}/funding', params(id));

export const saveFunding = (id: string, lines: FundingLine[]) =>
  api.put('/api/v1/projects/{id}/funding', { ...params(id), body: { lines } });

export const addDisbursement = (id: string, body: NewDisbursement) =>
  api.post('/api/v1/projects/{id}/disbursements', { ...params(id), body });

export const addAmendment = (id: string, body: NewAmendment) => api.post('/api/v1/projects/{id}/amendments', { ...params(id), body });

export const fetchOutcomes = (id: string) => api.get('/api/v1/projects/{id}/outcomes', params(id));

export const saveOutcomes = (id: string, body: OutcomeFigures) => api.put('/api/v1/projects/{id}/outcomes', { ...params(id), body });

export const fetchOutcomesSummary = (year?: number, division?: string) =>
  api.get('/api/v1/outcomes/summary', { query: { year, division } });
