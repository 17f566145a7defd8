// Polls a queued import job every second until it ends.
import { useQuery } from '@tanstack/react-query';
import { fetchJob, registryKeys } from './api.ts';
import type { ImportCounts, ImportRowError, Job } from './types.ts';

const DONE = new Set(['done', 'completed', 'complete', 'succeeded', 'success', 'finished']);
const FAILED = new Set(['failed', 'error', 'cancelled', 'canceled', 'expired']);

export type JobOutcome =
  | { state: 'running'; done: number; total: number }
  | { state: 'done'; counts: ImportCounts }
  | { state: 'failed'; detail: string | undefined; errors: ImportRowError[] };

export function jobOutcome(job: Job | undefined): JobOutcome {
  const status = job?.status?.toLowerCase() ?? 'queued';
  if (job && DONE.has(status)) {
    const result = job.result ?? { created: 0, updated: 0, unchanged: 0 };
    return { state: 'done', counts: result };
  }
  if (job && FAILED.has(status)) {
    const error = job.error;
    if (typeof error === 'string') return { state: 'failed', detail: error, errors: [] };
    return {
      state: 'failed',
      detail: error?.detail ?? error?.message ?? error?.title,
      errors: error?.errors ?? [],
    };
  }
  return { state: 'running', done: job?.progressDone ?? 0, total: job?.progressTotal ?? 0 };
}

export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: registryKeys.job(jobId ?? ''),
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    gcTime: 0,
    refetchInterval: (query) => (jobOutcome(query.state.data).state === 'running' ? 1000 : false),
  });
}
