// The current catalogue and a price list, indexed for the tree and the plan editor.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CATALOGUE_STALE, catalogueKeys, fetchIndicators, fetchPrices } from './api.ts';
import { indexCatalogue } from './catalogueTree.ts';

export function useCatalogue(version?: string) {
  const query = useQuery({
    queryKey: catalogueKeys.indicators(version),
    queryFn: () => fetchIndicators(version),
    staleTime: CATALOGUE_STALE,
  });
  const index = useMemo(() => (query.data ? indexCatalogue(query.data.items) : null), [query.data]);
  return { query, index, version: query.data?.version };
}

/** Unit prices (fen) by indicator code, from the list in force on `at` (YYYY-MM-DD). */
export function usePrices(at?: string) {
  const query = useQuery({ queryKey: catalogueKeys.prices(at), queryFn: () => fetchPrices(at), staleTime: CATALOGUE_STALE });
  const prices = useMemo(() => new Map((query.data?.items ?? []).map((p) => [p.indicatorCode, p.unitPriceFen])), [query.data]);
  return { query, prices, priceList: query.data?.priceList ?? null };
}
