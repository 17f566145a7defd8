export { coordinationRoutes } from './coordination.routes.ts';
export { seedCoordination } from './seed.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { coordinationRoutes as coordinationRoutes_ } from './coordination.routes.ts';
import { noticeMovesHandler, scheduleJob } from './schedules.service.ts';
export const manifest = defineModule({
  name: 'coordination',
  routes: [coordinationRoutes_],
  jobs: [scheduleJob],
  handlers: [noticeMovesHandler],
});
