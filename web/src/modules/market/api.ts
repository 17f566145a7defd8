// Market participation calls (the property-service subsidy, the public-space register) and their query keys.
import { api, type BodyOf, type ResponseAt } from '../../api/client.ts';

export type EligibleCompound = ResponseAt<'/api/v1/property-subsidies/eligible', 'get', 200>['items'][number];
export type Subsidy = ResponseAt<'/api/v1/property-subsidies', 'get', 200>['items'][number];
export type SubsidyStatus = Subsidy['status'];
export type SubsidyTotals = ResponseAt<'/api/v1/property-subsidies/totals', 'get', 200>;
export type PublicSpace = ResponseAt<'/api/v1/public-spaces', 'get', 200>['items'][number];
export type SpaceKind = PublicSpace['kind'];
export type SpaceGrant = ResponseAt<'/api/v1/space-grants', 'get', 200>['items'][number];
export type NewSpace = BodyOf<'/api/v1/public-spaces', 'post'>;
export type NewGrant = BodyOf<'/api/v1/public-spaces/{id}/grants', 'post'>;

export const subsidyStatuses: SubsidyStatus[] = ['applied', 'approved', 'rejected', 'disbursed'];
export const spaceKinds: SpaceKind[] = ['parking_area', 'canteen_room', 'elderly_care_room', 'childcare_room', 'activity_room', 'other'];

export const marketKeys = {
  subsidies: ['property-subsidies'] as const,
  eligible: (month: string) => ['property-subsidies', 'eligible', month] as const,
  list: (month: string, status?: SubsidyStatus) => ['property-subsidies', 'list', month, status ?? ''] as const,
  totals: (year: number) => ['property-subsidies', 'totals', year] as const,
  spaces: ['public-spaces'] as const,
  spaceList: ['public-spaces', 'list'] as const,
  grants: ['public-spaces', 'grants'] as const,
  grant: (id: string) => ['public-spaces', 'grant', id] as const,
};

const subsidyParams = (compoundId: string, month: string) => ({ params: { compoundId, month } });

export const fetchEligible = (month: string) => api.get('/api/v1/property-subsidies/eligible', { query: { month } });
export const fetchSubsidies = (month: string, status: SubsidyStatus | undefined, limit: number, cursor: string | null) =>
  api.get('/api/v1/property-subsidies', { query: { month, status, limit, cursor: cursor ?? undefined } });
export const fetchTotals = (year: number) => api.get('/api/v1/property-subsidies/totals', { query: { year } });
export const applySubsidy = (compoundId: string, month: string, amountFen: number) =>
  api.post('/api/v1/property-subsidies/{compoundId}/{month}', { ...subsidyParams(compoundId, month), body: { amountFen } });
export const approveSubsidy = (compoundId: string, month: string) =>
  api.post('/api/v1/property-subsidies/{compoundId}/{month}/approve', { ...subsidyParams(compoundId, month), body: {} });
export const rejectSubsidy = (compoundId: string, month: string, reason: string) =>
  api.post('/api/v1/property-subsidies/{compoundId}/{month}/reject', { ...subsidyParams(compoundId, month), body: { reason } });
export const disburseSubsidy = (compoundId: string, month: string, body: { paidOn: string; payee?: string; documentRef: string }) =>
  api.post('/api/v1/property-subsidies/{compoundId}/{month}/disburse', { ...subsidyParams(compoundId, month), body });

export const fetchSpaces = (limit: number, cursor: string | null) =>
  api.get('/api/v1/public-spaces', { query: { limit, cursor: cursor ?? undefined } });
export const registerSpace = (body: NewSpace) => api.post('/api/v1/public-spaces', { body });
export const grantSpace = (spaceId: string, body: NewGrant) =>
  api.post('/api/v1/public-spaces/{id}/grants', { params: { id: spaceId }, body });
export const fetchGrants = (endingFrom: string) => api.get('/api/v1/space-grants', { query: { endingFrom, limit: 200 } });
export const fetchGrant = (id: string) => api.get('/api/v1/space-grants/{id}', { params: { id } });
export const terminateGrant = (id: string) => api.post('/api/v1/space-grants/{id}/terminate', { params: { id } });

/** This month in Asia/Shanghai, 'yyyy-mm'. */
export const thisMonth = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
/** Today in Asia/Shanghai, 'yyyy-mm-dd'. */
export const today = (now = new Date()) => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export type GrantDetail = ResponseAt<'/api/v1/space-grants/{id}', 'get', 200>;
export type NewRelief = BodyOf<'/api/v1/space-grants/{id}/reliefs', 'post'>;
export type NewDelivery = BodyOf<'/api/v1/space-grants/{id}/deliveries', 'post'>;
export const reliefKinds: NewRelief['kind'][] = ['tax', 'fee'];
export const recordRelief = (id: string, body: NewRelief) => api.post('/api/v1/space-grants/{id}/reliefs', { params: { id }, body });
export const recordDelivery = (id: string, body: NewDelivery) => api.post('/api/v1/space-grants/{id}/deliveries', { params: { id }, body });
