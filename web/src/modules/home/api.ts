// The home's call (GET /api/v1/me/home) and its shapes, from the generated contract.
import { useQuery } from '@tanstack/react-query';
import { api, type ResponseOf } from '../../api/client.ts';

export type Home = ResponseOf<'/api/v1/me/home'>;
export type HomeSection = Home['sections'][number];
export type SectionOf<K extends HomeSection['kind']> = Extract<HomeSection, { kind: K }>;

export const homeKeys = { home: (year?: number) => ['home', year ?? null] as const };

export const fetchHome = (year?: number) => api.get('/api/v1/me/home', { query: year ? { year } : {} });

/**
 * The caller's home; the shell's menu reads its counts from the same query. The home page asks afresh each time
 * it opens (`fresh`): coming back from keying a sheet, the counts must have moved.
 */
export function useHome(year?: number, opts: { enabled?: boolean; fresh?: boolean } = {}) {
  return useQuery({
    queryKey: homeKeys.home(year),
    queryFn: () => fetchHome(year),
    enabled: opts.enabled ?? true,
    staleTime: 30_000,
    refetchInterval: 120_000,
    ...(opts.fresh ? { refetchOnMount: 'always' as const } : {}),
  });
}

export const sectionOf = <K extends HomeSection['kind']>(home: Home | undefined, kind: K): SectionOf<K> | undefined =>
  home?.sections.find((s): s is SectionOf<K> => s.kind === kind);
