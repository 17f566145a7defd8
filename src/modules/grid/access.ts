// Who sees which grid events, and what part an account plays in the lifecycle. A grid worker sees the events of
// their own grids (and what they reported themselves); a resident their own reports; staff what lies in their
// division or their compounds; the system (another module, a city platform) everything.
import { or, sql, type SQL } from 'drizzle-orm';
import type { AuthUser } from '../../platform/http/auth.ts';
import { divisionLevelOf, divisionPrefix, within } from '../registry/index.ts';
import type { ActorKind } from './lifecycle.ts';
import { gridEvents, gridWorkers } from './schema.ts';

/** An account acting on grid events (a route's user, with its address for the audit log); null is the system. */
export type GridActor = AuthUser & { ip?: string };

export function actorKind(actor: GridActor | null): ActorKind {
  if (!actor) return 'system';
  switch (actor.role) {
    case 'grid_worker':
    case 'property_manager':
      return 'grid_worker';
    case 'resident':
      return 'resident';
    case 'community_worker':
      return 'community';
    case 'subdistrict_officer':
      return 'subdistrict';
    case 'district_officer':
    case 'city_admin':
      return 'city';
    default: {
      // Any other staff role acts at the level of its division.
      const level = actor.scope.division ? divisionLevelOf(actor.scope.division) : undefined;
      return level === 'community' ? 'community' : level === 'subdistrict' ? 'subdistrict' : level ? 'city' : 'resident';
    }
  }
}

/** The events an actor may see, as SQL over grid_events (null: the system sees all). */
export function eventScope(actor: GridActor | null): SQL {
  if (!actor) return sql`true`;
  const own = sql`${gridEvents.reporterAccountId} = ${actor.id}`;
  if (actor.role === 'resident') return own;
  if (actor.role === 'grid_worker')
    return or(
      own,
      sql`${gridEvents.gridId} in (select ${gridWorkers.gridId} from ${gridWorkers} where ${gridWorkers.accountId} = ${actor.id})`,
    )!;
  const parts: SQL[] = [own];
  if (actor.scope.compoundIds.length) parts.push(sql`${gridEvents.compoundId} = any(${sql.param(actor.scope.compoundIds)}::uuid[])`);
  if (actor.scope.division) parts.push(sql`${gridEvents.communityCode} like ${divisionPrefix(actor.scope.division) + '%'}`);
  return or(...parts)!;
}

/** Whether a staff account's scope covers a place (a compound in a community). */
export function placeInScope(actor: GridActor, place: { compoundId: string | null; communityCode: string }): boolean {
  if (place.compoundId && actor.scope.compoundIds.includes(place.compoundId)) return true;
  return actor.scope.division !== null && within(place.communityCode, actor.scope.division);
}

/** Whether a community lies in the actor's division (grids are managed per community). */
export const communityInScope = (actor: GridActor, communityCode: string): boolean =>
  actor.scope.division !== null && within(communityCode, actor.scope.division);
