export { coordinationRoutes } from './coordination.routes.ts';
export { seedCoordination } from './seed.ts';
