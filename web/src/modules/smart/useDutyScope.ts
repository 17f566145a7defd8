// Which level the console runs at and what it shows. The level follows the account (compound for the property
// manager, community, subdistrict, and city for every division above); accounts above a compound narrow it with
// the division picker, kept in the URL (?division=, ?compound=) so a link shows the same place.
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useAuth } from '../accounts/index.ts';
import { fetchCompounds, fetchDivisions, registryKeys, type CompoundSummary, type Division } from '../registry/index.ts';
import type { ConsoleLevel, DutyScope } from './dutyTypes.ts';

/** A division code's level, read off the code (330105004001 community, 330105004 subdistrict, 6 digits above). */
export function levelOfCode(code: string | null | undefined): ConsoleLevel | null {
  if (!code) return null;
  if (/^\d{12}$/.test(code)) return 'community';
  if (/^\d{9}$/.test(code)) return 'subdistrict';
  if (/^\d{6}$/.test(code)) return 'city';
  return null;
}

export interface DutyView {
  /** The account's own level. */
  level: ConsoleLevel | null;
  /** The level of what is shown now (a picked community, a compound…). */
  shownLevel: ConsoleLevel | null;
  scope: DutyScope;
  /** The division shown (the pick or the account's own). */
  division: string | null;
  compoundId: string | null;
  setDivision: (code: string | null) => void;
  setCompound: (id: string | null) => void;
  /** Sub-divisions of the division shown (empty at community level). */
  children: Division[];
  /** Compounds of the division shown (the community's, or the account's own). */
  compounds: CompoundSummary[];
  compoundName: (id: string) => string | undefined;
  loading: boolean;
}

export function useDutyScope(): DutyView {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const own = user?.scope.division ?? null;
  const ownCompounds = user?.scope.compoundIds ?? [];
  const level: ConsoleLevel | null = user?.role === 'property_manager' || (!own && ownCompounds.length > 0) ? 'compound' : levelOfCode(own);

  const picked = params.get('division');
  const division = picked && levelOfCode(picked) && (!own || picked.startsWith(own)) ? picked : own;
  const compoundId = params.get('compound');
  const divisionLevel = level === 'compound' ? 'compound' : levelOfCode(division);
  const shownLevel: ConsoleLevel | null = compoundId ? 'compound' : divisionLevel;

  const below = !!division && divisionLevel !== 'community' && level !== 'compound';
  const children = useQuery({
    queryKey: registryKeys.divisions(division),
    queryFn: () => fetchDivisions(division),
    staleTime: 10 * 60_000,
    enabled: below,
  });
  const compounds = useQuery({
    queryKey: ['duty', 'compounds', level === 'compound' ? null : division],
    queryFn: () => fetchCompounds(level === 'compound' || !division ? {} : { division }, 500).then((p) => p.items),
    staleTime: 10 * 60_000,
    enabled: !!user && (level === 'compound' || divisionLevel === 'community' || divisionLevel === 'subdistrict'),
  });

  const names = new Map((compounds.data ?? []).map((c) => [c.id, c.name]));
  const set = (key: 'division' | 'compound', value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'division') next.delete('compound');
        return next;
      },
      { replace: false },
    );

  const scope: DutyScope = compoundId ? { compoundId } : level === 'compound' || !division || division === own ? {} : { division };
  return {
    level,
    shownLevel,
    scope,
    division,
    compoundId,
    setDivision: (code) => set('division', code),
    setCompound: (id) => set('compound', id),
    // A disabled query still answers from the cache (the overview's roots share the key): only `below` counts.
    children: below ? (children.data ?? []) : [],
    compounds: compounds.data ?? [],
    compoundName: (id) => names.get(id),
    loading: children.isLoading || compounds.isLoading,
  };
}
