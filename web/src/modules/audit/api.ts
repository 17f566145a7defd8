// The audit log (issue 16, item 8): calls and their TanStack Query keys.
import { api, type ResponseAt } from '../../api/client.ts';

export type AuditEntry = ResponseAt<'/api/v1/audit', 'get', 200>['items'][number];
export interface AuditFilters {
  actor?: string;
  action?: string;
  subject?: string;
  from?: string;
  to?: string;
}

export const auditKeys = { list: (f: AuditFilters) => ['audit', f] as const };

export const fetchAudit = (f: AuditFilters, cursor: string | null) =>
  api.get('/api/v1/audit', { query: { ...f, limit: 50, cursor: cursor ?? undefined } });
