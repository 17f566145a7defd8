// Governance calls (a project's governance, its documents, the register of property companies)
// and their TanStack Query keys.
import { api } from '../../api/client.ts';
import type {
  BallotSummary,
  CompanyFilters,
  CompanyStatus,
  GovernanceDocument,
  GovernanceDocumentKind,
  GovernancePatch,
  NewCompany,
} from './types.ts';

export const governanceKeys = {
  governance: (projectId: string) => ['governance', projectId] as const,
  modeBallots: (projectId: string) => ['governance', 'mode-ballots', projectId] as const,
  companies: ['property-companies'] as const,
  companyList: (filters: CompanyFilters) => ['property-companies', 'list', filters] as const,
  companySearch: (q: string) => ['property-companies', 'search', q] as const,
};

const params = (id: string) => ({ params: { id } });

export const fetchGovernance = (projectId: string) => api.get('/api/v1/projects/{id}/governance', params(projectId));

export const patchGovernance = (projectId: string, body: GovernancePatch) =>
  api.patch('/api/v1/projects/{id}/governance', { ...params(projectId), body });

/** Multipart upload: the field kind, then the file. */
export async function uploadGovernanceDocument(projectId: string, kind: GovernanceDocumentKind, file: File) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  return api.post('/api/v1/projects/{id}/governance/documents', { ...params(projectId), body: form });
}

export const downloadGovernanceDocument = (doc: GovernanceDocument) =>
  api.download('/api/v1/governance-documents/{id}/content', doc.filename, params(doc.id));

/** The project's closed management_mode ballots, each with whether it passed (from its tally). */
export async function fetchModeBallots(projectId: string): Promise<(BallotSummary & { passed: boolean })[]> {
  const { items } = await api.get('/api/v1/projects/{id}/ballots', params(projectId));
  const closed = items.filter((b) => b.kind === 'management_mode' && b.status === 'closed');
  return Promise.all(
    closed.map(async (b) => {
      const tally = await api.get('/api/v1/ballots/{id}/tally', params(b.id));
      return { ...b, passed: tally.status === 'closed' && tally.passed === true };
    }),
  );
}

export const fetchCompanies = (filters: CompanyFilters & { limit: number; cursor?: string | null }) =>
  api.get('/api/v1/property-companies', { query: { ...filters, cursor: filters.cursor ?? undefined } });

export const registerCompany = (body: NewCompany) => api.post('/api/v1/property-companies', { body });

export const setCompanyStatus = (id: string, status: CompanyStatus) =>
  api.patch('/api/v1/property-companies/{id}', { ...params(id), body: { status } });
