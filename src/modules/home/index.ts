// Each role's home (issue 16): GET /api/v1/me/home, what the caller does today in sections, asked of the
// modules that own the facts through their index.ts.
export { homeRoutes } from './home.routes.ts';
export { homeReply, homeSection, type HomeReply, type HomeSection } from './home.schemas.ts';
export { homeOf, badgesOf } from './home.service.ts';
export { rolePlans, sectionsFor, type SectionKind } from './plan.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { homeRoutes as homeRoutes_ } from './home.routes.ts';
export const manifest = defineModule({
  name: 'home',
  routes: [homeRoutes_],
});
