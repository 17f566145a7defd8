// Market participation (R16): the property-service subsidy (物业服务补助) and operators' time-limited use of public
// space (公共空间限期使用权). Other modules, the benches and the seed use only what is exported here.
export { seedMarket } from './seed.ts';
export { remindExpiring, EXPIRING_TOPIC, type Reminded } from './reminders.ts';
export { subsidyCapFen, rateFen, ineligibility, RENOVATED_STAGES } from './subsidy.rules.ts';
export { CAP_RULE as PROPERTY_SUBSIDY_CAP_RULE } from './subsidy.facts.ts';

// For the bench: a month's subsidies for every renovated compound, computed and checked.
export { checkMonth } from './subsidy.service.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { expiringGrantHandler } from './expiry-notice.ts';
import { grantReminderJob } from './reminders.ts';
import { spacesRoutes } from './spaces.routes.ts';
import { subsidyRoutes } from './subsidy.routes.ts';
export const manifest = defineModule({
  name: 'market',
  routes: [subsidyRoutes, spacesRoutes],
  schedules: [{ kind: grantReminderJob, cron: '17 6 * * *' }],
  handlers: [expiringGrantHandler],
});
