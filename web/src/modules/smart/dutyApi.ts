// The duty console's calls and their TanStack Query keys: alarms (list, one with its steps, acknowledge /
// assign / clear, export) and devices of the scope shown.
import { api as call, apiPath } from '../../api/client.ts';
import type { Alarm, AlarmStatus, DeviceItem, DutyScope, Severity } from './dutyTypes.ts';

export interface HistoryFilters {
  from?: string;
  to?: string;
  type?: string;
  severity?: Severity;
  status?: AlarmStatus | 'open';
}

export const dutyKeys = {
  all: ['duty'] as const,
  open: (scope: DutyScope) => ['duty', 'open', scope] as const,
  history: (scope: DutyScope, filters: HistoryFilters) => ['duty', 'history', scope, filters] as const,
  alarm: (id: string) => ['duty', 'alarm', id] as const,
  devices: (scope: DutyScope) => ['duty', 'devices', scope] as const,
  safety: (division: string) => ['duty', 'safety', division] as const,
};

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const scopeQuery = (scope: DutyScope) => ({ division: scope.compoundId ? undefined : scope.division, compoundId: scope.compoundId });

export const fetchAlarms = (scope: DutyScope, filters: HistoryFilters & { limit?: number }, cursor?: string | null): Promise<Page<Alarm>> =>
  call.get('/api/v1/alarms', { query: { ...scopeQuery(scope), ...filters, cursor: cursor ?? undefined } });

/** Every page of a list, up to `max` items: the console shows all open alarms, not a first page. */
async function allPages<T>(load: (cursor: string | null) => Promise<Page<T>>, max = 1000): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await load(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Alarms not cleared yet: the unacknowledged and the acknowledged. */
export const fetchOpenAlarms = (scope: DutyScope): Promise<Alarm[]> =>
  allPages((c) => fetchAlarms(scope, { status: 'open', limit: 200 }, c));

export const fetchAlarm = (id: string) => call.get('/api/v1/alarms/{id}', { params: { id } });
export const acknowledgeAlarm = (id: string) => call.post('/api/v1/alarms/{id}/acknowledge', { params: { id } });
export const assignAlarm = (id: string, assigneeId: string) =>
  call.post('/api/v1/alarms/{id}/assign', { params: { id }, body: { assigneeId } });
export const clearAlarm = (id: string, note: string) => call.post('/api/v1/alarms/{id}/clear', { params: { id }, body: { note } });

export const alarmsExportPath = (scope: DutyScope, filters: HistoryFilters) =>
  apiPath('/api/v1/alarms/export', { query: { ...scopeQuery(scope), ...filters } });

/** The devices of the scope, offline first (the server's order). */
export const fetchDevices = (scope: DutyScope): Promise<DeviceItem[]> =>
  allPages((c) => call.get('/api/v1/devices', { query: { ...scopeQuery(scope), limit: 500, cursor: c ?? undefined } }), 2000);
