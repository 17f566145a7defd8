// Clusters (片区) as staff use them: suggestions for a division from the kept gaps and the registry's points, a
// suggestion accepted as a project of the projects module in one step (the project and the kept cluster in one
// transaction), and per kept cluster its shared gaps, the facilities two or more of its compounds reach, and the
// future-community checklist with each item's state.
import { asc, desc, eq, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { pgArray } from '../../platform/db/sql.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound, unprocessable } from '../../platform/http/problem.ts';
import { words, type Localized } from '../../platform/i18n/messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { createProject, projectsOfCompounds, type Stage } from '../projects/index.ts';
import { compoundInScope, divisionLevelOf, divisionPrefix, registry, within, type CirclePlace } from '../registry/index.ts';
import { circleRules, circlesOf, facilitiesInBox, walkingNetwork } from './circle.service.ts';
import { clusterFault, sharedGapsOf, suggestClusters, type ClusterPlace, type ClusterRules, type SharedGap } from './clusters.ts';
import { ensureFresh } from './gaps.service.ts';
import { circleMessages as m } from './messages.ts';
import { needNames, type Need } from './needs.ts';
import { boxAround, searchRadiusM } from './reach.ts';
import { clusterChecklist, clusters, facilities } from './schema.ts';

export const CLUSTER_RULE_KEYS = ['livingcircle.cluster_neighbour_m', 'livingcircle.cluster_max_compounds'] as const;
export const SCENARIOS_RULE = 'livingcircle.future_community_scenarios';

interface Scenario {
  code: string;
  name: Localized;
  hint: Localized;
}

/** The cluster rules in force, with their versions. */
export async function clusterRules(db: Db | Tx): Promise<ClusterRules & { versions: { key: string; version: string }[] }> {
  const near = await ruleAt<number>(db, CLUSTER_RULE_KEYS[0]);
  const max = await ruleAt<number>(db, CLUSTER_RULE_KEYS[1]);
  return { neighbourM: near.value, maxCompounds: max.value, versions: [near, max].map((r) => ({ key: r.key, version: r.version })) };
}

async function scenarios(db: Db | Tx): Promise<Scenario[]> {
  return (await ruleAt<{ scenarios: Scenario[] }>(db, SCENARIOS_RULE)).value.scenarios;
}

const needWords = (need: Need) => words({ 'zh-CN': needNames[need].short, en: needNames[need].en });

/** Each compound's gaps as kept (fresh once the caller ran ensureFresh). */
async function gapsOf(db: Db | Tx, ids: string[]): Promise<Map<string, Need[]>> {
  const out = new Map<string, Need[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const res = await db.execute<{ compound_id: string; need: Need }>(
    sql`select compound_id, need from circle_compound_needs where gap and compound_id = any(${pgArray(ids)}::uuid[])`,
  );
  for (const r of res.rows) out.get(r.compound_id)?.push(r.need);
  return out;
}

/** The latest project of each compound (by year), for its stage. */
async function projectOf(db: Db | Tx, ids: string[]): Promise<Map<string, { id: string; stage: Stage }>> {
  const out = new Map<string, { id: string; stage: Stage }>();
  for (const p of await projectsOfCompounds(db, ids)) if (!out.has(p.compoundId)) out.set(p.compoundId, { id: p.id, stage: p.stage });
  return out;
}

type Place = ClusterPlace & { name: string; communityCode: string };

export async function placesWithGaps(db: Db | Tx, places: CirclePlace[]): Promise<Place[]> {
  const gaps = await gapsOf(
    db,
    places.map((p) => p.compoundId),
  );
  return places.map((p) => ({
    compoundId: p.compoundId,
    name: p.name,
    communityCode: p.communityCode,
    districtCode: p.districtCode,
    lat: p.lat,
    lng: p.lng,
    households: p.households,
    gaps: gaps.get(p.compoundId) ?? [],
  }));
}

const sharedGapOut = (g: SharedGap) => ({ need: g.need, needName: needWords(g.need), compounds: g.compounds, households: g.households });

/**
 * GET /clusters/suggestions: the suggested clusters of a district, subdistrict or community, best first, with why;
 * compounds already in a project are marked, or left out when `excludeInProject`.
 */
export async function clusterSuggestions(ctx: AppContext, user: AuthUser, division: string, opts: { excludeInProject?: boolean } = {}) {
  const level = divisionLevelOf(division);
  if (!level || !['district', 'subdistrict', 'community'].includes(level) || !user.scope.division || !within(division, user.scope.division))
    throw unprocessable(m.msg('cluster.division_invalid'), [{ path: 'querystring.division', message: m.msg('field.division') }]);
  await ensureFresh(ctx.db, division);
  const rules = await clusterRules(ctx.db);
  let places = await placesWithGaps(ctx.db, await registry.circlePlaces(ctx.db, { division }));
  // Asked to leave out compounds already in a project: clusters form from the others only (not merely unmarked).
  if (opts.excludeInProject) {
    const busy = await projectOf(
      ctx.db,
      places.map((p) => p.compoundId),
    );
    places = places.filter((p) => !busy.has(p.compoundId));
  }
  const suggested = suggestClusters(places, rules);
  const inProjects = await projectOf(
    ctx.db,
    suggested.flatMap((c) => c.places.map((p) => p.compoundId)),
  );
  return {
    division,
    rules: rules.versions,
    neighbourM: rules.neighbourM,
    maxCompounds: rules.maxCompounds,
    suggestions: suggested.map((c) => {
      const busy = c.places.filter((p) => inProjects.has(p.compoundId)).length;
      return {
        compounds: c.places.map((p) => ({
          id: p.compoundId,
          name: p.name,
          households: p.households,
          gaps: p.gaps.map((need) => ({ need, needName: needWords(need) })),
          project: inProjects.get(p.compoundId) ?? null,
        })),
        sharedGaps: c.sharedGaps.map(sharedGapOut),
        households: c.households,
        longestLinkM: c.longestLinkM,
        score: c.score,
        why: [
          m.msg('cluster.why.neighbours', { count: c.places.length, metres: c.longestLinkM }),
          ...(c.sharedGaps.length
            ? c.sharedGaps.map((g) =>
                m.msg('cluster.why.shared', { compounds: g.compounds, need: needWords(g.need), households: g.households }),
              )
            : [m.msg('cluster.why.none_shared')]),
          m.msg('cluster.why.households', { households: c.households }),
          ...(busy ? [m.msg('cluster.why.in_project', { count: busy })] : []),
        ],
      };
    }),
  };
}

export interface AcceptCluster {
  compoundIds: string[];
  year: number;
  name?: string | null;
  futureCommunity?: boolean;
}

const clusterInvalid = (field: Parameters<typeof m.msg>[0], params: Record<string, number> = {}) =>
  unprocessable(m.msg('cluster.invalid', { reason: m.msg(field, params) }), [{ path: 'body.compoundIds', message: m.msg(field, params) }]);

/**
 * POST /clusters/suggestions/accept: the compounds (still neighbours of one district under the rules) become one
 * project of the year with exactly these compounds, and the cluster is kept with its checklist.
 */
export async function acceptCluster(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: AcceptCluster) {
  const rules = await clusterRules(ctx.db);
  const found = await registry.circlePlaces(ctx.db, { ids: input.compoundIds });
  if (
    found.length !== input.compoundIds.length ||
    found.some((p) => !compoundInScope(user.scope, { id: p.compoundId, communityCode: p.communityCode }))
  )
    throw clusterInvalid('field.cluster.unknown');
  const fault = clusterFault(
    found.map((p) => ({ ...p, gaps: [] })),
    rules,
  );
  if (fault)
    throw clusterInvalid(`field.cluster.${fault}`, fault === 'too_many' ? { max: rules.maxCompounds } : { metres: rules.neighbourM });
  const byId = new Map(found.map((p) => [p.compoundId, p]));
  const ordered = input.compoundIds.map((id) => byId.get(id)!);
  const name = input.name?.trim() || m.msg('cluster.default_name', { first: ordered[0]!.name, count: ordered.length }).in('zh-CN');
  const items = await scenarios(ctx.db);
  const id = uuidv7();
  const project = await ctx.db.transaction(async (tx) => {
    // The projects module opens its own transaction: on this one it is a savepoint, so the project and the kept
    // cluster are written together or not at all.
    const p = await createProject({ ...ctx, db: tx as unknown as Db }, user, actor, {
      name,
      year: input.year,
      compoundIds: input.compoundIds,
      futureCommunity: input.futureCommunity ?? false,
    });
    await tx.insert(clusters).values({
      id,
      name,
      districtCode: ordered[0]!.districtCode,
      communityCodes: [...new Set(ordered.map((c) => c.communityCode))],
      compoundIds: ordered.map((c) => c.compoundId),
      projectId: p.id,
      year: input.year,
      createdBy: user.id,
    });
    await tx.insert(clusterChecklist).values(items.map((s) => ({ clusterId: id, item: s.code, updatedBy: user.id })));
    await audit(tx, actor, 'cluster.create', 'cluster', id, { project: p.id, compounds: ordered.length });
    return p;
  });
  return { id, name, year: input.year, project: { id: project.id, name: project.name, compoundIds: project.compounds.map((c) => c.id) } };
}

// Community codes begin with their ancestors' digits: a cluster touches a division when one of its codes begins with it.
const touches = (division: string) => {
  const prefix = divisionPrefix(division);
  return sql`exists (select 1 from unnest(${clusters.communityCodes}) cc where left(cc, ${prefix.length}) = ${prefix})`;
};

async function clusterRow(db: Db | Tx, user: AuthUser, id: string) {
  const [row] = await db.select().from(clusters).where(eq(clusters.id, id)).limit(1);
  if (!row || !user.scope.division || !row.communityCodes.some((c) => within(c, user.scope.division!)))
    throw notFound(m.msg('cluster.entity', { id }));
  return row;
}

/** GET /clusters: the kept clusters touching a division (default the account's own), newest first. */
export async function listClusters(ctx: AppContext, user: AuthUser, division?: string) {
  const code = division ?? user.scope.division ?? '';
  if (!user.scope.division || !divisionLevelOf(code) || !within(code, user.scope.division))
    throw unprocessable(m.msg('cluster.division_invalid'), [{ path: 'querystring.division', message: m.msg('field.division') }]);
  const rows = await ctx.db.select().from(clusters).where(touches(code)).orderBy(desc(clusters.createdAt), desc(clusters.id)).limit(200);
  const done = await ctx.db.execute<{ cluster_id: string; done: number; total: number }>(sql`
    select cluster_id, count(*) filter (where done)::int as done, count(*)::int as total from circle_cluster_checklist
    where cluster_id = any(${pgArray(rows.map((r) => r.id))}::uuid[]) group by 1`);
  const progress = new Map(done.rows.map((r) => [r.cluster_id, r]));
  const names = new Map(
    (await registry.circlePlaces(ctx.db, { ids: [...new Set(rows.flatMap((r) => r.compoundIds))] })).map((p) => [p.compoundId, p]),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      year: r.year,
      projectId: r.projectId,
      compounds: r.compoundIds.map((c) => ({ id: c, name: names.get(c)?.name ?? '', households: names.get(c)?.households ?? 0 })),
      checklist: { done: progress.get(r.id)?.done ?? 0, total: progress.get(r.id)?.total ?? 0 },
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** The facilities two or more of the places reach on foot (within their 15-minute circles). */
async function sharedFacilities(db: Db | Tx, places: CirclePlace[]) {
  if (places.length < 2) return [];
  const rules = await circleRules(db);
  const r = searchRadiusM(rules);
  const boxes = places.map((p) => boxAround(p, r));
  const box = {
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
    minLng: Math.min(...boxes.map((b) => b.minLng)),
    maxLng: Math.max(...boxes.map((b) => b.maxLng)),
  };
  const circles = circlesOf(places, await facilitiesInBox(db, box), rules, await walkingNetwork(db));
  const reachedBy = new Map<string, number>();
  for (const c of circles)
    for (const n of c.needs) for (const f of n.reached) reachedBy.set(f.facilityId, (reachedBy.get(f.facilityId) ?? 0) + 1);
  const shared = [...reachedBy].filter(([, n]) => n >= 2).map(([id]) => id);
  if (!shared.length) return [];
  const rows = await db
    .select({ id: facilities.id, name: facilities.name, need: facilities.need, kind: facilities.kind })
    .from(facilities)
    .where(sql`${facilities.id} = any(${pgArray(shared)}::uuid[])`)
    .orderBy(asc(facilities.need), asc(facilities.name));
  return rows.map((f) => ({ ...f, needName: needWords(f.need), compounds: reachedBy.get(f.id)! }));
}

/** GET /clusters/{id}: a kept cluster with its shared gaps, shared facilities and the checklist. */
export async function getCluster(ctx: AppContext, user: AuthUser, id: string) {
  const row = await clusterRow(ctx.db, user, id);
  await ensureFresh(ctx.db, row.districtCode);
  const found = await registry.circlePlaces(ctx.db, { ids: row.compoundIds });
  const places = await placesWithGaps(ctx.db, found);
  const items = await scenarios(ctx.db);
  const states = new Map((await ctx.db.select().from(clusterChecklist).where(eq(clusterChecklist.clusterId, id))).map((s) => [s.item, s]));
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    projectId: row.projectId,
    households: places.reduce((s, p) => s + p.households, 0),
    compounds: places.map((p) => ({
      id: p.compoundId,
      name: p.name,
      households: p.households,
      gaps: p.gaps.map((need) => ({ need, needName: needWords(need) })),
    })),
    sharedGaps: sharedGapsOf(places).map(sharedGapOut),
    sharedFacilities: await sharedFacilities(ctx.db, found),
    checklist: items.map((s) => {
      const st = states.get(s.code);
      return {
        item: s.code,
        name: words(s.name),
        hint: words(s.hint),
        done: st?.done ?? false,
        note: st?.note ?? null,
        updatedAt: st?.updatedAt.toISOString() ?? null,
      };
    }),
  };
}

/** PUT /clusters/{id}/checklist/{item}: one scenario's state and note, audited. */
export async function setChecklistItem(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  item: string,
  input: { done: boolean; note?: string | null },
) {
  await clusterRow(ctx.db, user, id);
  if (!(await scenarios(ctx.db)).some((s) => s.code === item))
    throw unprocessable(m.msg('cluster.item_unknown'), [{ path: 'params.item', message: m.msg('field.cluster.item') }]);
  const note = input.note?.trim() || null;
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(clusterChecklist)
      .values({ clusterId: id, item, done: input.done, note, updatedBy: user.id, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [clusterChecklist.clusterId, clusterChecklist.item],
        set: { done: input.done, note, updatedBy: user.id, updatedAt: new Date() },
      })
      .returning();
    await audit(tx, actor, 'cluster.checklist', 'cluster', id, { item, done: input.done });
    return { item, done: row!.done, note: row!.note, updatedAt: row!.updatedAt.toISOString() };
  });
}
