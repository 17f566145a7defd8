// Catalogue calls and their TanStack Query keys.
import { api } from '../../api/client.ts';

export const catalogueKeys = {
  indicators: (version: string | undefined) => ['catalogue', 'indicators', version ?? null] as const,
  prices: (at: string | undefined) => ['catalogue', 'prices', at ?? null] as const,
  versions: () => ['catalogue', 'versions'] as const,
};

export const fetchIndicators = (version?: string) => api.get('/api/v1/indicators', { query: { version } });

export const fetchPrices = (at?: string) => api.get('/api/v1/prices', { query: { at } });

export const fetchCatalogueVersions = () => api.get('/api/v1/catalogue/versions').then((b) => b.items);

/** Catalogue data changes only with a new published version: keep it for the session. */
export const CATALOGUE_STALE = 60 * 60_000;
