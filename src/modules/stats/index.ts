export { statsRoutes } from './stats.routes.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { statsRoutes as statsRoutes_ } from './stats.routes.ts';
export const manifest = defineModule({
  name: 'stats',
  routes: [statsRoutes_],
});
