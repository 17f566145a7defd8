// The governance dashboard (R20/R23, issue 13 item 7): what the three levels collect downward, for a compound,
// a community, a subdistrict (or a district, the city): grid events by category, source, state and level, SLA
// compliance, grid workers' load and response times, hot spots from coordinates, and beside them the residents'
// surveys (participation's index) and the service data (work orders, workorders' index). Everything is counted
// within what the caller may see (access.ts's eventScope), so a grid worker's dashboard is their grids'.
import { and, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { notFound } from '../../platform/http/problem.ts';
import { ruleAt } from '../../platform/policy.ts';
import { accountsByIds } from '../accounts/index.ts';
import { surveyFigures, type SatisfiedRule, type SurveyFigures } from '../participation/index.ts';
import { projectIdsInDivision, projectsOfCompounds } from '../projects/index.ts';
import { divisionLevelOf, divisionPrefix, registry, within } from '../registry/index.ts';
import { workOrderFigures, type WorkOrderFigures } from '../workorders/index.ts';
import { eventScope, type GridActor } from './access.ts';
import { categoriesAt } from './categories.ts';
import { dashboardMessages as dm } from './dashboard.messages.ts';
import {
  childCounts,
  combos,
  compoundInWorkerGrids,
  gridNames,
  gridOutlines,
  hotSpots,
  mapPoints,
  responseTimes,
  workerLoad,
  type Combo,
} from './dashboard.queries.ts';
import { gridEventSources, gridEventStates, gridLevels } from './schema.ts';

export type DashboardLevel = 'province' | 'city' | 'district' | 'subdistrict' | 'community' | 'compound' | 'scope';

export interface DashboardQuery {
  division?: string;
  compoundId?: string;
  from?: Date;
  to?: Date;
}

interface Place {
  level: DashboardLevel;
  division: string | null;
  compoundId: string | null;
  name: string | null;
  /** Where events are counted (besides the caller's scope). */
  where: SQL;
  /** Grids whose workers are listed. */
  gridWhere: SQL;
  /** One level down, for the three-level view. */
  child: { level: 'district' | 'subdistrict' | 'community' | 'compound' | 'grid'; key: SQL } | null;
  refLat: number;
}

const HANGZHOU_LAT = 30.27;
/** Hot-spot cell size in metres by level: a compound's courtyards to a city's districts. */
const CELL_M: Record<DashboardLevel, number> = {
  province: 5000,
  city: 1000,
  district: 500,
  subdistrict: 200,
  community: 100,
  compound: 50,
  scope: 200,
};
const MAP_POINTS = 3000;

const childOf: Record<string, Place['child']> = {
  province: { level: 'district', key: sql`left(grid_events.community_code, 6)` },
  city: { level: 'district', key: sql`left(grid_events.community_code, 6)` },
  district: { level: 'subdistrict', key: sql`left(grid_events.community_code, 9)` },
  subdistrict: { level: 'community', key: sql`grid_events.community_code` },
  community: { level: 'compound', key: sql`grid_events.compound_id::text` },
  compound: { level: 'grid', key: sql`grid_events.grid_id::text` },
  scope: { level: 'compound', key: sql`grid_events.compound_id::text` },
};

/** The place asked for, within the caller's scope: a division inside it, one of its compounds, or all of it. */
async function placeOf(ctx: AppContext, user: GridActor, q: DashboardQuery): Promise<Place> {
  const scope = user.scope;
  if (q.compoundId) {
    const place = (await registry.compoundPlaces(ctx.db, [q.compoundId])).get(q.compoundId);
    const visible =
      place &&
      (scope.compoundIds.includes(place.compoundId) ||
        (scope.division !== null && within(place.communityCode, scope.division)) ||
        (user.role === 'grid_worker' && (await compoundInWorkerGrids(ctx.db, user.id, place.compoundId))));
    if (!place || !visible) throw notFound(dm.msg('compound.entity', { id: q.compoundId }));
    return {
      level: 'compound',
      division: place.communityCode,
      compoundId: place.compoundId,
      name: place.name,
      where: sql`grid_events.compound_id = ${place.compoundId}::uuid`,
      gridWhere: sql`g.id in (select gb.grid_id from grid_buildings gb where gb.compound_id = ${place.compoundId}::uuid)`,
      child: childOf.compound!,
      refLat: place.lat ?? HANGZHOU_LAT,
    };
  }
  const asked = q.division ?? scope.division ?? undefined;
  if (!asked) {
    // No division of one's own (compounds granted one by one, a grid worker): everything one may see.
    return {
      level: 'scope',
      division: null,
      compoundId: null,
      name: null,
      where: sql`true`,
      gridWhere:
        user.role === 'grid_worker' ? sql`g.id in (select grid_id from grid_workers where account_id = ${user.id}::uuid)` : sql`false`,
      child: childOf.scope!,
      refLat: HANGZHOU_LAT,
    };
  }
  const level = divisionLevelOf(asked);
  if (!level || !scope.division || !within(asked, scope.division)) throw notFound(dm.msg('division.entity', { code: asked }));
  const prefix = divisionPrefix(asked);
  return {
    level,
    division: asked,
    compoundId: null,
    name: null,
    where: level === 'community' ? sql`grid_events.community_code = ${asked}` : sql`grid_events.community_code like ${prefix + '%'}`,
    gridWhere: level === 'community' ? sql`g.community_code = ${asked}` : sql`g.community_code like ${prefix + '%'}`,
    child: childOf[level] ?? null,
    refLat: HANGZHOU_LAT,
  };
}

const sum = (rows: Combo[], pick: (c: Combo) => number) => rows.reduce((n, c) => n + pick(c), 0);

function groupBy<K extends string>(rows: Combo[], key: (c: Combo) => K, order: readonly K[] = []) {
  const out = new Map<K, { count: number; open: number; overdue: number; closed: number; closedInTime: number }>();
  for (const k of order) out.set(k, { count: 0, open: 0, overdue: 0, closed: 0, closedInTime: 0 });
  for (const c of rows) {
    const k = key(c);
    const g = out.get(k) ?? { count: 0, open: 0, overdue: 0, closed: 0, closedInTime: 0 };
    g.count += c.n;
    g.overdue += c.overdue;
    g.closedInTime += c.closedInTime;
    if (c.state === 'closed') g.closed += c.n;
    else g.open += c.n;
    out.set(k, g);
  }
  return [...out];
}

/** n / d as an exact fraction and a percentage with one decimal (rounded half up in integers); null without a denominator. */
export function ratio(n: number, d: number): { rate: string | null; percent: string | null } {
  if (d <= 0) return { rate: null, percent: null };
  const tenths = Math.floor((2000 * n + d) / (2 * d)); // round(1000 n / d)
  return { rate: `${n}/${d}`, percent: `${Math.floor(tenths / 10)}.${tenths % 10}` };
}

async function surveysOf(
  ctx: AppContext,
  user: GridActor,
  place: Place,
): Promise<SurveyFigures & { rule: { key: string; version: string } }> {
  const rule = await ruleAt<SatisfiedRule>(ctx.db, 'satisfaction.satisfied', new Date().toISOString().slice(0, 10));
  let figures: SurveyFigures;
  if (place.compoundId) {
    const projects = await projectsOfCompounds(ctx.db, [place.compoundId]);
    const households = await registry.householdIdsOfCompounds(ctx.db, [place.compoundId]);
    figures = await surveyFigures(ctx.db, [...new Set(projects.map((p) => p.id))], rule.value, households);
  } else if (place.division) {
    figures = await surveyFigures(ctx.db, await projectIdsInDivision(ctx.db, divisionPrefix(place.division)), rule.value);
  } else if (user.scope.compoundIds.length) {
    const projects = await projectsOfCompounds(ctx.db, user.scope.compoundIds);
    const households = await registry.householdIdsOfCompounds(ctx.db, user.scope.compoundIds);
    figures = await surveyFigures(ctx.db, [...new Set(projects.map((p) => p.id))], rule.value, households);
  } else figures = { byKind: [], satisfaction: { surveys: 0, satisfied: 0, answered: 0 } };
  return { ...figures, rule: { key: rule.key, version: rule.version } };
}

async function servicesOf(ctx: AppContext, user: GridActor, place: Place, now: Date): Promise<WorkOrderFigures> {
  if (place.compoundId) return workOrderFigures(ctx.db, { compoundId: place.compoundId }, now);
  if (place.division) return workOrderFigures(ctx.db, { communityPrefix: divisionPrefix(place.division) }, now);
  const each = await Promise.all(user.scope.compoundIds.map((compoundId) => workOrderFigures(ctx.db, { compoundId }, now)));
  return {
    total: each.reduce((n, f) => n + f.total, 0),
    overdue: each.reduce((n, f) => n + f.overdue, 0),
    byStatus: (each[0]?.byStatus ?? []).map((s) => ({
      ...s,
      count: each.reduce((n, f) => n + (f.byStatus.find((x) => x.status === s.status)?.count ?? 0), 0),
    })),
    bySource: [...new Set(each.flatMap((f) => f.bySource.map((s) => s.sourceKind)))].map((sourceKind) => ({
      sourceKind,
      count: each.reduce((n, f) => n + (f.bySource.find((s) => s.sourceKind === sourceKind)?.count ?? 0), 0),
    })),
  };
}

/** Names of the children one level down: divisions from the registry, compounds' names, grids' own. */
async function childNames(ctx: AppContext, level: NonNullable<Place['child']>['level'], keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  if (level === 'grid') return gridNames(ctx.db, keys);
  if (level === 'compound') {
    const places = await registry.compoundPlaces(ctx.db, keys);
    return new Map([...places].map(([id, p]) => [id, p.name]));
  }
  const parents = [
    ...new Set(keys.map((k) => (level === 'district' ? `${k.slice(0, 4)}00` : level === 'subdistrict' ? k.slice(0, 6) : k.slice(0, 9)))),
  ];
  const lists = await Promise.all(parents.map((p) => registry.childDivisions(ctx.db, p)));
  return new Map(lists.flat().map((d) => [d.code, d.name]));
}

export async function gridDashboard(ctx: AppContext, user: GridActor, q: DashboardQuery, locale: Locale, now = new Date()) {
  const place = await placeOf(ctx, user, q);
  const where = and(
    sql`grid_events.merged_into_id is null`,
    place.where,
    eventScope(user),
    q.from ? sql`grid_events.reported_at >= ${q.from.toISOString()}::timestamptz` : undefined,
    q.to ? sql`grid_events.reported_at < ${q.to.toISOString()}::timestamptz` : undefined,
  )!;
  // The queries name grid_events unaliased, as eventScope's columns do.
  const scoped = where;
  const [rows, children, response, load, spots, points, categories, surveys, services, outlines] = await Promise.all([
    combos(ctx.db, scoped, now),
    place.child ? childCounts(ctx.db, scoped, place.child.key, now) : Promise.resolve([]),
    responseTimes(ctx.db, scoped),
    workerLoad(ctx.db, scoped, place.gridWhere),
    hotSpots(ctx.db, scoped, CELL_M[place.level], place.refLat),
    mapPoints(ctx.db, scoped, now, MAP_POINTS),
    categoriesAt(ctx.db),
    surveysOf(ctx, user, place),
    servicesOf(ctx, user, place, now),
    // Grids are drawn where they are few enough to read: a community's or a compound's.
    place.level === 'community' || place.level === 'compound' || place.level === 'scope'
      ? gridOutlines(ctx.db, place.gridWhere)
      : Promise.resolve([]),
  ]);
  const [names, accounts] = await Promise.all([
    place.child
      ? childNames(
          ctx,
          place.child.level,
          children.map((c) => c.key),
        )
      : Promise.resolve(new Map<string, string>()),
    accountsByIds(ctx.db, [...new Set([...load.map((l) => l.accountId), ...response.flatMap((r) => (r.actorId ? [r.actorId] : []))])]),
  ]);
  const nameOf = (code: string) => {
    const c = categories.byCode.get(code);
    return c ? (locale === 'en' ? c.name.en : c.name.zh) : code;
  };
  const events = sum(rows, (c) => c.n);
  const closed = sum(
    rows.filter((c) => c.state === 'closed'),
    (c) => c.n,
  );
  const closedInTime = sum(rows, (c) => c.closedInTime);
  const byActor = new Map(response.slice(1).map((r) => [r.actorId!, r]));
  const workerIds = [...new Set([...load.map((l) => l.accountId), ...byActor.keys()])];
  const accountName = new Map(accounts.map((a) => [a.id, a.displayName]));
  return {
    level: place.level,
    division: place.division,
    compoundId: place.compoundId,
    name: place.name,
    from: q.from?.toISOString() ?? null,
    to: q.to?.toISOString() ?? null,
    at: now.toISOString(),
    totals: {
      events,
      open: events - closed,
      overdue: sum(rows, (c) => c.overdue),
      closed,
      closedInTime,
      sla: ratio(closedInTime, closed),
    },
    byState: groupBy(rows, (c) => c.state, gridEventStates).map(([state, g]) => ({ state, ...g })),
    byCategory: groupBy(rows, (c) => c.category)
      .map(([category, g]) => ({ category, name: nameOf(category), ...g, sla: ratio(g.closedInTime, g.closed) }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    bySource: groupBy(rows, (c) => c.source, gridEventSources).map(([source, g]) => ({ source, ...g })),
    byLevel: groupBy(rows, (c) => c.level, gridLevels).map(([level, g]) => ({ level, ...g })),
    childLevel: place.child?.level ?? null,
    children: children.map((c) => ({
      key: c.key,
      name: names.get(c.key) ?? null,
      events: c.events,
      open: c.open,
      overdue: c.overdue,
      closed: c.closed,
      closedInTime: c.closedInTime,
      sla: ratio(c.closedInTime, c.closed),
    })),
    response: { samples: response[0]!.samples, medianSeconds: response[0]!.medianSeconds, p90Seconds: response[0]!.p90Seconds },
    workers: workerIds
      .map((id) => {
        const l = load.find((x) => x.accountId === id);
        const r = byActor.get(id);
        return {
          accountId: id,
          name: accountName.get(id) ?? null,
          grids: l?.grids ?? 0,
          open: l?.open ?? 0,
          assigned: l?.assigned ?? 0,
          accepted: r?.samples ?? 0,
          medianSeconds: r?.medianSeconds ?? null,
          p90Seconds: r?.p90Seconds ?? null,
        };
      })
      .sort((a, b) => b.open - a.open || b.assigned - a.assigned || a.accountId.localeCompare(b.accountId)),
    hotSpots: spots,
    points: points.map((p) => ({ ...p, categoryName: nameOf(p.category) })),
    pointsCapped: points.length >= MAP_POINTS,
    grids: outlines,
    surveys: {
      byKind: surveys.byKind,
      satisfaction: { ...surveys.satisfaction, ...ratio(surveys.satisfaction.satisfied, surveys.satisfaction.answered) },
      rule: surveys.rule,
    },
    services,
  };
}
