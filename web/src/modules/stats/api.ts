// Stats calls and their TanStack Query keys; divisions and compounds come from the registry's calls.
import { api } from '../../api/client.ts';

export const statsKeys = {
  overview: (division: string, year: number | null) => ['stats', 'overview', division, year] as const,
};

export const fetchOverview = (division: string, year: number | null) =>
  api.get('/api/v1/stats/overview', { query: { division, year: year ?? undefined } });
