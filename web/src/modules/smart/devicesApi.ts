// Device calls and their TanStack Query keys.
import { api, apiPath, type ResponseOf } from '../../api/client.ts';
import { downloadFile } from '../../app/api.ts';

export type Device = ResponseOf<'/api/v1/devices/{id}'>;
export type DeviceProfile = ResponseOf<'/api/v1/device-profiles'>['items'][number];
export type CompoundDevices = ResponseOf<'/api/v1/compounds/{id}/devices'>;
export interface DeviceFilters {
  compoundId?: string;
  status?: 'online' | 'offline' | 'never';
  profile?: string;
  q?: string;
}
export interface Credentials {
  key: string;
  secret: string;
}

export const deviceKeys = {
  all: ['devices'] as const,
  list: (f: DeviceFilters) => ['devices', 'list', f] as const,
  one: (id: string) => ['devices', 'one', id] as const,
  profiles: (lang: string) => ['devices', 'profiles', lang] as const,
  ofCompound: (id: string) => ['devices', 'compound', id] as const,
};

export const fetchProfiles = () => api.get('/api/v1/device-profiles').then((b) => b.items);

export const fetchDevices = (f: DeviceFilters, limit: number, cursor?: string | null) =>
  api.get('/api/v1/devices', { query: { ...f, q: f.q || undefined, limit, cursor: cursor ?? undefined } });

export const fetchDevice = (id: string) => api.get('/api/v1/devices/{id}', { params: { id } });

export const fetchCompoundDevices = (id: string) => api.get('/api/v1/compounds/{id}/devices', { params: { id } });

export interface NewDevice {
  compoundId: string;
  profile: string;
  name: string;
  buildingId?: string | null;
  location?: string | null;
  vendor?: string | null;
  model?: string | null;
  serial?: string | null;
  gatewayId?: string | null;
}

export const registerDevice = (body: NewDevice) => api.post('/api/v1/devices', { body });
export const rotateCredentials = (id: string): Promise<Credentials> => api.post('/api/v1/devices/{id}/credentials', { params: { id } });
export const revokeDevice = (id: string) => api.post('/api/v1/devices/{id}/revoke', { params: { id } });

/** Upload: the answer is the job to follow. */
export async function uploadDevices(file: File): Promise<string> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await api.send('post', '/api/v1/device-imports', { body: form });
  return ((await res.json()) as { jobId: string }).jobId;
}

export const downloadTemplate = () => api.download('/api/v1/device-imports/template.xlsx', 'devices-template.xlsx');

/** The import's keys and secrets, made by the server at this call and offered once. */
export async function downloadImportCredentials(jobId: string): Promise<void> {
  const path = apiPath('/api/v1/device-imports/{id}/credentials.xlsx', { params: { id: jobId } });
  await downloadFile(path, 'device-credentials.xlsx', 'POST');
}

export interface ImportJob {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progressDone: number;
  progressTotal: number;
  result: { rows: number; created: number } | null;
  error: { detail?: string; title?: string; errors?: { line?: number; column?: string; message: string }[] } | null;
}
export const fetchImportJob = (id: string) => api.get('/api/v1/jobs/{id}', { params: { id } }) as Promise<ImportJob>;
