// The property desk's parking calls (spaces, stays and payments, monthly passes, occupancy) and their query keys.
import { api, type BodyOf, type ResponseOf } from '../../api/client.ts';

export type Space = ResponseOf<'/api/v1/compounds/{id}/parking-spaces'>['items'][number];
export type NewSpace = BodyOf<'/api/v1/compounds/{id}/parking-spaces', 'post'>;
export type Session = ResponseOf<'/api/v1/compounds/{id}/parking-sessions'>['items'][number];
export type NewPayment = BodyOf<'/api/v1/parking-sessions/{id}/payments', 'post'>;
export type PaymentMethod = NewPayment['method'];
export type ParkingPass = ResponseOf<'/api/v1/compounds/{id}/parking-passes'>['items'][number];
export type NewParkingPass = BodyOf<'/api/v1/compounds/{id}/parking-passes', 'post'>;
export type Occupancy = ResponseOf<'/api/v1/compounds/{id}/parking-occupancy'>;

export const SPACE_KINDS = ['owned', 'rented', 'shared', 'charging'] as const satisfies readonly Space['kind'][];
export const PAYMENT_METHODS = ['wechat', 'alipay', 'cash', 'bank_card', 'other'] as const satisfies readonly PaymentMethod[];

export const parkingKeys = {
  all: (compoundId: string) => ['parking-desk', compoundId] as const,
  spaces: (compoundId: string) => ['parking-desk', compoundId, 'spaces'] as const,
  sessions: (compoundId: string, state: SessionState) => ['parking-desk', compoundId, 'sessions', state] as const,
  passes: (compoundId: string) => ['parking-desk', compoundId, 'passes'] as const,
  occupancy: (compoundId: string) => ['parking-desk', compoundId, 'occupancy'] as const,
};

export const fetchSpaces = (id: string) => api.get('/api/v1/compounds/{id}/parking-spaces', { params: { id } });
export const createSpace = (id: string, body: NewSpace) => api.post('/api/v1/compounds/{id}/parking-spaces', { params: { id }, body });
/** Which stays a list shows: all, the cars inside now, or the stays that have ended. */
export type SessionState = 'all' | 'open' | 'closed';
export const fetchSessions = (id: string, state: SessionState, limit: number, cursor: string | null) =>
  api.get('/api/v1/compounds/{id}/parking-sessions', {
    params: { id },
    query: { open: state === 'all' ? undefined : state === 'open' ? 'true' : 'false', limit, cursor: cursor ?? undefined },
  });
export const recordPayment = (id: string, body: NewPayment) => api.post('/api/v1/parking-sessions/{id}/payments', { params: { id }, body });
export const fetchPasses = (id: string, limit: number, cursor: string | null) =>
  api.get('/api/v1/compounds/{id}/parking-passes', { params: { id }, query: { limit, cursor: cursor ?? undefined } });
export const grantPass = (id: string, body: NewParkingPass) => api.post('/api/v1/compounds/{id}/parking-passes', { params: { id }, body });
export const fetchOccupancy = (id: string) => api.get('/api/v1/compounds/{id}/parking-occupancy', { params: { id } });

/** This month in Shanghai, YYYY-MM. */
export const shanghaiMonth = (ms = Date.now()) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 7);
