// What a district map draws, in one answer: the compounds in the reader's scope with their point, the stage of their
// latest renovation project, households and the needs their walking circle leaves as gaps (computed now from the
// facilities around them, so the map never waits for kept rows), the facilities around those compounds, and the
// division's space resources (kept under a community code, so read by the division's prefix as their list is). The
// lists are bounded; `truncated` says when the caller should narrow the box.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { Problem, unprocessable } from '../../platform/http/problem.ts';
import { projectsOfCompounds, type Stage } from '../projects/index.ts';
import { compoundInScope, divisionLevelOf, divisionPrefix, registry, within, type CirclePlace } from '../registry/index.ts';
import { circleRules, circlesOf, walkingNetwork } from './circle.service.ts';
import { circleMessages as m } from './messages.ts';
import { boxAround, searchRadiusM, walkLimitM, type CircleRules } from './reach.ts';
import type { Need } from './needs.ts';
import type { SpaceKind, SpaceStatus } from './spaces.match.ts';

export const MAX_COMPOUNDS = 5_000;
export const MAX_FACILITIES = 20_000;
export const MAX_SPACES = 5_000;

export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The circle's radius drawn on the map: how far one walks in its minutes, back to a straight line by the detour. */
export const circleRadiusM = (rules: CircleRules) =>
  Math.round((walkLimitM(rules.walk) * rules.detour.denominator) / rules.detour.numerator);

function extent(places: readonly { lat: number; lng: number }[], m: number): Box | null {
  if (!places.length) return null;
  let box: Box = { minLat: Infinity, maxLat: -Infinity, minLng: Infinity, maxLng: -Infinity };
  for (const p of places) {
    const b = boxAround(p, m);
    box = {
      minLat: Math.min(box.minLat, b.minLat),
      maxLat: Math.max(box.maxLat, b.maxLat),
      minLng: Math.min(box.minLng, b.minLng),
      maxLng: Math.max(box.maxLng, b.maxLng),
    };
  }
  return box;
}

const intersect = (a: Box, b: Box | undefined): Box | null => {
  if (!b) return a;
  const r = {
    minLat: Math.max(a.minLat, b.minLat),
    maxLat: Math.min(a.maxLat, b.maxLat),
    minLng: Math.max(a.minLng, b.minLng),
    maxLng: Math.min(a.maxLng, b.maxLng),
  };
  return r.minLat <= r.maxLat && r.minLng <= r.maxLng ? r : null;
};

async function facilitiesIn(ctx: AppContext, box: Box, limit: number) {
  const res = await ctx.db.execute<{ id: string; need: Need; kind: string; name: string; lat: number; lng: number }>(sql`
    select id, need, kind, name, latitude::float8 as lat, longitude::float8 as lng from circle_facilities
    where latitude between ${box.minLat} and ${box.maxLat} and longitude between ${box.minLng} and ${box.maxLng}
    order by id limit ${limit}`);
  return res.rows;
}

/** Space resources kept under `division` (by its code's prefix), inside the box when one is asked. */
async function spacesIn(ctx: AppContext, division: string, box: Box | undefined, limit: number) {
  const inBox = box
    ? sql`and latitude between ${box.minLat} and ${box.maxLat} and longitude between ${box.minLng} and ${box.maxLng}`
    : sql``;
  const res = await ctx.db.execute<{
    id: string;
    kind: SpaceKind;
    status: SpaceStatus;
    name: string;
    areaM2: string;
    lat: number;
    lng: number;
  }>(sql`
    select id, kind, status, name, area_m2::text as "areaM2", latitude::float8 as lat, longitude::float8 as lng
    from circle_space_resources where division_code like ${`${divisionPrefix(division)}%`} ${inBox}
    order by id limit ${limit}`);
  return res.rows;
}

/** GET /map/layers: a division's (default: the account's) compounds and facilities, optionally inside a box. */
export async function mapLayers(ctx: AppContext, user: AuthUser, q: { division?: string; bbox?: Box }) {
  const code = q.division ?? user.scope.division ?? undefined;
  if (code !== undefined) {
    const level = divisionLevelOf(code);
    if (!level || level === 'province')
      throw unprocessable(m.msg('circle.division_invalid'), [{ path: 'query.division', message: m.msg('field.division') }]);
    // A division beyond the account's own is refused as the registry refuses a record out of scope.
    if (!user.scope.division || !within(code, user.scope.division))
      throw new Problem(403, 'Forbidden', m.msg('circle.division_invalid'), {
        errors: [{ path: 'query.division', message: m.msg('field.division') }],
      });
  }
  // An account granted compounds one by one (a property manager) sees those compounds only.
  let places: CirclePlace[] = code
    ? await registry.circlePlaces(ctx.db, { division: code, box: q.bbox })
    : user.scope.compoundIds.length
      ? await registry.circlePlaces(ctx.db, { ids: user.scope.compoundIds, box: q.bbox })
      : [];
  places = places.filter((p) => compoundInScope(user.scope, { id: p.compoundId, communityCode: p.communityCode }));
  const truncatedCompounds = places.length > MAX_COMPOUNDS;
  places = places.slice(0, MAX_COMPOUNDS);

  const rules = await circleRules(ctx.db);
  const radius = circleRadiusM(rules);
  // Gaps need every facility within the search radius of each compound, inside the box or not.
  const searchBox = extent(places, searchRadiusM(rules));
  const around = searchBox ? await facilitiesIn(ctx, searchBox, 200_000) : [];
  const circles = places.length ? circlesOf(places, around, rules, await walkingNetwork(ctx.db)) : [];
  const gaps = new Map(circles.map((c) => [c.place.compoundId, c.needs.filter((n) => n.gap).map((n) => n.need)]));
  const stage = new Map<string, Stage>();
  // Newest year first: the first project seen is the compound's current one.
  for (const p of await projectsOfCompounds(
    ctx.db,
    places.map((p) => p.compoundId),
  ))
    if (!stage.has(p.compoundId)) stage.set(p.compoundId, p.stage);

  // Facilities drawn: those a compound's circle may reach (its extent plus the radius), inside the box if one is asked.
  const drawBox = extent(places, radius);
  const shown = drawBox ? intersect(drawBox, q.bbox) : null;
  // Space resources are kept per community: an account granted single compounds has no division to read them by.
  const spaces = code ? await spacesIn(ctx, code, q.bbox, MAX_SPACES + 1) : [];
  const inShown = shown
    ? around.filter((f) => f.lat >= shown.minLat && f.lat <= shown.maxLat && f.lng >= shown.minLng && f.lng <= shown.maxLng)
    : [];
  return {
    division: code ?? null,
    circle: { radiusM: radius, walkM: walkLimitM(rules.walk), rules: rules.versions },
    compounds: places.map((p) => {
      const g: Need[] = gaps.get(p.compoundId) ?? [];
      return {
        id: p.compoundId,
        name: p.name,
        lat: p.lat,
        lng: p.lng,
        communityCode: p.communityCode,
        subdistrictCode: p.subdistrictCode,
        stage: stage.get(p.compoundId) ?? null,
        households: p.households,
        gapCount: g.length,
        gaps: g,
      };
    }),
    facilities: inShown
      .slice(0, MAX_FACILITIES)
      .map((f) => ({ id: f.id, need: f.need, kind: f.kind, name: f.name, lat: f.lat, lng: f.lng })),
    spaces: spaces
      .slice(0, MAX_SPACES)
      .map((s) => ({ id: s.id, kind: s.kind, status: s.status, name: s.name, areaM2: s.areaM2, lat: s.lat, lng: s.lng })),
    truncated: truncatedCompounds || inShown.length > MAX_FACILITIES || spaces.length > MAX_SPACES,
  };
}
