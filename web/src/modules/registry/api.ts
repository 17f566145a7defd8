// Registry calls and their TanStack Query keys.
import { api, apiPath } from '../../api/client.ts';
import type { CompoundFilters, ImportKind, Job } from './types.ts';

export const registryKeys = {
  divisions: (parent: string | null) => ['registry', 'divisions', parent] as const,
  compounds: (filters: CompoundFilters) => ['registry', 'compounds', filters] as const,
  compoundsOf: (community: string) => ['registry', 'compounds-of', community] as const,
  compound: (id: string) => ['registry', 'compound', id] as const,
  households: (id: string, building: string | undefined) => ['registry', 'households', id, building ?? null] as const,
  job: (id: string) => ['jobs', id] as const,
};

export const fetchDivisions = (parent: string | null) =>
  api.get('/api/v1/divisions', { query: { parent: parent ?? undefined } }).then((body) => body.items);

/** The filters as the API's query (eligible travels as "true"/"false"). */
const filterQuery = (filters: CompoundFilters) => ({
  division: filters.division,
  q: filters.q,
  yearFrom: filters.yearFrom,
  yearTo: filters.yearTo,
  eligible: filters.eligible === undefined ? undefined : (String(filters.eligible) as 'true' | 'false'),
  sort: filters.sort as 'name' | 'yearBuilt' | 'floorAreaM2' | 'households' | undefined,
  order: filters.order,
});

export const fetchCompounds = (filters: CompoundFilters, limit: number, cursor?: string | null) =>
  api.get('/api/v1/compounds', { query: { ...filterQuery(filters), limit, cursor: cursor ?? undefined } });

export const fetchCompound = (id: string) => api.get('/api/v1/compounds/{id}', { params: { id } });

export const fetchHouseholds = (id: string, limit: number, cursor: string | null, building?: string) =>
  api.get('/api/v1/compounds/{id}/households', { params: { id }, query: { limit, cursor: cursor ?? undefined, building } });

/** Records the deed check of a pending binding; confirming takes a second person, not the one who added it. */
export const verifyBinding = (householdId: string, residentId: string, decision: 'verified' | 'rejected') =>
  api.post('/api/v1/households/{id}/residents/{residentId}/verification', { params: { id: householdId, residentId }, body: { decision } });

/** The full read says why (issue 16, item 8): the reason is kept in the audit log beside it. */
export const fetchPersonal = (residentId: string, reason: string) =>
  api.get('/api/v1/residents/{id}/personal', { params: { id: residentId }, query: { reason } });

export const exportPath = (filters: CompoundFilters) => apiPath('/api/v1/compounds/export.xlsx', { query: filterQuery(filters) });
export const templatePath = (kind: ImportKind) => apiPath('/api/v1/imports/{kind}/template.xlsx', { params: { kind } });

export const fetchJob = (jobId: string): Promise<Job> => api.get('/api/v1/jobs/{id}', { params: { id: jobId } }) as Promise<Job>;

/** Import upload: the raw Response status tells 200 (done) from 202 (queued). */
export async function uploadImport(kind: ImportKind, file: File): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.send('post', '/api/v1/imports/{kind}', { params: { kind }, body: form });
  const body: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, body };
}
