// The resident's passage calls (通行 on /m: the access code, visitor passes, vehicles, parking) and their query keys.
import { api, type ResponseOf } from '../../../api/client.ts';

export type VisitorPass = ResponseOf<'/api/v1/me/visitor-passes'>['items'][number];
export type Vehicle = ResponseOf<'/api/v1/me/vehicles'>['items'][number];
export type MyParking = ResponseOf<'/api/v1/me/parking'>;

export const passageKeys = {
  code: ['resident', 'passage', 'code'] as const,
  passes: ['resident', 'passage', 'passes'] as const,
  vehicles: ['resident', 'passage', 'vehicles'] as const,
  parking: ['resident', 'passage', 'parking'] as const,
  passQr: (id: string) => ['resident', 'passage', 'pass-qr', id] as const,
};

export const issueCode = () => api.post('/api/v1/access/credentials', { body: {} });
export const fetchPasses = () => api.get('/api/v1/me/visitor-passes');
export const fetchVehicles = () => api.get('/api/v1/me/vehicles');
export const fetchParking = () => api.get('/api/v1/me/parking');
export const fetchPassQr = (id: string) => api.get('/api/v1/me/visitor-passes/{id}/qr', { params: { id } });

export interface NewPass {
  visitorName: string;
  plate?: string;
  validFrom: string;
  validUntil: string;
  entry: 'single' | 'multiple';
}
export const invite = (p: NewPass) => api.post('/api/v1/me/visitor-passes', { body: p });
export const decide = (id: string, decision: 'approved' | 'refused') =>
  api.post('/api/v1/me/visitor-passes/{id}/decision', { params: { id }, body: { decision } });
export const revokePass = (id: string) => api.post('/api/v1/me/visitor-passes/{id}/revocation', { params: { id } });
export const addVehicle = (plate: string) => api.post('/api/v1/me/vehicles', { body: { plate } });
export const removeVehicle = (id: string) => api.post('/api/v1/me/vehicles/{id}/removal', { params: { id } });
