// A compound's households as people name them (1幢 1单元 101), for picking one and for showing a space's.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export function useHouseholds(compoundId: string, enabled: boolean) {
  const q = useQuery({
    queryKey: ['parking-desk', compoundId, 'households'],
    queryFn: () => api.get('/api/v1/compounds/{id}/households', { params: { id: compoundId }, query: { limit: 500 } }),
    enabled,
  });
  const names = new Map((q.data?.items ?? []).map((h) => [h.id, `${h.building} ${h.unit} ${h.room}`]));
  return {
    isPending: q.isPending,
    options: [...names].map(([value, label]) => ({ value, label })),
    name: (id: string) => names.get(id),
  };
}
