// The property desk's passage calls (visitor passes, registered vehicles, pushed lists, the compound's public key)
// and their query keys.
import { api, type BodyOf, type ResponseOf } from '../../api/client.ts';

export type StaffVisitorPass = ResponseOf<'/api/v1/compounds/{id}/visitor-passes'>['items'][number];
export type StaffVehicle = ResponseOf<'/api/v1/compounds/{id}/vehicles'>['items'][number];
export type PushedLists = ResponseOf<'/api/v1/compounds/{id}/passage-lists/push', 'post'>['lists'];
export type NewStaffPass = BodyOf<'/api/v1/compounds/{id}/visitor-passes', 'post'>;
export type Household = ResponseOf<'/api/v1/compounds/{id}/households'>['items'][number];

export const passageDeskKeys = {
  passes: (compoundId: string) => ['passage-desk', 'passes', compoundId] as const,
  vehicles: (compoundId: string) => ['passage-desk', 'vehicles', compoundId] as const,
  households: (compoundId: string) => ['passage-desk', 'households', compoundId] as const,
  key: (compoundId: string) => ['passage-desk', 'key', compoundId] as const,
};

export const fetchStaffPasses = (id: string, limit: number, cursor: string | null) =>
  api.get('/api/v1/compounds/{id}/visitor-passes', { params: { id }, query: { limit, cursor: cursor ?? undefined } });
export const registerPass = (id: string, body: NewStaffPass) => api.post('/api/v1/compounds/{id}/visitor-passes', { params: { id }, body });
export const staffRevokePass = (id: string) => api.post('/api/v1/visitor-passes/{id}/revocation', { params: { id } });
export const fetchStaffVehicles = (id: string) => api.get('/api/v1/compounds/{id}/vehicles', { params: { id } });
export const pushLists = (id: string) => api.post('/api/v1/compounds/{id}/passage-lists/push', { params: { id } });
export const fetchAccessKey = (id: string) => api.get('/api/v1/compounds/{id}/access-key', { params: { id } });
export const fetchHouseholds = (id: string) => api.get('/api/v1/compounds/{id}/households', { params: { id }, query: { limit: 500 } });

/** A household as people say it: 1幢 1单元 101. */
export const householdText = (h: Pick<Household, 'building' | 'unit' | 'room'>) => `${h.building} ${h.unit} ${h.room}`;
