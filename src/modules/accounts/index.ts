export {
  accountByUsername,
  accountsByIds,
  dutyAccounts,
  accountsWithPermissionOver,
  accountsWithPermissionIn,
  authenticate,
  authUserByUsername,
  hashPassword,
  upsertAccount,
  type AccountSummary,
  type NewAccount,
} from './accounts.service.ts';
export { accountsRoutes } from './accounts.routes.ts';
export { isPermission, permissions, rolePermissions, type Permission } from './permissions.ts';
export { roles, type Role } from './schema.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { accountsRoutes as accountsRoutes_ } from './accounts.routes.ts';
import { sendCodeJob } from './codes.ts';
import { purgeExpired } from './maintenance.ts';
export const manifest = defineModule({
  name: 'accounts',
  routes: [accountsRoutes_],
  jobs: [sendCodeJob],
  schedules: [{ kind: purgeExpired, cron: '7 3 * * *' }],
});
