// What other web modules (and the app) may use of the catalogue module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
export { default as CatalogueFilters } from './CatalogueFilters.tsx';
export { default as IndicatorTree } from './IndicatorTree.tsx';
export { CATALOGUE_STALE, catalogueKeys, fetchIndicators } from './api.ts';
export {
  buildTree,
  indicatorName,
  isFiltering,
  level1Code,
  level2Code,
  sixHaveNames,
  sixHavesOf,
  type CatalogueFilter,
  type CatalogueIndex,
} from './catalogueTree.ts';
export { SCENARIOS } from './types.ts';
export { useCatalogue, usePrices } from './useCatalogue.ts';
