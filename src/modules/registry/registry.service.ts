// Use cases of the registry: divisions and compounds (households: households.service.ts).
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { exactDecimals, type DecimalShape } from '../../platform/decimal.ts';
import { conflict, notFound, unprocessable } from '../../platform/http/problem.ts';
import { registryMessages as rm } from './messages.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { ruleAt } from '../../platform/policy.ts';
import { divisionLevelOf, eligibilityCutoffYear, lineage } from './divisions.ts';
import { buildings, compounds, divisions, households, units } from './schema.ts';
import { compoundsWritten, registryGeneration, VersionedCache } from './list-cache.ts';
import { compoundInScope, divisionVisible, underDivision } from './scope.ts';

export async function eligibilityRule(db: Db | Tx) {
  const rule = await ruleAt<string>(db, 'eligibility.built_before');
  return { rule, cutoffYear: eligibilityCutoffYear(rule.value) };
}

// ---- divisions -------------------------------------------------------------

export async function listDivisions(ctx: AppContext, user: AuthUser, parent?: string) {
  if (parent === undefined) {
    // The roots of what this account may see: its scope division, or the divisions of its compounds.
    const codes = user.scope.division ? [user.scope.division] : await communitiesOf(ctx.db, user.scope.compoundIds);
    if (!codes.length) return [];
    return ctx.db.select().from(divisions).where(inArray(divisions.code, codes)).orderBy(asc(divisions.code));
  }
  if (
    !divisionVisible(user.scope, parent) &&
    !(await communitiesOf(ctx.db, user.scope.compoundIds)).some((c) => lineage(c).includes(parent))
  ) {
    throw notFound(rm.msg('division.entity', { code: parent }));
  }
  const rows = await ctx.db.select().from(divisions).where(eq(divisions.parent, parent)).orderBy(asc(divisions.code));
  // Above the scope, show only the branch that leads down to it.
  return rows.filter((d) => !user.scope.division || divisionVisible(user.scope, d.code));
}

async function communitiesOf(db: Db, compoundIds: string[]): Promise<string[]> {
  if (!compoundIds.length) return [];
  const rows = await db.selectDistinct({ code: compounds.communityCode }).from(compounds).where(inArray(compounds.id, compoundIds));
  return rows.map((r) => r.code);
}

export async function divisionNames(db: Db | Tx, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.select({ code: divisions.code, name: divisions.name }).from(divisions).where(inArray(divisions.code, codes));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The divisions directly under one (a city's districts, for the annual district assessment), by code. */
export async function childDivisions(db: Db | Tx, parent: string): Promise<{ code: string; name: string }[]> {
  return db
    .select({ code: divisions.code, name: divisions.name })
    .from(divisions)
    .where(eq(divisions.parent, parent))
    .orderBy(asc(divisions.code));
}

// ---- compounds -------------------------------------------------------------

export const compoundSorts = ['name', 'yearBuilt', 'floorAreaM2', 'households'] as const;
// Each sort's column and the type its cursor key is cast back to.
const compoundSortBy = {
  name: { column: compounds.name, cast: 'text' },
  yearBuilt: { column: compounds.yearBuilt, cast: 'int' },
  floorAreaM2: { column: compounds.floorAreaM2, cast: 'numeric' },
  households: { column: compounds.householdsCount, cast: 'int' },
} as const;

export const compoundFilters = z.object({
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6-, 9- or 12-digit division code')
    .optional(),
  q: z.string().trim().max(100).optional(),
  yearFrom: z.coerce.number().int().min(1800).max(2100).optional(),
  yearTo: z.coerce.number().int().min(1800).max(2100).optional(),
  eligible: z.enum(['true', 'false']).optional(),
  sort: z.enum(compoundSorts).optional().describe('the column to sort by (default: name)'),
  order: z.enum(['asc', 'desc']).optional().describe('ascending (default) or descending'),
});
export type CompoundFilters = z.infer<typeof compoundFilters>;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const listColumns = {
  id: compounds.id,
  name: compounds.name,
  cityCode: compounds.cityCode,
  districtCode: compounds.districtCode,
  subdistrictCode: compounds.subdistrictCode,
  communityCode: compounds.communityCode,
  address: compounds.address,
  yearBuilt: compounds.yearBuilt,
  floorAreaM2: compounds.floorAreaM2,
  households: compounds.householdsCount,
};

type CompoundListRow = {
  id: string;
  name: string;
  cityCode: string;
  districtCode: string;
  subdistrictCode: string;
  communityCode: string;
  address: string;
  yearBuilt: number;
  floorAreaM2: string;
  households: number;
};

function shapeListRow(r: CompoundListRow, cutoffYear: number) {
  return {
    id: r.id,
    name: r.name,
    communityCode: r.communityCode,
    divisionPath: [`${r.cityCode.slice(0, 2)}0000`, r.cityCode, r.districtCode, r.subdistrictCode, r.communityCode],
    address: r.address,
    yearBuilt: r.yearBuilt,
    floorAreaM2: r.floorAreaM2,
    households: r.households,
    eligible: r.yearBuilt <= cutoffYear,
  };
}

const compoundCursor = z.tuple([z.union([z.string(), z.number()]), z.string().uuid()]);

// The compound list is the hottest read: each combination of filters is one
// prepared statement (parsed and planned once per connection), with the scope
// and filter values as parameters.
type ListParams = Record<string, string | number | string[] | null>;

function listConditions(user: AuthUser, f: CompoundFilters): SQL[] {
  const scope: SQL[] = [];
  if (user.scope.division) scope.push(underDivision(user.scope.division, 'scopeDivision'));
  if (user.scope.compoundIds.length) scope.push(sql`${compounds.id} = any(${sql.placeholder('scopeIds')}::uuid[])`);
  const parts: SQL[] = [scope.length ? sql`(${sql.join(scope, sql` or `)})` : sql`false`];
  if (f.division) parts.push(underDivision(f.division, 'division'));
  if (f.q) parts.push(sql`(${compounds.name} ilike ${sql.placeholder('q')} or ${compounds.address} ilike ${sql.placeholder('q')})`);
  if (f.yearFrom !== undefined) parts.push(sql`${compounds.yearBuilt} >= ${sql.placeholder('yearFrom')}`);
  if (f.yearTo !== undefined) parts.push(sql`${compounds.yearBuilt} <= ${sql.placeholder('yearTo')}`);
  if (f.eligible === 'true') parts.push(sql`${compounds.yearBuilt} <= ${sql.placeholder('cutoffYear')}`);
  if (f.eligible === 'false') parts.push(sql`${compounds.yearBuilt} > ${sql.placeholder('cutoffYear')}`);
  return parts;
}

function buildListQuery(db: Db, user: AuthUser, f: CompoundFilters, after: boolean) {
  const parts = listConditions(user, f);
  const { column, cast } = compoundSortBy[f.sort ?? 'name'];
  const desc_ = f.order === 'desc';
  if (after)
    parts.push(
      sql`(${column}, ${compounds.id}) ${sql.raw(desc_ ? '<' : '>')} (${sql.placeholder('afterName')}::${sql.raw(cast)}, ${sql.placeholder('afterId')}::uuid)`,
    );
  const dir = desc_ ? desc : asc;
  return db
    .select({ ...listColumns, sortKey: sql<string>`${column}::text` })
    .from(compounds)
    .where(and(...parts))
    .orderBy(dir(column), dir(compounds.id))
    .limit(sql.placeholder('limit'));
}

function buildCountQuery(db: Db, user: AuthUser, f: CompoundFilters) {
  return db
    .select({ n: sql<number>`count(*)::int` })
    .from(compounds)
    .where(and(...listConditions(user, f)));
}

// Prepared statements belong to one database (pool); a process may hold several (tests do).
const listStatementsOf = new WeakMap<Db, Map<string, ReturnType<ReturnType<typeof buildListQuery>['prepare']>>>();

function listStatement(db: Db, user: AuthUser, f: CompoundFilters, after: boolean) {
  let listStatements = listStatementsOf.get(db);
  if (!listStatements) listStatementsOf.set(db, (listStatements = new Map()));
  const level = (code: string | null | undefined) => (code ? divisionLevelOf(code) : '-');
  const shape = [
    level(user.scope.division),
    user.scope.compoundIds.length ? 'ids' : '-',
    level(f.division),
    f.q ? 'q' : '-',
    f.yearFrom !== undefined ? 'yf' : '-',
    f.yearTo !== undefined ? 'yt' : '-',
    f.eligible ?? '-',
    after ? 'after' : '-',
    f.sort ?? 'name',
    f.order ?? 'asc',
  ].join('.');
  let stmt = listStatements.get(shape);
  if (!stmt) {
    stmt = buildListQuery(db, user, f, after).prepare(`compounds_list_${listStatements.size}`);
    listStatements.set(shape, stmt);
  }
  let countStatements = countStatementsOf.get(db);
  if (!countStatements) countStatementsOf.set(db, (countStatements = new Map()));
  // The total ignores the cursor: one count per filter shape.
  const countShape = shape.replace(/\.after\./, '.-.');
  let count = countStatements.get(countShape);
  if (!count) {
    count = buildCountQuery(db, user, f).prepare(`compounds_count_${countStatements.size}`);
    countStatements.set(countShape, count);
  }
  return { stmt, count };
}
const countStatementsOf = new WeakMap<Db, Map<string, ReturnType<ReturnType<typeof buildCountQuery>['prepare']>>>();

type CompoundPage = { items: ReturnType<typeof shapeListRow>[]; nextCursor: string | null; total: number };
const frozen = <T>(value: T): T => Object.freeze(value) as T;
const listCaches = new WeakMap<Db, VersionedCache<CompoundPage>>();

export async function listCompounds(
  ctx: AppContext,
  user: AuthUser,
  f: CompoundFilters & { limit: number; cursor?: string },
): Promise<CompoundPage> {
  const { cutoffYear } = await eligibilityRule(ctx.db);
  const after = decodeCursor(f.cursor, compoundCursor);
  let listCache = listCaches.get(ctx.db);
  if (!listCache) listCaches.set(ctx.db, (listCache = new VersionedCache(ctx.env.LIST_CACHE_ENTRIES)));
  const version = registryGeneration(ctx);
  const key = JSON.stringify([
    user.scope,
    f.division,
    f.q,
    f.yearFrom,
    f.yearTo,
    f.eligible,
    f.sort,
    f.order,
    f.cursor,
    f.limit,
    cutoffYear,
  ]);
  const hit = version === undefined ? undefined : listCache.get(version, key);
  if (hit) return hit;
  const params: ListParams = {
    scopeDivision: user.scope.division,
    scopeIds: user.scope.compoundIds,
    division: f.division ?? null,
    q: f.q ? likePattern(f.q) : null,
    yearFrom: f.yearFrom ?? null,
    yearTo: f.yearTo ?? null,
    cutoffYear,
    afterName: after?.[0] ?? null,
    afterId: after?.[1] ?? null,
    limit: f.limit + 1,
  };
  const { stmt, count } = listStatement(ctx.db, user, f, !!after);
  const [rows, [total]] = await Promise.all([stmt.execute(params), count.execute(params)]);
  const result = page(rows, f.limit, (r) => [r.sortKey, r.id]);
  // Frozen: the page may be shared by many requests (and its JSON text is kept with it).
  const shaped = frozen({
    items: frozen(result.items.map((r) => frozen(shapeListRow(r, cutoffYear)))),
    nextCursor: result.nextCursor,
    total: total!.n,
  });
  if (version !== undefined) listCache.set(version, key, shaped);
  return shaped;
}

/** Every compound matching the filters, in pages, for exports. */
export async function* allCompounds(ctx: AppContext, user: AuthUser, f: CompoundFilters) {
  let cursor: string | undefined;
  do {
    const result = await listCompounds(ctx, user, { ...f, limit: 1000, cursor });
    yield* result.items;
    cursor = result.nextCursor ?? undefined;
  } while (cursor);
}

export async function compoundRow(db: Db | Tx, user: AuthUser, id: string) {
  const [row] = await db.select().from(compounds).where(eq(compounds.id, id)).limit(1);
  if (!row || !compoundInScope(user.scope, row)) throw notFound(rm.msg('compound.entity', { id }));
  return row;
}

export async function getCompound(ctx: AppContext, user: AuthUser, id: string) {
  const row = await compoundRow(ctx.db, user, id);
  const { cutoffYear } = await eligibilityRule(ctx.db);
  const path = lineage(row.communityCode);
  const names = await divisionNames(ctx.db, path);
  const unitRows = await ctx.db
    .select({
      buildingId: buildings.id,
      building: buildings.name,
      unitId: units.id,
      unit: units.name,
      households: sql<number>`(select count(*)::int from ${households} h where h.unit_id = ${units.id})`,
    })
    .from(buildings)
    .leftJoin(units, eq(units.buildingId, buildings.id))
    .where(eq(buildings.compoundId, id))
    .orderBy(asc(buildings.name), asc(units.name));
  const byBuilding = new Map<string, { id: string; name: string; units: { id: string; name: string; households: number }[] }>();
  for (const r of unitRows) {
    const b = byBuilding.get(r.buildingId) ?? { id: r.buildingId, name: r.building, units: [] };
    if (r.unitId && r.unit) b.units.push({ id: r.unitId, name: r.unit, households: r.households });
    byBuilding.set(r.buildingId, b);
  }
  const buildingList = [...byBuilding.values()];
  return {
    id: row.id,
    name: row.name,
    communityCode: row.communityCode,
    divisionPath: path,
    divisionNames: path.map((c) => names.get(c) ?? c),
    address: row.address,
    longitude: row.longitude,
    latitude: row.latitude,
    yearBuilt: row.yearBuilt,
    floorAreaM2: row.floorAreaM2,
    buildingsCount: row.buildingsCount,
    households: row.householdsCount,
    householdsRegistered: buildingList.reduce((n, b) => n + b.units.reduce((m, u) => m + u.households, 0), 0),
    propertyMode: row.propertyMode,
    eligible: row.yearBuilt <= cutoffYear,
    buildings: buildingList,
  };
}

export interface NewCompound {
  name: string;
  communityCode: string;
  address: string;
  yearBuilt: number;
  floorAreaM2: string;
  longitude?: string | null;
  latitude?: string | null;
  buildingsCount?: number;
  householdsCount?: number;
  propertyMode?: (typeof compounds.$inferInsert)['propertyMode'];
}

export async function communityInScope(db: Db | Tx, user: AuthUser, code: string): Promise<boolean> {
  if (divisionLevelOf(code) !== 'community') return false;
  if (!user.scope.division || !lineage(code).includes(user.scope.division)) return false;
  const [row] = await db.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, code)).limit(1);
  return !!row;
}

export function compoundValues(c: NewCompound) {
  const path = lineage(c.communityCode);
  return {
    name: c.name,
    communityCode: c.communityCode,
    subdistrictCode: path[3]!,
    districtCode: path[2]!,
    cityCode: path[1]!,
    address: c.address,
    longitude: c.longitude ?? null,
    latitude: c.latitude ?? null,
    yearBuilt: c.yearBuilt,
    floorAreaM2: c.floorAreaM2,
    buildingsCount: c.buildingsCount ?? 0,
    householdsCount: c.householdsCount ?? 0,
    propertyMode: c.propertyMode ?? 'none',
  };
}

/** compounds.floor_area_m2 is numeric(12, 2). */
export const COMPOUND_AREA: DecimalShape = { integerDigits: 10, scale: 2, example: '1234.56' };

export async function createCompound(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  given: Omit<NewCompound, 'floorAreaM2'> & { floorAreaM2: string | number },
) {
  const input: NewCompound = exactDecimals(given, ['floorAreaM2'], COMPOUND_AREA);
  if (!(await communityInScope(ctx.db, user, input.communityCode))) {
    throw unprocessable(rm.msg('compound.community_unknown'), [{ path: 'communityCode', message: rm.msg('field.community_unknown') }]);
  }
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(compounds)
      .values({ id, ...compoundValues(input) })
      .onConflictDoNothing()
      .returning({ id: compounds.id });
    if (!inserted.length)
      throw conflict(rm.msg('compound.name_taken', { name: input.name, community: input.communityCode }), {
        errors: [{ path: 'name', message: rm.msg('field.name_taken') }],
      });
    await audit(tx, actor, 'compound.create', 'compound', id);
  });
  compoundsWritten(ctx);
  return getCompound(ctx, user, id);
}

/** Compounds by id for another module (projects): each must exist and lie in the account's scope. */
export async function compoundsInScope(ctx: AppContext, user: AuthUser, ids: string[]) {
  if (!ids.length) return [];
  const rows = await ctx.db.select().from(compounds).where(inArray(compounds.id, ids));
  const visible = rows.filter((r) => compoundInScope(user.scope, r));
  const errors = ids.flatMap((id, i) =>
    visible.some((r) => r.id === id) ? [] : [{ path: `body.compoundIds.${i}`, message: rm.msg('field.compound_not_in_scope') }],
  );
  if (errors.length) throw unprocessable(rm.msg('compound.unknown_or_out_of_scope'), errors);
  return ids.map((id) => visible.find((r) => r.id === id)!);
}

/** The buildings of some compounds, by name: where devices are placed (no scope: for seeding and the simulator). */
export async function buildingsOfCompounds(
  db: Db | Tx,
  compoundIds: string[],
): Promise<{ id: string; compoundId: string; name: string }[]> {
  if (!compoundIds.length) return [];
  return db
    .select({ id: buildings.id, compoundId: buildings.compoundId, name: buildings.name })
    .from(buildings)
    .where(inArray(buildings.compoundId, compoundIds))
    .orderBy(asc(buildings.compoundId), asc(buildings.name));
}
