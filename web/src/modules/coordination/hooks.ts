// Shared hooks of the coordination pages: job polling, the kinds vocabulary, the division choices, labels.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchDivisions } from '../registry/index.ts';
import { useAuth } from '../accounts/index.ts';
import { coordinationKeys, fetchJob, fetchKinds } from './api.ts';
import type { JobState } from './types.ts';

const SUCCEEDED = new Set(['succeeded', 'done', 'completed', 'success']);
const FAILED = new Set(['failed', 'error', 'cancelled', 'canceled']);

export type JobPhase = 'running' | 'succeeded' | 'failed';

export function jobPhase(job: JobState | undefined): JobPhase {
  const status = job?.status?.toLowerCase() ?? 'running';
  if (SUCCEEDED.has(status)) return 'succeeded';
  if (FAILED.has(status)) return 'failed';
  return 'running';
}

/** The words of a failed job's error (a string, or a problem-like object). */
export function jobError(job: JobState | undefined): string | undefined {
  const e = job?.error;
  if (!e) return undefined;
  if (typeof e === 'string') return e;
  if (typeof e === 'object') {
    const o = e as { detail?: unknown; message?: unknown; title?: unknown };
    const text = o.detail ?? o.message ?? o.title;
    if (typeof text === 'string') return text;
  }
  return JSON.stringify(e);
}

/** Polls a background job every second until it ends. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: coordinationKeys.job(jobId ?? ''),
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    gcTime: 0,
    refetchInterval: (query) => (jobPhase(query.state.data) === 'running' ? 1000 : false),
  });
}

export function useKinds() {
  return useQuery({ queryKey: coordinationKeys.kinds(), queryFn: fetchKinds, staleTime: 10 * 60_000 });
}

/** Labels of kinds, departments and review departments in the current language (the code when unknown). */
export function useLabels() {
  const { t } = useTranslation();
  return {
    kind: (k: string) => t(`coordination.kinds.${k}`, { defaultValue: k }),
    department: (d: string) => t(`coordination.departments.${d}`, { defaultValue: d }),
    reviewDepartment: (d: string) => t(`coordination.reviewDepartments.${d}`, { defaultValue: d }),
  };
}

export interface DivisionOption {
  code: string;
  name: string;
}

/** The user's scope division (first, the default) and the divisions directly under it. */
export function useDivisionOptions() {
  const { user } = useAuth();
  const scope = user?.scope.division ?? null;
  const query = useQuery({
    queryKey: ['coordination', 'divisions', scope],
    queryFn: async (): Promise<DivisionOption[]> => {
      const roots = await fetchDivisions(null);
      const root = roots.find((d) => d.code === scope) ?? roots[0];
      if (!root) return [];
      const children = root.level === 'subdistrict' || root.level === 'community' ? [] : await fetchDivisions(root.code);
      return [{ code: root.code, name: root.name }, ...children.map((c) => ({ code: c.code, name: c.name }))];
    },
    staleTime: 10 * 60_000,
  });
  const options = query.data ?? [];
  return {
    scope: scope ?? options[0]?.code,
    options,
    loading: query.isPending,
    nameOf: (code: string) => options.find((o) => o.code === code)?.name ?? code,
  };
}

/** Today as yyyy-mm-dd in the browser's time zone. */
export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
