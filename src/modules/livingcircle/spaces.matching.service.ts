// Matching space to gaps (issue 15, item 4): for each gap of a compound, the resources still available nearby that
// suit the need (spaces.match.ts decides), each with what converting it would close (the what-if over the
// compounds around it). One box of resources, compounds and facilities around the compound; the rest in memory.
import { and, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/problem.ts';
import { ruleAt } from '../../platform/policy.ts';
import { compoundInScope, registry, within } from '../registry/index.ts';
import { circleOfPlace, facilitiesInBox } from './circle.service.ts';
import { circleMessages as m } from './messages.ts';
import { boxAround, searchRadiusM } from './reach.ts';
import { spaceResources } from './schema.ts';
import { spaceView } from './spaces.service.ts';
import { availableStatuses, matchSpaces, type MatchingRule } from './spaces.match.ts';

export const MATCHING_RULE = 'livingcircle.space_matching';

/** GET /compounds/{id}/space-matches: per gap, the suitable resources ranked, with their coverage gain. */
export async function spaceMatches(ctx: AppContext, user: AuthUser, compoundId: string) {
  const known = (await registry.compoundPlaces(ctx.db, [compoundId])).get(compoundId);
  if (!known || !compoundInScope(user.scope, { id: compoundId, communityCode: known.communityCode }))
    throw notFound(m.msg('circle.compound.entity', { id: compoundId }));
  const rule = await ruleAt<MatchingRule>(ctx.db, MATCHING_RULE);
  const home = (await registry.circlePlaces(ctx.db, { ids: [compoundId] }))[0];
  // Without a point on the map nothing can be measured: no suggestions.
  if (!home) return { rules: [{ key: rule.key, version: rule.version }], gaps: [] };
  const { rules, needs: reach } = await circleOfPlace(ctx.db, home);
  const gaps = reach.filter((n) => n.gap).map((n) => n.need);
  const versions = [...rules.versions, { key: rule.key, version: rule.version }];
  if (!gaps.length) return { rules: versions, gaps: [] };
  const radius = searchRadiusM(rules);
  // Resources within the matching radius (straight line ≤ walking); compounds within the search radius of those;
  // facilities within the search radius of those compounds.
  const spaceBox = boxAround(home, rule.value.radiusM);
  const scope = user.scope.division;
  const rows = await ctx.db
    .select()
    .from(spaceResources)
    .where(
      and(
        inArray(spaceResources.status, [...availableStatuses]),
        sql`${spaceResources.latitude} between ${spaceBox.minLat} and ${spaceBox.maxLat}`,
        sql`${spaceResources.longitude} between ${spaceBox.minLng} and ${spaceBox.maxLng}`,
      ),
    );
  const visible = rows.filter((r) => scope && within(r.divisionCode, scope));
  const places = await registry.circlePlaces(ctx.db, { box: boxAround(home, rule.value.radiusM + radius) });
  const facilities = await facilitiesInBox(ctx.db, boxAround(home, rule.value.radiusM + 2 * radius), gaps);
  const spaces = visible.map((r) => ({
    id: r.id,
    kind: r.kind,
    areaM2: r.areaM2,
    status: r.status,
    lat: Number(r.latitude),
    lng: Number(r.longitude),
  }));
  const byId = new Map(visible.map((r) => [r.id, r]));
  const matched = matchSpaces(home, gaps, spaces, places, facilities, rule.value, rules);
  return {
    rules: versions,
    gaps: matched.map((g) => ({
      need: g.need,
      kind: g.kind,
      minAreaM2: g.minAreaM2,
      matches: g.matches.map((x) => ({ ...x, space: spaceView(byId.get(x.spaceId)!) })),
    })),
  };
}
