// The overview's data: the division's figures, the breadcrumb's names, and the children to drill into
// (sub-divisions with their own figures, or at community level the community's compounds).
import { useQueries, useQuery } from '@tanstack/react-query';
import { fetchCompounds, fetchDivisions, registryKeys, type CompoundSummary, type Division } from '../registry/index.ts';
import { fetchOverview, statsKeys } from './api.ts';
import { chainFrom, levelOf } from './divisions.ts';
import type { Overview } from './types.ts';

/** `refreshMs`: read the figures again on that interval, even in a background tab (the wall display). */
export function useOverview(division: string, year: number | null, refreshMs?: number) {
  return useQuery({
    queryKey: statsKeys.overview(division, year),
    queryFn: () => fetchOverview(division, year),
    staleTime: 60_000,
    refetchInterval: refreshMs,
    refetchIntervalInBackground: refreshMs !== undefined,
  });
}

/** The account's root division(s), from GET /divisions without a parent. */
export function useRoots(enabled = true) {
  return useQuery({ queryKey: registryKeys.divisions(null), queryFn: () => fetchDivisions(null), staleTime: 10 * 60_000, enabled });
}

export interface Crumb {
  code: string;
  name: string;
}

/** Names for the chain from the account's scope down to `division`, read from the lists of each parent. */
export function useBreadcrumb(scope: string | null, division: string): { crumbs: Crumb[]; loading: boolean } {
  const chain = chainFrom(scope, division);
  const roots = useRoots();
  const parents = chain.slice(0, -1);
  const lists = useQueries({
    queries: parents.map((p) => ({ queryKey: registryKeys.divisions(p), queryFn: () => fetchDivisions(p), staleTime: 10 * 60_000 })),
  });
  const known = new Map<string, string>();
  for (const d of roots.data ?? []) known.set(d.code, d.name);
  for (const l of lists) for (const d of l.data ?? []) known.set(d.code, d.name);
  return {
    crumbs: chain.map((code) => ({ code, name: known.get(code) ?? code })),
    loading: roots.isLoading || lists.some((l) => l.isLoading),
  };
}

export interface ChildFigure {
  /** Division code, or the compound's id at community level. */
  key: string;
  name: string;
  households: number | null;
  compounds: number | null;
  kind: 'division' | 'compound';
}

/**
 * What sits one level down: sub-divisions with their overview figures (for the same year), or, for a
 * community, its compounds (their registered households; a compound counts as one).
 */
export function useChildren(division: string, year: number | null) {
  const community = levelOf(division) === 'community';
  const divisions = useQuery({
    queryKey: registryKeys.divisions(division),
    queryFn: () => fetchDivisions(division),
    staleTime: 10 * 60_000,
    enabled: !community,
  });
  const compounds = useQuery({
    queryKey: [...registryKeys.compoundsOf(division), 'all'],
    queryFn: () => fetchCompounds({ division }, 500).then((page) => page.items),
    staleTime: 60_000,
    enabled: community,
  });
  const children: Division[] = community ? [] : (divisions.data ?? []);
  const figures = useQueries({
    queries: children.map((d) => ({
      queryKey: statsKeys.overview(d.code, year),
      queryFn: () => fetchOverview(d.code, year),
      staleTime: 60_000,
    })),
  });

  const items: ChildFigure[] = community
    ? (compounds.data ?? []).map((c: CompoundSummary) => ({
        key: c.id,
        name: c.name,
        households: c.households,
        compounds: 1,
        kind: 'compound',
      }))
    : children.map((d, i) => {
        const o: Overview | undefined = figures[i]?.data;
        return { key: d.code, name: d.name, households: o?.households ?? null, compounds: o?.compounds ?? null, kind: 'division' };
      });

  return {
    community,
    items,
    compounds: compounds.data ?? [],
    loading: community ? compounds.isLoading : divisions.isLoading || figures.some((f) => f.isLoading),
    error: (community ? compounds.error : divisions.error) ?? figures.find((f) => f.error)?.error ?? null,
  };
}
