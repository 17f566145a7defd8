// The staff's grid-event and grid calls, and their TanStack Query keys.
import { api, type ResponseOf } from '../../api/client.ts';
import type { GridState } from './labels.ts';

export type GridCategories = ResponseOf<'/api/v1/grid-categories'>;
export type GridCategory = GridCategories['items'][number];
export type GridEventSummary = ResponseOf<'/api/v1/grid-events'>['items'][number];
export type GridEventDetail = ResponseOf<'/api/v1/grid-events/{id}'>;
export type GridSummary = ResponseOf<'/api/v1/grids'>['items'][number];
export type Grid = ResponseOf<'/api/v1/grids/{id}'>;
export type GridLevel = GridEventSummary['level'];

export const LEVELS: GridLevel[] = ['grid', 'community', 'subdistrict', 'city'];

export interface GridEventFilters {
  state?: GridState;
  category?: string;
  level?: GridLevel;
  overdue?: boolean;
  mine?: boolean;
}

export const gridKeys = {
  all: ['grid'] as const,
  categories: ['grid', 'categories'] as const,
  list: (f: GridEventFilters) => ['grid', 'events', f] as const,
  one: (id: string) => ['grid', 'event', id] as const,
  grids: (community?: string) => ['grid', 'grids', community ?? ''] as const,
  grid: (id: string) => ['grid', 'grid', id] as const,
};

export const fetchCategories = () => api.get('/api/v1/grid-categories');

export const fetchGridEvents = (f: GridEventFilters, limit: number, cursor: string | null) =>
  api.get('/api/v1/grid-events', {
    query: {
      state: f.state,
      category: f.category,
      level: f.level,
      overdue: f.overdue === undefined ? undefined : f.overdue ? 'true' : 'false',
      mine: f.mine ? 'true' : undefined,
      limit,
      cursor: cursor ?? undefined,
    },
  });

export const fetchGridEvent = (id: string) => api.get('/api/v1/grid-events/{id}', { params: { id } });

export const transition = (id: string, to: GridState, note?: string, where?: { lat: number; lng: number }) =>
  api.post('/api/v1/grid-events/{id}/transitions', { params: { id }, body: { to, note: note || undefined, ...where } });

export const escalate = (id: string, note?: string) =>
  api.post('/api/v1/grid-events/{id}/escalate', { params: { id }, body: { note: note || undefined } });

export const merge = (id: string, duplicateId: string, note?: string) =>
  api.post('/api/v1/grid-events/{id}/merge', { params: { id }, body: { duplicateId, note: note || undefined } });

/** Multipart: one photo under `file`. */
export function addPhoto(id: string, photo: File) {
  const form = new FormData();
  form.append('file', photo, photo.name);
  return api.post('/api/v1/grid-events/{id}/photos', { params: { id }, body: form });
}

export const fetchGrids = (communityCode?: string) => api.get('/api/v1/grids', { query: { communityCode } });
export const fetchGrid = (id: string) => api.get('/api/v1/grids/{id}', { params: { id } });
export const createGrid = (body: { communityCode: string; code: string; name: string; buildingIds?: string[] }) =>
  api.post('/api/v1/grids', { body });
export const updateGrid = (id: string, body: { name?: string; buildingIds?: string[] }) =>
  api.patch('/api/v1/grids/{id}', { params: { id }, body });
export const fetchWorkerCandidates = (id: string) => api.get('/api/v1/grids/{id}/worker-candidates', { params: { id } });
export const setGridWorkers = (id: string, accountIds: string[]) =>
  api.put('/api/v1/grids/{id}/workers', { params: { id }, body: { accountIds } });
export const checkIn = (gridId: string, body: { lat?: number | null; lng?: number | null; note?: string | null }) =>
  api.post('/api/v1/grids/{id}/checkins', { params: { id: gridId }, body });

export const fetchDuplicates = (q: { category: string; buildingId?: string; compoundId?: string; lat?: number; lng?: number }) =>
  api.get('/api/v1/grid-events/duplicates', { query: q });

/** Multipart: one photo under `file`, held for the uploader until a report names it. */
export function uploadPendingPhoto(photo: File) {
  const form = new FormData();
  form.append('file', photo, photo.name);
  return api.post('/api/v1/grid-events/photos', { body: form });
}

export interface PatrolReport {
  category: string;
  description: string;
  buildingId?: string;
  lat?: number;
  lng?: number;
  photoIds: string[];
}

export const reportPatrolEvent = (r: PatrolReport) => api.post('/api/v1/grid-events', { body: { ...r, source: 'patrol' } });
