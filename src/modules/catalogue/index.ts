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

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { catalogueRoutes as catalogueRoutes_ } from './catalogue.routes.ts';
export const manifest = defineModule({
  name: 'catalogue',
  routes: [catalogueRoutes_],
});
