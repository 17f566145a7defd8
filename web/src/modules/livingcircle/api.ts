// The living circle's calls (facilities, a compound's circle, the gap sums) and their query keys.
import { api, apiPath, type BodyOf, type ResponseAt } from '../../api/client.ts';

export type Facility = ResponseAt<'/api/v1/facilities', 'get', 200>['items'][number];
export type NewFacility = BodyOf<'/api/v1/facilities', 'post'>;
export type Need = Facility['need'];
export type Circle = ResponseAt<'/api/v1/compounds/{id}/circle', 'get', 200>;
export type GapSums = ResponseAt<'/api/v1/circle/gaps', 'get', 200>;
export type ImportResult = ResponseAt<'/api/v1/facilities/import', 'post', 200>;

export const needs: Need[] = ['clothing', 'food', 'transport', 'medical', 'elderly_care', 'culture', 'recreation'];
export const kindsOf: Record<Need, string[]> = {
  clothing: ['clothing_store', 'tailor', 'laundry'],
  food: ['canteen', 'market', 'supermarket', 'restaurant'],
  transport: ['bus_stop', 'metro_station', 'bike_station'],
  medical: ['clinic', 'health_centre', 'pharmacy', 'hospital'],
  elderly_care: ['elderly_day_care', 'elderly_care_station', 'nursing_home'],
  culture: ['library', 'culture_station', 'kindergarten', 'nursery'],
  recreation: ['fitness_ground', 'park', 'sports_venue', 'activity_room'],
};

export const circleKeys = {
  all: ['circle'] as const,
  gaps: (division: string) => ['circle', 'gaps', division] as const,
  circle: (compoundId: string) => ['circle', 'compound', compoundId] as const,
  facilities: (need?: string, q?: string) => ['circle', 'facilities', need ?? '', q ?? ''] as const,
  compounds: ['circle', 'compounds'] as const,
};

export const fetchGaps = (division?: string) => api.get('/api/v1/circle/gaps', { query: division ? { division } : {} });
export const fetchCircle = (id: string) => api.get('/api/v1/compounds/{id}/circle', { params: { id } });
export const fetchCompounds = () => api.get('/api/v1/compounds', { query: { limit: 500 } });
export const fetchFacilities = (need: Need | undefined, q: string | undefined, cursor: string | null) =>
  api.get('/api/v1/facilities', { query: { need, q: q || undefined, limit: 50, cursor: cursor ?? undefined } });
export const createFacility = (body: NewFacility) => api.post('/api/v1/facilities', { body });
export const templatePath = () => apiPath('/api/v1/facilities/template.xlsx');

/** The import's counts; a refused file throws the client's ApiError with its rows by line and column. */
export async function importFacilities(file: File): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.send('post', '/api/v1/facilities/import', { body: form });
  return (await res.json()) as ImportResult;
}
