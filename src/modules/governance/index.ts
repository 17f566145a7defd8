export { governanceRoutes } from './governance.routes.ts';
export { seedGovernance } from './seed.ts';
export { managementModes, type ManagementMode } from './schema.ts';
