// Calls of the coordination API (/api/v1/schedules, work-packages, precedence-rules, department-crews,
// blackouts, annual-plans/…/reviews, package-notices) and their query keys.
import { api, toQuery } from '../../app/api.ts';
import type {
  Blackout,
  DepartmentCrews,
  JobState,
  Kinds,
  PackageNotice,
  PlanReviews,
  PrecedenceRule,
  Schedule,
  ScheduledPackage,
  ScheduleListItem,
  StartedJob,
  WorkPackage,
  WorkPackagePatch,
} from './types.ts';

export interface PackageFilters {
  year: number;
  division?: string;
  department?: string;
}

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

const enc = encodeURIComponent;

/** The years with work packages in the division, newest first. */
export const fetchPackageYears = (division?: string) =>
  api<{ years: number[] }>(`/work-packages/years${toQuery({ division })}`).then((b) => b.years);

export const fetchSchedules = (year: number, division?: string) =>
  api<{ items: ScheduleListItem[] }>(`/schedules${toQuery({ year, division })}`).then((b) => b.items);
export const startSchedule = (year: number, division?: string) =>
  api<StartedJob>('/schedules', { method: 'POST', body: division ? { year, division } : { year } });
export const fetchSchedule = (id: string) => api<Schedule>(`/schedules/${enc(id)}`);
export const fetchSchedulePackages = (id: string) =>
  api<{ items: ScheduledPackage[] }>(`/schedules/${enc(id)}/packages`).then((b) => b.items);
export const replanSchedule = (id: string, today: string) =>
  api<StartedJob>(`/schedules/${enc(id)}/replan`, { method: 'POST', body: { today } });
export const exportXlsxPath = (id: string) => `/schedules/${enc(id)}/export.xlsx`;
export const calendarPath = (id: string, department: string) => `/schedules/${enc(id)}/calendar.ics${toQuery({ department })}`;
export const fetchJob = (id: string) => api<JobState>(`/jobs/${enc(id)}`);

export const fetchKinds = () => api<Kinds>('/coordination/kinds');

export const fetchWorkPackages = (f: PackageFilters, limit: number, cursor?: string | null) =>
  api<{ items: WorkPackage[]; nextCursor: string | null }>(
    `/work-packages${toQuery({ year: f.year, division: f.division, department: f.department, limit, cursor })}`,
  );
export const patchWorkPackage = (id: string, body: WorkPackagePatch) =>
  api<WorkPackage>(`/work-packages/${enc(id)}`, { method: 'PATCH', body });

export const fetchRules = () => api<{ items: PrecedenceRule[] }>('/precedence-rules').then((b) => b.items);
export const addRule = (body: { beforeKind: string; afterKind: string; lagDays: number; note?: string }) =>
  api<PrecedenceRule>('/precedence-rules', { method: 'POST', body });
export const deleteRule = (id: string) => api<void>(`/precedence-rules/${enc(id)}`, { method: 'DELETE' });

export const fetchCrews = () => api<{ items: DepartmentCrews[] }>('/department-crews').then((b) => b.items);
export const saveCrews = (department: string, crews: number) =>
  api<DepartmentCrews>(`/department-crews/${enc(department)}`, { method: 'PUT', body: { crews } });

export const fetchBlackouts = (year: number) => api<{ items: Blackout[] }>(`/blackouts${toQuery({ year })}`).then((b) => b.items);
export const addBlackout = (body: { compoundId: string | null; fromDate: string; toDate: string; reason: string }) =>
  api<Blackout>('/blackouts', { method: 'POST', body });

export const fetchReviews = (year: number, division?: string) => api<PlanReviews>(`/annual-plans/${year}/reviews${toQuery({ division })}`);
export const recordReview = (projectId: string, body: { department?: string; decision: 'approve' | 'return'; comments?: string }) =>
  api<unknown>(`/projects/${enc(projectId)}/plan-reviews`, { method: 'POST', body });

export const fetchNotices = () => api<{ items: PackageNotice[] }>('/package-notices').then((b) => b.items);
export const markNoticeRead = (id: string) => api<unknown>(`/package-notices/${enc(id)}/read`, { method: 'POST' });

export const searchCompounds = (q: string) =>
  api<{ items: { id: string; name: string }[] }>(`/compounds${toQuery({ q, limit: 20 })}`).then((b) => b.items);
