// Who may act where: staff by their scope (a division, or compounds granted one by one), residents by their
// verified homes. Out-of-scope records answer like missing ones (404), fields naming them 422.
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { compoundInScope, registry, within, type CompoundPlace, type RegistryMember } from '../registry/index.ts';
import { communityMessages as m } from './messages.ts';

export const fieldError = (path: string, code: Parameters<typeof m.msg>[0], params: Record<string, string | number> = {}) =>
  unprocessable(m.msg('community.invalid'), [{ path, message: m.msg(code, params) }]);

/** A compound the account may act on, named by a request field (422 naming it otherwise). */
export async function staffCompound(ctx: AppContext, user: AuthUser, compoundId: string, field: string): Promise<CompoundPlace> {
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!place || !compoundInScope(user.scope, { id: place.compoundId, communityCode: place.communityCode }))
    throw fieldError(field, 'field.out_of_scope');
  return place;
}

/** A compound the account may act on, named by the path (404 otherwise). */
export async function staffCompoundAt(ctx: AppContext, user: AuthUser, compoundId: string): Promise<CompoundPlace> {
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!place || !compoundInScope(user.scope, { id: place.compoundId, communityCode: place.communityCode }))
    throw notFound(m.msg('community.compound.entity', { id: compoundId }));
  return place;
}

/** Whether a community lies in the account's division (community-wide records: canteens, shops). */
export const communityInScope = (user: AuthUser, code: string) => user.scope.division !== null && within(code, user.scope.division);

/** Whether a staff account sees a record kept for a community (or one compound of it). */
export function recordInScope(user: AuthUser, r: { communityCode: string; compoundId?: string | null }): boolean {
  if (communityInScope(user, r.communityCode)) return true;
  return !!r.compoundId && user.scope.compoundIds.includes(r.compoundId);
}

/** The resident's verified homes (403 for any other account). */
export async function homesOf(ctx: AppContext, user: AuthUser): Promise<RegistryMember[]> {
  if (!user.residentId) throw forbidden(m.msg('community.resident_only'));
  const homes = await registry.membershipsOfResident(ctx.db, user.residentId);
  if (!homes.length) throw forbidden(m.msg('community.resident_only'));
  return homes;
}
