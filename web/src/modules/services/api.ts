// The staff's and the provider's home care service calls (/api/v1/services/...) and their TanStack Query keys.
import { api, type BodyOf, type ResponseOf } from '../../api/client.ts';

export type Figures = ResponseOf<'/api/v1/services/figures'>;
export type KindFigures = Figures['totals'];
export type OrderPage = ResponseOf<'/api/v1/services/orders'>;
export type OrderSummary = OrderPage['items'][number];
export type Order = ResponseOf<'/api/v1/services/orders/{id}'>;
export type Candidates = ResponseOf<'/api/v1/services/orders/{id}/candidates'>;
export type Catalogue = ResponseOf<'/api/v1/services/catalogue'>;
export type CareProfile = ResponseOf<'/api/v1/services/care-profiles/{id}'>;
export type CareProfileFull = ResponseOf<'/api/v1/services/care-profiles/{id}/personal'>;
export type ProviderSummary = ResponseOf<'/api/v1/services/providers'>['items'][number];
export type Provider = ResponseOf<'/api/v1/services/providers/{id}'>;
export type Slot = ResponseOf<'/api/v1/services/offerings/{id}/slots'>['items'][number];
export type Complaint = ResponseOf<'/api/v1/services/complaints'>['items'][number];
export type OrderStatus = Order['status'];
export type ComplaintStatus = Complaint['status'];

export interface OrderFilters {
  status?: OrderStatus;
  kind?: string;
  compoundId?: string;
  /** Only orders with an offer still unanswered (a provider: made to it). */
  awaiting?: boolean;
}

export const svcKeys = {
  all: ['services'] as const,
  catalogue: ['services', 'catalogue'] as const,
  figures: (division: string, days: number) => ['services', 'figures', division, days] as const,
  orders: (f: OrderFilters) => ['services', 'orders', f] as const,
  order: (id: string) => ['services', 'order', id] as const,
  candidates: (id: string) => ['services', 'candidates', id] as const,
  profiles: (compoundId: string | undefined) => ['services', 'profiles', compoundId ?? null] as const,
  profile: (id: string) => ['services', 'profile', id] as const,
  providers: ['services', 'providers'] as const,
  provider: (id: string) => ['services', 'provider', id] as const,
  slots: (offeringId: string) => ['services', 'slots', offeringId] as const,
  complaints: (status: ComplaintStatus | undefined) => ['services', 'complaints', status ?? null] as const,
};

export const fetchCatalogue = () => api.get('/api/v1/services/catalogue');
/** The figures of orders created in the last `days` days (the server's default period is 30). */
export const fetchFigures = (division: string, days: number) =>
  api.get('/api/v1/services/figures', {
    query: { division, from: days === 30 ? undefined : new Date(Date.now() - days * 86_400_000).toISOString() },
  });

export const fetchOrders = (f: OrderFilters, limit: number, cursor: string | null) =>
  api.get('/api/v1/services/orders', {
    query: {
      status: f.status,
      kind: f.kind,
      compoundId: f.compoundId,
      awaiting: f.awaiting ? 'true' : undefined,
      limit,
      cursor: cursor ?? undefined,
    },
  });
export const fetchOrder = (id: string) => api.get('/api/v1/services/orders/{id}', { params: { id } });
export const fetchCandidates = (id: string) => api.get('/api/v1/services/orders/{id}/candidates', { params: { id } });
export const dispatchTo = (id: string, providerId: string) =>
  api.post('/api/v1/services/orders/{id}/dispatch', { params: { id }, body: { providerId } });
export const createOrder = (body: { profileId: string; kind: string; startsAt: string; note?: string; dispatch?: 'auto' | 'manual' }) =>
  api.post('/api/v1/services/orders', { body });
export const cancelOrder = (id: string) => api.post('/api/v1/services/orders/{id}/cancel', { params: { id } });
export const fileComplaint = (id: string, text: string) =>
  api.post('/api/v1/services/orders/{id}/complaints', { params: { id }, body: { text } });

// The provider's answers and visits.
export const acceptOrder = (id: string) => api.post('/api/v1/services/orders/{id}/accept', { params: { id } });
export const declineOrder = (id: string, reason?: string) =>
  api.post('/api/v1/services/orders/{id}/decline', { params: { id }, body: reason ? { reason } : {} });
export const checkIn = (id: string, at: { lat: number; lng: number }) =>
  api.post('/api/v1/services/orders/{id}/check-in', { params: { id }, body: at });
export const checkOut = (id: string, at: { lat: number; lng: number }, note?: string) =>
  api.post('/api/v1/services/orders/{id}/check-out', { params: { id }, body: { ...at, ...(note ? { note } : {}) } });

export const fetchProfiles = (compoundId: string | undefined, limit: number, cursor: string | null) =>
  api.get('/api/v1/services/care-profiles', { query: { compoundId, limit, cursor: cursor ?? undefined } });
export const fetchProfile = (id: string) => api.get('/api/v1/services/care-profiles/{id}', { params: { id } });
export const fetchProfilePersonal = (id: string, reason: string) =>
  api.get('/api/v1/services/care-profiles/{id}/personal', { params: { id }, query: { reason } });
export type ProfileBody = BodyOf<'/api/v1/services/care-profiles', 'post'>;
export const createProfile = (body: ProfileBody) => api.post('/api/v1/services/care-profiles', { body });
export const updateProfile = (id: string, body: ProfileBody) => api.put('/api/v1/services/care-profiles/{id}', { params: { id }, body });
export const linkFamily = (id: string, body: { phone: string; relation: FamilyRelation }) =>
  api.post('/api/v1/services/care-profiles/{id}/family', { params: { id }, body });
export const FAMILY_RELATIONS = ['daughter', 'son', 'spouse', 'grandchild', 'relative', 'other'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

export const fetchProviders = (limit: number, cursor: string | null) =>
  api.get('/api/v1/services/providers', { query: { limit, cursor: cursor ?? undefined } });
export const fetchProvider = (id: string) => api.get('/api/v1/services/providers/{id}', { params: { id } });
export type ProviderBody = BodyOf<'/api/v1/services/providers', 'post'>;
export const createProvider = (body: ProviderBody) => api.post('/api/v1/services/providers', { body });
export type ProviderChange = BodyOf<'/api/v1/services/providers/{id}', 'put'>;
export const updateProvider = (id: string, body: ProviderChange) => api.put('/api/v1/services/providers/{id}', { params: { id }, body });
export const setProviderCompounds = (id: string, compoundIds: string[]) =>
  api.put('/api/v1/services/providers/{id}/compounds', { params: { id }, body: { compoundIds } });
export const addQualification = (id: string, body: { code: string; ref?: string; validUntil: string }) =>
  api.post('/api/v1/services/providers/{id}/qualifications', { params: { id }, body });
export const addOffering = (id: string, body: { kind: string; name: string; priceFen: number }) =>
  api.post('/api/v1/services/providers/{id}/offerings', { params: { id }, body });
export const fetchSlots = (offeringId: string) => api.get('/api/v1/services/offerings/{id}/slots', { params: { id: offeringId } });
export const addSlots = (offeringId: string, slots: { startsAt: string; endsAt: string; capacity: number }[]) =>
  api.post('/api/v1/services/offerings/{id}/slots', { params: { id: offeringId }, body: { slots } });

export const fetchComplaints = (status: ComplaintStatus | undefined) =>
  api.get('/api/v1/services/complaints', { query: { status, limit: 500 } });
export const followUpComplaint = (id: string, status: ComplaintStatus, note?: string) =>
  api.post('/api/v1/services/complaints/{id}/follow-up', { params: { id }, body: { status, ...(note ? { note } : {}) } });
