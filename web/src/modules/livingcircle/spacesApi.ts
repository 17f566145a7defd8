// Space resources' calls (list, register, allocate, convert, in use) and a compound's matches, with their query keys.
import { api, apiPath, type BodyOf, type ResponseAt } from '../../api/client.ts';

export type SpaceResource = ResponseAt<'/api/v1/spaces', 'get', 200>['items'][number];
export type SpaceKind = SpaceResource['kind'];
export type SpaceStatus = SpaceResource['status'];
export type NewSpace = BodyOf<'/api/v1/spaces', 'post'>;
export type ConvertBody = BodyOf<'/api/v1/spaces/{id}/convert', 'post'>;
export type SpacesImportResult = ResponseAt<'/api/v1/spaces/import', 'post', 200>;
export type SpaceMatches = ResponseAt<'/api/v1/compounds/{id}/space-matches', 'get', 200>;

export const spaceKinds: SpaceKind[] = ['scattered_land', 'existing_room', 'state_room'];
export const spaceStatuses: SpaceStatus[] = ['offered', 'allocated', 'converted', 'in_use'];

export const spaceKeys = {
  all: ['circle'] as const,
  list: (kind?: string, status?: string) => ['circle', 'spaces', kind ?? '', status ?? ''] as const,
  matches: (compoundId: string) => ['circle', 'space-matches', compoundId] as const,
};

export const fetchSpaces = (kind: SpaceKind | undefined, status: SpaceStatus | undefined, cursor: string | null) =>
  api.get('/api/v1/spaces', { query: { kind, status, limit: 50, cursor: cursor ?? undefined } });
export const createSpace = (body: NewSpace) => api.post('/api/v1/spaces', { body });
export const allocateSpace = (id: string, allocatedTo: string) =>
  api.post('/api/v1/spaces/{id}/allocate', { params: { id }, body: { allocatedTo } });
export const convertSpace = (id: string, body: ConvertBody) => api.post('/api/v1/spaces/{id}/convert', { params: { id }, body });
export const spaceInUse = (id: string) => api.post('/api/v1/spaces/{id}/in-use', { params: { id }, body: {} });
export const fetchSpaceMatches = (id: string) => api.get('/api/v1/compounds/{id}/space-matches', { params: { id } });
export const spacesTemplatePath = () => apiPath('/api/v1/spaces/template.xlsx');

/** The import's counts; a refused file throws the client's ApiError with its rows by line and column. */
export async function importSpaces(file: File): Promise<SpacesImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.send('post', '/api/v1/spaces/import', { body: form });
  return (await res.json()) as SpacesImportResult;
}
