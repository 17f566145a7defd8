export { governanceRoutes } from './governance.routes.ts';
export { projectsWithGovernance } from './governance.service.ts';
export { servingCompanies, type ServingCompany } from './serving.ts';
export { seedGovernance } from './seed.ts';
export { managementModes, type ManagementMode } from './schema.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { tripartiteGovernanceGate } from './governance.service.ts';
import { governanceRoutes as governanceRoutes_ } from './governance.routes.ts';
export const manifest = defineModule({
  name: 'governance',
  gates: [tripartiteGovernanceGate],
  routes: [governanceRoutes_],
});
