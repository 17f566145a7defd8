// The resident's grid-event calls (报事 on /m) and their TanStack Query keys.
import { api, type ResponseAt, type ResponseOf } from '../../../api/client.ts';

export type ReportOptions = ResponseOf<'/api/v1/me/grid-events/options'>;
export type MyReports = ResponseOf<'/api/v1/me/grid-events'>;
export type MyReport = ResponseOf<'/api/v1/me/grid-events/{id}'>;
export type MyReportSummary = MyReports['items'][number];
export type SimilarEvent = ResponseOf<'/api/v1/me/grid-events/similar'>['items'][number];
export type PublicEvent = ResponseOf<'/api/v1/me/grid-events/public'>['items'][number];
export type Filed = ResponseAt<'/api/v1/me/grid-events', 'post', 201>;

export const reportKeys = {
  all: ['resident', 'grid'] as const,
  options: ['resident', 'grid', 'options'] as const,
  mine: ['resident', 'grid', 'mine'] as const,
  // The home page's unread count: one page, kept apart from the list's pages (a query key holds one shape of data).
  mineSummary: ['resident', 'grid', 'mine', 'summary'] as const,
  one: (id: string) => ['resident', 'grid', 'one', id] as const,
  public: (compoundId: string) => ['resident', 'grid', 'public', compoundId] as const,
};

export const fetchOptions = () => api.get('/api/v1/me/grid-events/options');
export const fetchMyReports = (cursor?: string) => api.get('/api/v1/me/grid-events', { query: { limit: 50, cursor } });
export const fetchMyReport = (id: string) => api.get('/api/v1/me/grid-events/{id}', { params: { id } });
export const fetchPublic = (compoundId: string, cursor?: string) =>
  api.get('/api/v1/me/grid-events/public', { query: { compoundId, limit: 50, cursor } });

export interface Place {
  compoundId: string;
  buildingId?: string;
  lat?: number;
  lng?: number;
}

export const fetchSimilar = (category: string, place: Place) =>
  api.get('/api/v1/me/grid-events/similar', { query: { category, ...place } });

export const followEvent = (id: string) => api.post('/api/v1/me/grid-events/{id}/follow', { params: { id } });

export interface NewReport extends Place {
  category: string;
  description: string;
  anonymous: boolean;
  photos: File[];
}

/** Multipart: the fields, then each photo under `photos`. */
export function fileReport(r: NewReport) {
  const form = new FormData();
  form.append('category', r.category);
  form.append('description', r.description);
  form.append('compoundId', r.compoundId);
  if (r.buildingId) form.append('buildingId', r.buildingId);
  if (r.lat !== undefined && r.lng !== undefined) {
    form.append('lat', r.lat.toFixed(6));
    form.append('lng', r.lng.toFixed(6));
  }
  form.append('anonymous', r.anonymous ? 'true' : 'false');
  for (const photo of r.photos) form.append('photos', photo, photo.name);
  return api.post('/api/v1/me/grid-events', { body: form });
}

export const reopenReport = (id: string, reason: string) =>
  api.post('/api/v1/me/grid-events/{id}/reopen', { params: { id }, body: { reason } });

export const rateReport = (id: string, stars: number, comment?: string) =>
  api.post('/api/v1/me/grid-events/{id}/rating', { params: { id }, body: { stars, comment: comment || undefined } });
