// Stats calls and their TanStack Query keys; divisions and compounds come from the registry's calls.
import { api, toQuery } from '../../app/api.ts';
import type { Overview } from './types.ts';

export const statsKeys = {
  overview: (division: string, year: number | null) => ['stats', 'overview', division, year] as const,
};

export const fetchOverview = (division: string, year: number | null) => api<Overview>(`/stats/overview${toQuery({ division, year })}`);
