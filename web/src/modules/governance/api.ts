// Governance calls (a project's governance, its documents, the register of property companies)
// and their TanStack Query keys.
import { api, apiFetch, downloadFile, toQuery } from '../../app/api.ts';
import type { Page } from '../registry/types.ts';
import type {
  BallotSummary,
  CompanyFilters,
  CompanyStatus,
  Governance,
  GovernanceDocument,
  GovernanceDocumentKind,
  GovernancePatch,
  NewCompany,
  PropertyCompany,
} from './types.ts';

export const governanceKeys = {
  governance: (projectId: string) => ['governance', projectId] as const,
  modeBallots: (projectId: string) => ['governance', 'mode-ballots', projectId] as const,
  companies: ['property-companies'] as const,
  companyList: (filters: CompanyFilters) => ['property-companies', 'list', filters] as const,
  companySearch: (q: string) => ['property-companies', 'search', q] as const,
};

const p = (id: string) => `/projects/${encodeURIComponent(id)}`;

export const fetchGovernance = (projectId: string) => api<Governance>(`${p(projectId)}/governance`);

export const patchGovernance = (projectId: string, body: GovernancePatch) =>
  api<Governance>(`${p(projectId)}/governance`, { method: 'PATCH', body });

/** Multipart upload: the field kind, then the file. */
export async function uploadGovernanceDocument(projectId: string, kind: GovernanceDocumentKind, file: File): Promise<GovernanceDocument> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file, file.name);
  const res = await apiFetch(`${p(projectId)}/governance/documents`, { method: 'POST', body: form });
  return (await res.json()) as GovernanceDocument;
}

export const downloadGovernanceDocument = (doc: GovernanceDocument) =>
  downloadFile(`/governance-documents/${encodeURIComponent(doc.id)}/content`, doc.filename);

/** The project's closed management_mode ballots, each with whether it passed (from its tally). */
export async function fetchModeBallots(projectId: string): Promise<(BallotSummary & { passed: boolean })[]> {
  const { items } = await api<{ items: BallotSummary[] }>(`${p(projectId)}/ballots`);
  const closed = items.filter((b) => b.kind === 'management_mode' && b.status === 'closed');
  return Promise.all(
    closed.map(async (b) => {
      const tally = await api<{ status: string; passed?: boolean }>(`/ballots/${encodeURIComponent(b.id)}/tally`);
      return { ...b, passed: tally.status === 'closed' && tally.passed === true };
    }),
  );
}

export const fetchCompanies = (filters: CompanyFilters & { limit: number; cursor?: string | null }) =>
  api<Page<PropertyCompany>>(`/property-companies${toQuery({ ...filters })}`);

export const registerCompany = (body: NewCompany) => api<PropertyCompany>('/property-companies', { method: 'POST', body });

export const setCompanyStatus = (id: string, status: CompanyStatus) =>
  api<PropertyCompany>(`/property-companies/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status } });
