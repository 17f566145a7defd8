export { governanceRoutes } from './governance.routes.ts';
export { projectsWithGovernance } from './governance.service.ts';
export { seedGovernance } from './seed.ts';
export { managementModes, type ManagementMode } from './schema.ts';
