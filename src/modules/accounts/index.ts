export {
  accountByUsername,
  accountsByIds,
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
