// Catalogue calls and their TanStack Query keys.
import { api, toQuery } from '../../app/api.ts';
import type { CatalogueVersion, IndicatorList, PriceList } from './types.ts';

export const catalogueKeys = {
  indicators: (version: string | undefined) => ['catalogue', 'indicators', version ?? null] as const,
  prices: (at: string | undefined) => ['catalogue', 'prices', at ?? null] as const,
  versions: () => ['catalogue', 'versions'] as const,
};

export const fetchIndicators = (version?: string) => api<IndicatorList>(`/indicators${toQuery({ version })}`);

export const fetchPrices = (at?: string) => api<PriceList>(`/prices${toQuery({ at })}`);

export const fetchCatalogueVersions = () => api<{ items: CatalogueVersion[] }>('/catalogue/versions').then((b) => b.items);

/** Catalogue data changes only with a new published version: keep it for the session. */
export const CATALOGUE_STALE = 60 * 60_000;
