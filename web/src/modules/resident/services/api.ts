// The resident's home care service calls (居家服务 on /m) and their TanStack Query keys.
import { api, type ResponseOf } from '../../../api/client.ts';

export type MyElders = ResponseOf<'/api/v1/me/services/elders'>;
export type ServiceOrder = ResponseOf<'/api/v1/me/services/orders/{id}'>;
export type ServiceOrderSummary = ResponseOf<'/api/v1/me/services/orders'>['items'][number];

export const serviceKeys = {
  all: ['resident', 'services'] as const,
  elders: ['resident', 'services', 'elders'] as const,
  mine: ['resident', 'services', 'mine'] as const,
  one: (id: string) => ['resident', 'services', 'one', id] as const,
};

export const fetchElders = () => api.get('/api/v1/me/services/elders');
export const fetchMyOrders = () => api.get('/api/v1/me/services/orders', { query: { limit: 50 } });
export const fetchMyOrder = (id: string) => api.get('/api/v1/me/services/orders/{id}', { params: { id } });
export const placeOrder = (body: { profileId: string; kind: string; startsAt: string; note?: string }) =>
  api.post('/api/v1/me/services/orders', { body });
export const cancelOrder = (id: string) => api.post('/api/v1/me/services/orders/{id}/cancel', { params: { id } });
export const rateOrder = (id: string, stars: number, comment: string) =>
  api.post('/api/v1/me/services/orders/{id}/rating', { params: { id }, body: { stars, ...(comment ? { comment } : {}) } });

/** A name from the catalogue ({zh, en}) in the page's language. */
export const nameIn = (n: { zh: string; en: string } | undefined, language: string, fallback: string) =>
  n ? (language.startsWith('zh') ? n.zh : n.en) : fallback;

/** Fen as yuan with two places: 1250 → "12.50". */
export const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : (fen / 100).toFixed(2));
