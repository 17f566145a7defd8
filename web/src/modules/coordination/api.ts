// Calls of the coordination API (/api/v1/schedules, work-packages, precedence-rules, department-crews,
// blackouts, annual-plans/…/reviews, package-notices) and their query keys.
import { api, apiPath, type QueryOf } from '../../api/client.ts';
import type { NewBlackout, NewPrecedenceRule, NewReview, WorkPackagePatch } from './types.ts';

export interface PackageFilters {
  year: number;
  division?: string;
  department?: string;
}

type Department = NonNullable<QueryOf<'/api/v1/work-packages'>['department']>;

export const coordinationKeys = {
  all: ['coordination'] as const,
  schedules: (year: number, division: string | undefined) => ['coordination', 'schedules', year, division ?? ''] as const,
  schedule: (id: string) => ['coordination', 'schedule', id] as const,
  schedulePackages: (id: string) => ['coordination', 'schedule', id, 'packages'] as const,
  job: (id: string) => ['coordination', 'job', id] as const,
  kinds: () => ['coordination', 'kinds'] as const,
  packageYears: (division: string | undefined) => ['coordination', 'packageYears', division ?? ''] as const,
  packages: (f: PackageFilters) => ['coordination', 'packages', f.year, f.division ?? '', f.department ?? ''] as const,
  rules: () => ['coordination', 'rules'] as const,
  crews: () => ['coordination', 'crews'] as const,
  blackouts: (year: number) => ['coordination', 'blackouts', year] as const,
  reviews: (year: number, division: string | undefined) => ['coordination', 'reviews', year, division ?? ''] as const,
  notices: () => ['coordination', 'notices'] as const,
};

const params = (id: string) => ({ params: { id } });

/** The years with work packages in the division, newest first. */
export const fetchPackageYears = (division?: string) =>
  api.get('/api/v1/work-packages/years', { query: { division } }).then((b) => b.years);

export const fetchSchedules = (year: number, division?: string) =>
  api.get('/api/v1/schedules', { query: { year, division } }).then((b) => b.items);
export const startSchedule = (year: number, division?: string) =>
  api.post('/api/v1/schedules', { body: division ? { year, division } : { year } });
export const fetchSchedule = (id: string) => api.get('/api/v1/schedules/{id}', params(id));
export const fetchSchedulePackages = (id: string) => api.get('/api/v1/schedules/{id}/packages', params(id)).then((b) => b.items);
export const replanSchedule = (id: string, today: string) => api.post('/api/v1/schedules/{id}/replan', { ...params(id), body: { today } });
export const exportXlsxPath = (id: string) => apiPath('/api/v1/schedules/{id}/export.xlsx', params(id));
export const calendarPath = (id: string, department: string) =>
  apiPath('/api/v1/schedules/{id}/calendar.ics', { ...params(id), query: { department } });
export const fetchJob = (id: string) => api.get('/api/v1/jobs/{id}', params(id));

export const fetchKinds = () => api.get('/api/v1/coordination/kinds');

export const fetchWorkPackages = (f: PackageFilters, limit: number, cursor?: string | null) =>
  api.get('/api/v1/work-packages', {
    query: { year: f.year, division: f.division, department: f.department as Department | undefined, limit, cursor: cursor ?? undefined },
  });
export const patchWorkPackage = (id: string, body: WorkPackagePatch) => api.patch('/api/v1/work-packages/{id}', { ...params(id), body });

export const fetchRules = () => api.get('/api/v1/precedence-rules').then((b) => b.items);
export const addRule = (body: NewPrecedenceRule) => api.post('/api/v1/precedence-rules', { body });
export const deleteRule = (id: string) => api.delete('/api/v1/precedence-rules/{id}', params(id));

export const fetchCrews = () => api.get('/api/v1/department-crews').then((b) => b.items);
export const saveCrews = (department: string, crews: number) =>
  api.put('/api/v1/department-crews/{department}', { params: { department: department as Department }, body: { crews } });

export const fetchBlackouts = (year: number) => api.get('/api/v1/blackouts', { query: { year } }).then((b) => b.items);
export const addBlackout = (body: NewBlackout) => api.post('/api/v1/blackouts', { body });

export const fetchReviews = (year: number, division?: string) =>
  api.get('/api/v1/annual-plans/{year}/reviews', { params: { year }, query: { division } });
export const recordReview = (projectId: string, body: NewReview) =>
  api.post('/api/v1/projects/{id}/plan-reviews', { ...params(projectId), body });

export const fetchNotices = () => api.get('/api/v1/package-notices').then((b) => b.items);
export const markNoticeRead = (id: string) => api.post('/api/v1/package-notices/{id}/read', params(id));

export const searchCompounds = (q: string) => api.get('/api/v1/compounds', { query: { q, limit: 20 } }).then((b) => b.items);
