// Registry calls and their TanStack Query keys.
import { api, apiFetch, toQuery } from '../../app/api.ts';
import type {
  CompoundDetail,
  CompoundFilters,
  CompoundSummary,
  Division,
  Household,
  ImportKind,
  Job,
  Page,
  ResidentPersonal,
} from './types.ts';

export const registryKeys = {
  divisions: (parent: string | null) => ['registry', 'divisions', parent] as const,
  compounds: (filters: CompoundFilters) => ['registry', 'compounds', filters] as const,
  compoundsOf: (community: string) => ['registry', 'compounds-of', community] as const,
  compound: (id: string) => ['registry', 'compound', id] as const,
  households: (id: string, building: string | undefined) => ['registry', 'households', id, building ?? null] as const,
  job: (id: string) => ['jobs', id] as const,
};

export const fetchDivisions = (parent: string | null) =>
  api<{ items: Division[] }>(`/divisions${toQuery({ parent })}`).then((body) => body.items);

export const compoundQuery = (filters: CompoundFilters) =>
  toQuery({
    division: filters.division,
    q: filters.q,
    yearFrom: filters.yearFrom,
    yearTo: filters.yearTo,
    eligible: filters.eligible,
  });

export const fetchCompounds = (filters: CompoundFilters, limit: number, cursor?: string | null) =>
  api<Page<CompoundSummary>>(
    `/compounds${toQuery({
      division: filters.division,
      q: filters.q,
      yearFrom: filters.yearFrom,
      yearTo: filters.yearTo,
      eligible: filters.eligible,
      limit,
      cursor,
    })}`,
  );

export const fetchCompound = (id: string) => api<CompoundDetail>(`/compounds/${encodeURIComponent(id)}`);

export const fetchHouseholds = (id: string, limit: number, cursor: string | null, building?: string) =>
  api<Page<Household>>(`/compounds/${encodeURIComponent(id)}/households${toQuery({ limit, cursor, building })}`);

/** Records the deed check of a pending binding; confirming takes a second person, not the one who added it. */
export const verifyBinding = (householdId: string, residentId: string, decision: 'verified' | 'rejected') =>
  api<{ status: string }>(`/households/${encodeURIComponent(householdId)}/residents/${encodeURIComponent(residentId)}/verification`, {
    method: 'POST',
    body: { decision },
  });

export const fetchPersonal = (residentId: string) => api<ResidentPersonal>(`/residents/${encodeURIComponent(residentId)}/personal`);

export const exportPath = (filters: CompoundFilters) => `/compounds/export.xlsx${compoundQuery(filters)}`;
export const templatePath = (kind: ImportKind) => `/imports/${kind}/template.xlsx`;

export const fetchJob = (jobId: string) => api<Job>(`/jobs/${encodeURIComponent(jobId)}`);

/** Import upload: the raw Response status tells 200 (done) from 202 (queued). */
export async function uploadImport(kind: ImportKind, file: File): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await apiFetch(`/imports/${kind}`, { method: 'POST', body: form });
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, body };
}
