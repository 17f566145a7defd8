// The resident's repair calls (物业报修 on /m) and their TanStack Query keys.
import { api, type ResponseOf } from '../../../api/client.ts';

export type RepairOptions = ResponseOf<'/api/v1/me/repairs/options'>;
export type MyRepairs = ResponseOf<'/api/v1/me/repairs'>;
export type MyRepair = ResponseOf<'/api/v1/me/repairs/{id}'>;

export const myRepairKeys = {
  all: ['resident', 'repairs'] as const,
  options: ['resident', 'repairs', 'options'] as const,
  mine: ['resident', 'repairs', 'mine'] as const,
  /** The home tile's first page (a plain query: kept apart from the list's pages, which have another shape). */
  tile: ['resident', 'repairs', 'tile'] as const,
  one: (id: string) => ['resident', 'repairs', 'one', id] as const,
};

export const fetchRepairOptions = () => api.get('/api/v1/me/repairs/options');
export const fetchMyRepairs = (cursor?: string) => api.get('/api/v1/me/repairs', { query: { limit: 20, cursor } });
export const fetchMyRepair = (id: string) => api.get('/api/v1/me/repairs/{id}', { params: { id } });

export interface NewRepair {
  category: string;
  description: string;
  householdId?: string;
  photos: File[];
}

/** Multipart: the fields, then each photo under `photos`. */
export function fileRepair(r: NewRepair) {
  const form = new FormData();
  form.append('category', r.category);
  form.append('description', r.description);
  if (r.householdId) form.append('householdId', r.householdId);
  for (const photo of r.photos) form.append('photos', photo, photo.name);
  return api.post('/api/v1/me/repairs', { body: form });
}

export const rateRepair = (id: string, stars: number, comment?: string) =>
  api.post('/api/v1/me/repairs/{id}/rating', { params: { id }, body: { stars, comment: comment || undefined } });
