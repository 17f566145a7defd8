// The property staff's repair calls and their TanStack Query keys.
import { api, type ResponseOf } from '../../api/client.ts';
import type { RepairStatus } from './labels.ts';

export type RepairList = ResponseOf<'/api/v1/repairs'>;
export type RepairItem = RepairList['items'][number];
export type Repair = ResponseOf<'/api/v1/repairs/{id}'>;

export interface RepairFilters {
  status?: RepairStatus;
  category?: string;
  overdue?: boolean;
  mine?: boolean;
}

export const repairKeys = {
  all: ['repairs'] as const,
  categories: ['repairs', 'categories'] as const,
  list: (f: RepairFilters) => ['repairs', 'list', f] as const,
  one: (id: string) => ['repairs', 'one', id] as const,
  assignees: (id: string) => ['repairs', 'assignees', id] as const,
};

export const fetchRepairs = (f: RepairFilters, limit: number, cursor: string | null) =>
  api.get('/api/v1/repairs', {
    query: {
      status: f.status,
      category: f.category,
      overdue: f.overdue ? 'true' : undefined,
      mine: f.mine ? 'true' : undefined,
      limit,
      cursor: cursor ?? undefined,
    },
  });
export const fetchCategories = () => api.get('/api/v1/repairs/categories');
export const fetchRepair = (id: string) => api.get('/api/v1/repairs/{id}', { params: { id } });
export const fetchAssignees = (id: string) => api.get('/api/v1/repairs/{id}/assignees', { params: { id } });
export const takeRepair = (id: string) => api.post('/api/v1/repairs/{id}/take', { params: { id } });
export const startRepair = (id: string) => api.post('/api/v1/repairs/{id}/start', { params: { id } });
export const assignRepair = (id: string, assigneeId: string, note?: string) =>
  api.post('/api/v1/repairs/{id}/assign', { params: { id }, body: { assigneeId, note: note || undefined } });
export const followUp = (id: string, outcome: 'satisfied' | 'unsatisfied' | 'not_reached', note?: string) =>
  api.post('/api/v1/repairs/{id}/follow-ups', { params: { id }, body: { outcome, note: note || undefined } });

/** Multipart: the note, then each photo under `photos`. */
export function completeRepair(id: string, note: string, photos: File[]) {
  const form = new FormData();
  form.append('note', note);
  for (const p of photos) form.append('photos', p, p.name);
  return api.post('/api/v1/repairs/{id}/complete', { params: { id }, body: form });
}
