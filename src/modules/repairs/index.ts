// Property repairs (物业维护, R22): a resident's request on /m with photos, carried by a generic work order (source
// kind `repair`) that the property company assigns or its staff take (抢单), due by category, done with photos, the
// follow-up call and the resident's rating. Other modules use only what is exported here.
export { seedRepairs, REPAIR_STAFF_USERNAME } from './seed.ts';
export { flagOverdueRepairs } from './clock.ts';
export { repairCategoriesAt, type RepairCategory } from './rules.ts';
export { repairStatuses, followUpOutcomes, type RepairStatus, type FollowUpOutcome } from './schema.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { followOrderHandlers, repairOverdueSweep } from './clock.ts';
import { residentRepairRoutes } from './resident.routes.ts';
import { staffRepairRoutes } from './staff.routes.ts';
export const manifest = defineModule({
  name: 'repairs',
  routes: [residentRepairRoutes, staffRepairRoutes],
  handlers: followOrderHandlers,
  schedules: [{ kind: repairOverdueSweep, cron: '* * * * *' }],
});
