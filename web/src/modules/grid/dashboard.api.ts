// The governance dashboard's call and its TanStack Query key (GET /api/v1/grid-dashboard).
import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf } from '../../api/client.ts';

export type GridDashboard = ResponseOf<'/api/v1/grid-dashboard'>;

export interface DashboardPlace {
  division?: string;
  compoundId?: string;
  from?: string;
  to?: string;
}

export const gridDashboardKey = (p: DashboardPlace) =>
  ['grid', 'dashboard', p.division ?? null, p.compoundId ?? null, p.from ?? null, p.to ?? null] as const;

export function useGridDashboard(p: DashboardPlace) {
  return useQuery({
    queryKey: gridDashboardKey(p),
    queryFn: () => api.get('/api/v1/grid-dashboard', { query: { division: p.division, compoundId: p.compoundId, from: p.from, to: p.to } }),
    staleTime: 30_000,
  });
}
