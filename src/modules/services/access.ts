// Who sees which care profiles and orders. Staff see what lies in their division or their compounds; a provider
// (an account of the service_provider role linked to a provider) only the orders of the compounds its provider
// serves that were offered or given to it; a resident only their own household's orders and those of the elders
// they are linked to as family (or ordered themselves).
import { eq, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/audit.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden } from '../../platform/http/problem.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { servicesMessages as sm } from './messages.ts';
import {
  careFamilyLinks,
  careProfiles,
  serviceOffers,
  serviceOrders,
  serviceProviderAccounts,
  serviceProviderCompounds,
} from './schema.ts';

/** A route's user with its address (for the audit log). */
export type Caller = AuthUser & { ip?: string };

export const actorOf = (c: Caller): Actor => ({ id: c.id, username: c.username, ip: c.ip });

/** The provider an account acts for, or null. */
export async function providerIdOf(db: Db | Tx, accountId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: serviceProviderAccounts.providerId })
    .from(serviceProviderAccounts)
    .where(eq(serviceProviderAccounts.accountId, accountId))
    .limit(1);
  return row?.id ?? null;
}

export async function requireProvider(db: Db | Tx, caller: Caller): Promise<string> {
  const id = await providerIdOf(db, caller.id);
  if (!id) throw forbidden(sm.msg('services.not_a_provider'));
  return id;
}

/** Staff's division and compounds over rows with a community code and a compound id. */
export function staffScope(caller: Caller, communityCode: AnyColumn | SQL, compoundId: AnyColumn | SQL): SQL {
  const parts: SQL[] = [];
  if (caller.scope.division) parts.push(sql`${communityCode} like ${divisionPrefix(caller.scope.division) + '%'}`);
  if (caller.scope.compoundIds.length) parts.push(sql`${compoundId} = any(${sql.param(caller.scope.compoundIds)}::uuid[])`);
  return parts.length ? or(...parts)! : sql`false`;
}

/** The orders a caller may see, as SQL over service_orders. */
export async function orderScope(db: Db | Tx, caller: Caller): Promise<SQL> {
  if (caller.role === 'resident') {
    const own = [sql`${serviceOrders.orderedBy} = ${caller.id}`];
    if (caller.residentId) {
      const households = await registry.householdIdsOfResident(db, caller.residentId);
      if (households.length) own.push(sql`${serviceOrders.householdId} = any(${sql.param(households)}::uuid[])`);
      own.push(
        sql`${serviceOrders.profileId} in (select ${careFamilyLinks.profileId} from ${careFamilyLinks} where ${careFamilyLinks.residentId} = ${caller.residentId})`,
      );
      own.push(
        sql`${serviceOrders.profileId} in (select ${careProfiles.id} from ${careProfiles} where ${careProfiles.residentId} = ${caller.residentId})`,
      );
    }
    return or(...own)!;
  }
  if (caller.role === 'service_provider') {
    const providerId = await providerIdOf(db, caller.id);
    if (!providerId) return sql`false`;
    return sql`${serviceOrders.compoundId} in (select ${serviceProviderCompounds.compoundId} from ${serviceProviderCompounds} where ${serviceProviderCompounds.providerId} = ${providerId})
      and (${serviceOrders.providerId} = ${providerId}
        or exists (select 1 from ${serviceOffers} where ${serviceOffers.orderId} = ${serviceOrders.id} and ${serviceOffers.providerId} = ${providerId}))`;
  }
  return staffScope(caller, serviceOrders.communityCode, serviceOrders.compoundId);
}
