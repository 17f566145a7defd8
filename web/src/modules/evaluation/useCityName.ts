// The name of the city an assessment is of: the account's division roots are the city itself or
// the province above it, so at most one more level is read.
import { useQuery } from '@tanstack/react-query';
import { fetchDivisions, registryKeys } from '../registry/index.ts';

export function useCityName(cityCode: string | undefined): string {
  const roots = useQuery({ queryKey: registryKeys.divisions(null), queryFn: () => fetchDivisions(null), staleTime: 10 * 60_000 });
  const root = roots.data?.find((d) => d.code === cityCode);
  const province = roots.data?.find((d) => d.level === 'province' && cityCode?.startsWith(d.code.slice(0, 2)));
  const cities = useQuery({
    queryKey: registryKeys.divisions(province?.code ?? null),
    queryFn: () => fetchDivisions(province!.code),
    enabled: !root && !!province,
    staleTime: 10 * 60_000,
  });
  return root?.name ?? cities.data?.find((d) => d.code === cityCode)?.name ?? cityCode ?? '';
}
