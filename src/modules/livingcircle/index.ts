// The 15-minute living circle (issue 15, items 1 and 2): facilities of the seven needs, what each compound reaches on
// foot, the gaps by the service standards, and their sums per division. Later slices (space resources matched to
// gaps, clusters, the overview) ask through what is exported here.
export { needs, facilityKinds, type Need, type FacilityKind } from './needs.ts';
export { circleOf, straightM, offset, walkLimitM, searchRadiusM, type CircleRules, type NeedReach, type WalkingNetwork } from './reach.ts';
export { seedLivingCircle } from './seed.ts';
export { areaBeyond, spaceKinds, type SpaceKind } from './spaces.match.ts';

import { circlesOf, circleRules, facilitiesInBox, recomputeAround, recomputeDivision } from './circle.service.ts';
import { ensureFresh } from './gaps.service.ts';
import { linkedStateRoomsM2, stateRoomsRevitalisedM2 } from './spaces.service.ts';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { Need } from './needs.ts';

/** Each compound's gaps as last kept (fresh after `ensureFresh`): the needs it lacks, with its households. */
async function gapsOfCompounds(db: Db | Tx, compoundIds: string[]): Promise<Map<string, { needs: Need[]; households: number }>> {
  const out = new Map<string, { needs: Need[]; households: number }>();
  if (!compoundIds.length) return out;
  const res = await db.execute<{ compound_id: string; need: Need; households: number }>(
    sql`select compound_id, need, households from circle_compound_needs where gap and compound_id = any(${sql.param(compoundIds)}::uuid[])`,
  );
  for (const id of compoundIds) out.set(id, { needs: [], households: 0 });
  for (const r of res.rows) {
    const g = out.get(r.compound_id)!;
    g.needs.push(r.need);
    g.households = r.households;
  }
  return out;
}

/** What other modules may ask of the living circle. */
export const livingCircle = {
  circleRules,
  circlesOf,
  facilitiesInBox,
  /** After facilities appear or change at points (a space converted into a care station): recompute those compounds. */
  recomputeAround,
  /** Every compound of a division, from scratch (the whole city: the benchmark's figure). */
  recomputeDivision,
  /** Recomputes a division if a rule version or the registry moved on since its rows were kept. */
  ensureFresh,
  gapsOfCompounds,
  /** The area of state-owned rooms converted or in use under a community-code prefix, linked to no project (the overview's figure). */
  stateRoomsRevitalisedM2,
  /** Per project, the area of the state-owned rooms converted for it (the overview counts them with the project's outcomes). */
  linkedStateRoomsM2,
};

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { livingCircleRoutes } from './livingcircle.routes.ts';
import { clustersRoutes } from './clusters.routes.ts';
import { mapRoutes } from './map.routes.ts';
import { spacesRoutes } from './spaces.routes.ts';
export const manifest = defineModule({
  name: 'livingcircle',
  routes: [livingCircleRoutes, spacesRoutes, clustersRoutes, mapRoutes],
});
