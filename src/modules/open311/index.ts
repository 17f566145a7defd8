// Open311 GeoReport v2 (issue 13, R23): partners such as FixMyStreet installations report into the grid and read
// the status of service requests, in XML and JSON, under /open311/v2/; city administrators issue their keys.
export { DEMO_OPEN311_KEY, DEMO_PARTNER, seedOpen311 } from './keys.service.ts';
export { OPEN311_PREFIX } from './open311.routes.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { keyRoutes } from './keys.routes.ts';
import { open311Routes } from './open311.routes.ts';
export const manifest = defineModule({
  name: 'open311',
  routes: [keyRoutes, open311Routes],
});
