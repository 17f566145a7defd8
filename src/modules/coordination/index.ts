export { coordinationRoutes } from './coordination.routes.ts';
export { seedCoordination } from './seed.ts';
// For the homes (issue 16): a liaison's packages with their planned dates, and the notices they may see.
export { liaisonPackages, plannedDates, type PlannedDates } from './planned.ts';
export { notices as packageNotices } from './schedules.service.ts';

// For the benches: the scheduler's pure core (PSPLIB instances, the RCPSP solver, the checker, the city plan).
export type { Activity, GroupBlackout, Model, Precedence } from './scheduler/model.ts';
export { parsePsplib, psplibModel } from './scheduler/psplib.ts';
export { solveRcpsp } from './scheduler/rcpsp.ts';
export { verifySchedule } from './scheduler/verify.ts';
export { baseline, planRenovation, type RenovationPlan } from './scheduler/renovate-once.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { coordinationRoutes as coordinationRoutes_ } from './coordination.routes.ts';
import { scheduleRoutes } from './schedules.routes.ts';
import { noticeMovesHandler, scheduleJob } from './schedules.service.ts';
export const manifest = defineModule({
  name: 'coordination',
  routes: [coordinationRoutes_, scheduleRoutes],
  jobs: [scheduleJob],
  handlers: [noticeMovesHandler],
});
