// Open311 partner keys: calls and their TanStack Query keys.
import { api, type ResponseAt } from '../../api/client.ts';

export type PartnerKey = ResponseAt<'/api/v1/open311/keys', 'get', 200>['items'][number];
export type IssuedKey = ResponseAt<'/api/v1/open311/keys', 'post', 201>;

export const open311Keys = { all: ['open311', 'keys'] as const };

export const fetchKeys = (cursor: string | null) => api.get('/api/v1/open311/keys', { query: { limit: 50, cursor: cursor ?? undefined } });
export const issueKey = (body: { partner: string; serviceCodes?: string[] }) => api.post('/api/v1/open311/keys', { body });
export const revokeKey = (id: string) => api.post('/api/v1/open311/keys/{id}/revoke', { params: { id } });
export const fetchCategories = () => api.get('/api/v1/grid-categories');
