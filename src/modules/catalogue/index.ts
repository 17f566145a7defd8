export { catalogueRoutes } from './catalogue.routes.ts';
export {
  currentCatalogueVersion,
  futureScenarios,
  listIndicators,
  loadShippedCatalogue,
  priceListAt,
  seedDemoPrices,
  sixHaves,
  type Indicator,
} from './catalogue.service.ts';
