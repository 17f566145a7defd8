// Project, plan, funding and outcome calls and their TanStack Query keys.
import { api, toQuery } from '../../app/api.ts';
import type { CompoundSummary, Page } from '../registry/types.ts';
import type { Amendment, Disbursement, Funding, FundingLine } from './fundingTypes.ts';
import type {
  NewProject,
  OutcomeFigures,
  Outcomes,
  OutcomesSummary,
  Plan,
  PlanItemInput,
  ProjectDetail,
  ProjectFilters,
  ProjectSummary,
  StageInfo,
} from './types.ts';

export const projectKeys = {
  all: ['projects'] as const,
  list: (filters: ProjectFilters) => ['projects', 'list', filters] as const,
  stages: () => ['projects', 'stages'] as const,
  project: (id: string) => ['projects', 'one', id] as const,
  plan: (id: string, version?: number) => ['projects', 'plan', id, version ?? null] as const,
  funding: (id: string) => ['projects', 'funding', id] as const,
  outcomes: (id: string) => ['projects', 'outcomes', id] as const,
  compounds: (q: string) => ['projects', 'compound-search', q] as const,
};

const p = (id: string) => `/projects/${encodeURIComponent(id)}`;

export const fetchStages = () => api<{ items: StageInfo[] }>('/projects/stages').then((b) => b.items);

export const fetchProjects = (filters: ProjectFilters, limit: number, cursor?: string | null) =>
  api<Page<ProjectSummary>>(`/projects${toQuery({ ...filters, limit, cursor })}`);

export const fetchProject = (id: string) => api<ProjectDetail>(p(id));

export const createProject = (body: NewProject) => api<ProjectDetail>('/projects', { method: 'POST', body });

export const advanceProject = (id: string, to: string) => api<ProjectDetail>(`${p(id)}/transitions`, { method: 'POST', body: { to } });

export const searchCompounds = (q: string) => api<Page<CompoundSummary>>(`/compounds${toQuery({ q, limit: 20 })}`);

export const fetchPlan = (id: string, version?: number) => api<Plan>(`${p(id)}/plan${toQuery({ version })}`);

export const savePlan = (id: string, items: PlanItemInput[]) => api<Plan>(`${p(id)}/plan`, { method: 'PUT', body: { items } });

export const submitPlan = (id: string) => api<Plan>(`${p(id)}/plan/submit`, { method: 'POST' });

export const approvePlan = (id: string) => api<Plan>(`${p(id)}/plan/approve`, { method: 'POST' });

export const fetchFunding = (id: string) => api<Funding>(`${p(id)}/funding`);

export const saveFunding = (id: string, lines: FundingLine[]) => api<Funding>(`${p(id)}/funding`, { method: 'PUT', body: { lines } });

export const addDisbursement = (id: string, body: Omit<Disbursement, 'id' | 'createdAt'>) =>
  api<Disbursement>(`${p(id)}/disbursements`, { method: 'POST', body });

export const addAmendment = (id: string, body: Omit<Amendment, 'id' | 'createdAt'>) =>
  api<Amendment>(`${p(id)}/amendments`, { method: 'POST', body });

export const fetchOutcomes = (id: string) => api<Outcomes>(`${p(id)}/outcomes`);

export const saveOutcomes = (id: string, body: OutcomeFigures) => api<Outcomes>(`${p(id)}/outcomes`, { method: 'PUT', body });

export const fetchOutcomesSummary = (year?: number, division?: string) =>
  api<OutcomesSummary>(`/outcomes/summary${toQuery({ year, division })}`);
