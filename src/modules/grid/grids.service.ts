// Grids under a community: the buildings each covers (a building in one grid at most), an optional outline, the
// grid workers, and their patrol check-ins with time and place.
import { and, asc, count, desc, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountsByIds, accountsWithPermissionIn } from '../accounts/index.ts';
import { divisionPrefix, registry } from '../registry/index.ts';
import { communityInScope, type GridActor } from './access.ts';
import { inPolygon } from './lifecycle.ts';
import { gridMessages as gm } from './messages.ts';
import { gridBuildings, grids, gridWorkers, patrolCheckins } from './schema.ts';

type Reader = Db | Tx;
const auditActor = (a: GridActor) => ({ id: a.id, username: a.username, ip: a.ip });

/**
 * The grid of a place: the building's; else, for a point, the community's grid whose outline holds it; else the grid
 * holding most of the compound's buildings. With its workers.
 */
export async function gridOfPlace(
  db: Reader,
  place: { buildingId: string | null; compoundId: string | null; communityCode?: string; point?: { lat: number; lng: number } | null },
): Promise<{ gridId: string; workerIds: string[] } | null> {
  let gridId: string | undefined;
  if (place.buildingId) {
    const [b] = await db.select({ gridId: gridBuildings.gridId }).from(gridBuildings).where(eq(gridBuildings.buildingId, place.buildingId));
    gridId = b?.gridId;
  }
  if (!gridId && place.point && place.communityCode) {
    const drawn = await db
      .select({ id: grids.id, polygon: grids.polygon })
      .from(grids)
      .where(and(eq(grids.communityCode, place.communityCode), isNotNull(grids.polygon)))
      .orderBy(asc(grids.code));
    gridId = drawn.find((g) => inPolygon(place.point!, g.polygon as number[][][]))?.id;
  }
  if (!gridId && place.compoundId) {
    const [g] = await db
      .select({ gridId: gridBuildings.gridId, n: count() })
      .from(gridBuildings)
      .where(eq(gridBuildings.compoundId, place.compoundId))
      .groupBy(gridBuildings.gridId)
      .orderBy(desc(count()), asc(gridBuildings.gridId))
      .limit(1);
    gridId = g?.gridId;
  }
  if (!gridId) return null;
  const workers = await db
    .select({ accountId: gridWorkers.accountId })
    .from(gridWorkers)
    .where(eq(gridWorkers.gridId, gridId))
    .orderBy(asc(gridWorkers.since), asc(gridWorkers.accountId));
  return { gridId, workerIds: workers.map((w) => w.accountId) };
}

/** The grids an account works in. */
export async function gridsOfWorker(db: Reader, accountId: string): Promise<string[]> {
  const rows = await db.select({ gridId: gridWorkers.gridId }).from(gridWorkers).where(eq(gridWorkers.accountId, accountId));
  return rows.map((r) => r.gridId);
}

function gridScope(actor: GridActor) {
  if (actor.role === 'grid_worker')
    return sql`${grids.id} in (select ${gridWorkers.gridId} from ${gridWorkers} where ${gridWorkers.accountId} = ${actor.id})`;
  if (!actor.scope.division) return sql`false`;
  return sql`${grids.communityCode} like ${divisionPrefix(actor.scope.division) + '%'}`;
}

async function visibleGrid(db: Reader, actor: GridActor, id: string) {
  const [g] = await db
    .select()
    .from(grids)
    .where(and(eq(grids.id, id), gridScope(actor)));
  if (!g) throw notFound(gm.msg('grid.entity', { id }));
  return g;
}

export interface GridInput {
  communityCode: string;
  code: string;
  name: string;
  polygon?: number[][][] | null;
  buildingIds?: string[];
}

async function setBuildings(tx: Tx, gridId: string, communityCode: string, buildingIds: string[]) {
  const ids = [...new Set(buildingIds)];
  const places = await registry.buildingPlaces(tx, ids);
  const elsewhere = ids.length
    ? await tx
        .select({ buildingId: gridBuildings.buildingId })
        .from(gridBuildings)
        .where(and(inArray(gridBuildings.buildingId, ids), sql`${gridBuildings.gridId} <> ${gridId}`))
    : [];
  const bad = ids.flatMap((b, i) =>
    places.get(b)?.communityCode !== communityCode || elsewhere.some((e) => e.buildingId === b)
      ? [{ path: `body.buildingIds.${i}`, message: gm.msg('field.building_elsewhere') }]
      : [],
  );
  if (bad.length) throw unprocessable(gm.msg('grid.building_elsewhere'), bad);
  await tx.delete(gridBuildings).where(eq(gridBuildings.gridId, gridId));
  if (ids.length) await tx.insert(gridBuildings).values(ids.map((b) => ({ gridId, buildingId: b, compoundId: places.get(b)!.compoundId })));
}

export async function createGrid(ctx: AppContext, actor: GridActor, input: GridInput) {
  if (!communityInScope(actor, input.communityCode))
    throw unprocessable(gm.msg('grid.community_out_of_scope'), [
      { path: 'body.communityCode', message: gm.msg('field.community_out_of_scope') },
    ]);
  const id = uuidv7();
  await ctx.db.transaction(async (tx) => {
    const taken = await tx
      .select({ id: grids.id })
      .from(grids)
      .where(and(eq(grids.communityCode, input.communityCode), eq(grids.code, input.code)));
    if (taken.length)
      throw conflict(gm.msg('grid.code_taken', { code: input.code }), {
        errors: [{ path: 'body.code', message: gm.msg('field.code_taken') }],
      });
    await tx
      .insert(grids)
      .values({ id, communityCode: input.communityCode, code: input.code, name: input.name, polygon: input.polygon ?? null });
    await setBuildings(tx, id, input.communityCode, input.buildingIds ?? []);
    await audit(tx, auditActor(actor), 'grid.create', 'grid', id, {
      communityCode: input.communityCode,
      buildings: input.buildingIds?.length ?? 0,
    });
  });
  return getGrid(ctx, actor, id);
}

export async function updateGrid(
  ctx: AppContext,
  actor: GridActor,
  id: string,
  input: { name?: string; polygon?: number[][][] | null; buildingIds?: string[] },
) {
  await ctx.db.transaction(async (tx) => {
    const g = await visibleGrid(tx, actor, id);
    const set: Partial<typeof grids.$inferInsert> = { updatedAt: new Date() };
    if (input.name !== undefined) set.name = input.name;
    if (input.polygon !== undefined) set.polygon = input.polygon;
    await tx.update(grids).set(set).where(eq(grids.id, id));
    if (input.buildingIds) await setBuildings(tx, id, g.communityCode, input.buildingIds);
    await audit(tx, auditActor(actor), 'grid.update', 'grid', id, { fields: Object.keys(input) });
  });
  return getGrid(ctx, actor, id);
}

export async function listGrids(ctx: AppContext, actor: GridActor, q: { communityCode?: string }) {
  const rows = await ctx.db
    .select({ id: grids.id, communityCode: grids.communityCode, code: grids.code, name: grids.name })
    .from(grids)
    .where(and(gridScope(actor), q.communityCode ? eq(grids.communityCode, q.communityCode) : undefined))
    .orderBy(asc(grids.communityCode), asc(grids.code))
    .limit(1000);
  const ids = rows.map((r) => r.id);
  const [b, w] = ids.length
    ? await Promise.all([
        ctx.db
          .select({ gridId: gridBuildings.gridId, n: count() })
          .from(gridBuildings)
          .where(inArray(gridBuildings.gridId, ids))
          .groupBy(gridBuildings.gridId),
        ctx.db
          .select({ gridId: gridWorkers.gridId, accountId: gridWorkers.accountId })
          .from(gridWorkers)
          .where(inArray(gridWorkers.gridId, ids)),
      ])
    : [[], []];
  const people = new Map((await accountsByIds(ctx.db, [...new Set(w.map((x) => x.accountId))])).map((a) => [a.id, a]));
  return {
    items: rows.map((r) => ({
      ...r,
      buildingsCount: b.find((x) => x.gridId === r.id)?.n ?? 0,
      workers: w
        .filter((x) => x.gridId === r.id)
        .map((x) => ({ id: x.accountId, displayName: people.get(x.accountId)?.displayName ?? '' })),
    })),
  };
}

export async function getGrid(ctx: AppContext, actor: GridActor, id: string) {
  const g = await visibleGrid(ctx.db, actor, id);
  const [b, w] = await Promise.all([
    ctx.db
      .select({ buildingId: gridBuildings.buildingId, compoundId: gridBuildings.compoundId })
      .from(gridBuildings)
      .where(eq(gridBuildings.gridId, id)),
    ctx.db
      .select({ accountId: gridWorkers.accountId, since: gridWorkers.since })
      .from(gridWorkers)
      .where(eq(gridWorkers.gridId, id))
      .orderBy(asc(gridWorkers.since)),
  ]);
  const places = await registry.buildingPlaces(
    ctx.db,
    b.map((x) => x.buildingId),
  );
  const people = new Map(
    (
      await accountsByIds(
        ctx.db,
        w.map((x) => x.accountId),
      )
    ).map((a) => [a.id, a]),
  );
  return {
    id: g.id,
    communityCode: g.communityCode,
    code: g.code,
    name: g.name,
    polygon: (g.polygon as number[][][] | null) ?? null,
    buildings: b
      .map((x) => ({
        id: x.buildingId,
        compoundId: x.compoundId,
        compoundName: places.get(x.buildingId)?.name ?? '',
        name: places.get(x.buildingId)?.buildingName ?? '',
      }))
      .sort((p, q) => p.compoundName.localeCompare(q.compoundName) || p.name.localeCompare(q.name, 'zh-CN', { numeric: true })),
    workers: w.map((x) => ({ id: x.accountId, displayName: people.get(x.accountId)?.displayName ?? '', since: x.since.toISOString() })),
  };
}

/** Sets a grid's workers (grid worker accounts only); answers the grid. */
/** Grid worker accounts who may work in a grid: scoped to its community (or a division above it). */
export async function gridWorkerCandidates(ctx: AppContext, actor: GridActor, id: string) {
  const g = await visibleGrid(ctx.db, actor, id);
  return accountsWithPermissionIn(ctx.db, 'grid.patrol', g.communityCode);
}

export async function setGridWorkers(ctx: AppContext, actor: GridActor, id: string, accountIds: string[]) {
  const ids = [...new Set(accountIds)];
  const eligible = new Set((await gridWorkerCandidates(ctx, actor, id)).map((a) => a.id));
  const bad = ids.flatMap((a, i) =>
    eligible.has(a) ? [] : [{ path: `body.accountIds.${i}`, message: gm.msg('field.worker_ineligible') }],
  );
  if (bad.length) throw unprocessable(gm.msg('grid.worker_ineligible'), bad);
  await ctx.db.transaction(async (tx) => {
    await visibleGrid(tx, actor, id);
    await tx
      .delete(gridWorkers)
      .where(and(eq(gridWorkers.gridId, id), ids.length ? sql`${gridWorkers.accountId} <> all(${sql.param(ids)}::uuid[])` : undefined));
    if (ids.length)
      await tx
        .insert(gridWorkers)
        .values(ids.map((accountId) => ({ gridId: id, accountId })))
        .onConflictDoNothing();
    await audit(tx, auditActor(actor), 'grid.workers', 'grid', id, { workers: ids.length });
  });
  return getGrid(ctx, actor, id);
}

export async function checkIn(
  ctx: AppContext,
  actor: GridActor,
  gridId: string,
  input: { lat?: number | null; lng?: number | null; note?: string | null },
  now = new Date(),
) {
  await visibleGrid(ctx.db, actor, gridId);
  if (!(await gridsOfWorker(ctx.db, actor.id)).includes(gridId)) throw forbidden(gm.msg('grid.checkin_not_worker'));
  const id = uuidv7(now.getTime());
  const row = {
    id,
    accountId: actor.id,
    gridId,
    at: now,
    lat: input.lat === undefined || input.lat === null ? null : String(input.lat),
    lng: input.lng === undefined || input.lng === null ? null : String(input.lng),
    note: input.note ?? null,
  };
  await ctx.db.insert(patrolCheckins).values(row);
  return checkinView(row, new Map([[actor.id, actor.displayName]]));
}

function checkinView(r: typeof patrolCheckins.$inferSelect, names: Map<string, string>) {
  return {
    id: r.id,
    gridId: r.gridId,
    account: { id: r.accountId, displayName: names.get(r.accountId) ?? '' },
    at: r.at.toISOString(),
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    note: r.note,
  };
}

export async function listCheckins(ctx: AppContext, actor: GridActor, gridId: string, q: { limit: number; cursor?: string }) {
  await visibleGrid(ctx.db, actor, gridId);
  const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime(), z.uuid()]));
  const rows = await ctx.db
    .select()
    .from(patrolCheckins)
    .where(
      and(
        eq(patrolCheckins.gridId, gridId),
        after
          ? or(lt(patrolCheckins.at, new Date(after[0])), and(eq(patrolCheckins.at, new Date(after[0])), lt(patrolCheckins.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(desc(patrolCheckins.at), desc(patrolCheckins.id))
    .limit(q.limit + 1);
  const result = page(rows, q.limit, (r) => [r.at.toISOString(), r.id]);
  const names = new Map(
    (await accountsByIds(ctx.db, [...new Set(result.items.map((r) => r.accountId))])).map((a) => [a.id, a.displayName]),
  );
  return { items: result.items.map((r) => checkinView(r, names)), nextCursor: result.nextCursor };
}
