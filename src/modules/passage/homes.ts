// Where a resident lives (their verified homes, asked of the registry) and where staff may act (their scope).
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { compoundInScope, registry } from '../registry/index.ts';
import { passageMessages as pm } from './messages.ts';

export interface Home {
  householdId: string;
  compoundId: string;
  compoundName: string;
  building: string;
  unit: string;
  room: string;
}

/** The resident's verified homes; anyone else is refused. */
export async function homesOf(ctx: AppContext, user: AuthUser): Promise<Home[]> {
  if (!user.residentId) throw forbidden(pm.msg('passage.resident_only'));
  const rows = await registry.bindingsOfResident(ctx, user.residentId);
  const homes = rows.filter((r) => r.status === 'verified').map(({ relation: _r, status: _s, ...h }) => h);
  if (!homes.length) throw forbidden(pm.msg('passage.resident_only'));
  return homes;
}

/** The home the request names (by household, else by compound, else the first), or 422 naming the field. */
export async function homeFor(ctx: AppContext, user: AuthUser, pick: { householdId?: string; compoundId?: string }): Promise<Home> {
  const homes = await homesOf(ctx, user);
  if (pick.householdId) {
    const h = homes.find((x) => x.householdId === pick.householdId);
    if (!h)
      throw unprocessable(pm.msg('passage.household_not_yours'), [
        { path: 'body.householdId', message: pm.msg('passage.household_not_yours') },
      ]);
    return h;
  }
  if (pick.compoundId) {
    const h = homes.find((x) => x.compoundId === pick.compoundId);
    if (!h)
      throw unprocessable(pm.msg('passage.compound_not_yours'), [
        { path: 'body.compoundId', message: pm.msg('passage.compound_not_yours') },
      ]);
    return h;
  }
  return homes[0]!;
}

/** A compound the staff member's scope covers, else 404 as if it did not exist. */
export async function staffCompound(ctx: AppContext, user: AuthUser, compoundId: string): Promise<{ id: string; name: string }> {
  const place = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!place || !compoundInScope(user.scope, { id: compoundId, communityCode: place.communityCode }))
    throw notFound(pm.msg('passage.compound.entity', { id: compoundId }));
  return { id: compoundId, name: place.name };
}

/** Whether the compound exists (no scope: its public key is public). */
export async function compoundExists(ctx: AppContext, compoundId: string): Promise<boolean> {
  return (await registry.compoundPlaces(ctx.db, [compoundId])).has(compoundId);
}
