// The districts of the signed-in user's scope, for the register's district filter and form: the
// roots of the division tree when they are districts, else the districts under a city or province
// root; a scope below a district (a subdistrict officer) falls back to its district's code.
import { useQuery } from '@tanstack/react-query';
import { fetchDivisions, type Division } from '../registry/index.ts';

export interface District {
  code: string;
  name: string;
}

async function districtsUnder(d: Division): Promise<District[]> {
  if (d.level === 'district') return [{ code: d.code, name: d.name }];
  if (d.level === 'city')
    return (await fetchDivisions(d.code)).filter((c) => c.level === 'district').map((c) => ({ code: c.code, name: c.name }));
  if (d.level === 'province') return (await Promise.all((await fetchDivisions(d.code)).map(districtsUnder))).flat();
  return [{ code: d.code.slice(0, 6), name: d.code.slice(0, 6) }];
}

export async function fetchDistricts(): Promise<District[]> {
  const roots = await fetchDivisions(null);
  const all = (await Promise.all(roots.map(districtsUnder))).flat();
  return [...new Map(all.map((d) => [d.code, d])).values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function useDistricts() {
  const query = useQuery({ queryKey: ['governance', 'districts'], queryFn: fetchDistricts, staleTime: 10 * 60_000 });
  const districts = query.data ?? [];
  const nameOf = (code: string) => districts.find((d) => d.code === code)?.name ?? code;
  return { districts, nameOf, loading: query.isPending };
}
