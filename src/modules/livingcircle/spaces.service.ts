// Space resources (issue 15, item 3): registered by the subdistrict or district, moved offered → allocated →
// converted → in use, one step at a time (each step kept with who and when, and audited). Converting adds the
// facility it became at the resource's place (through the facilities service, in the same transaction), which
// recomputes every compound it reaches. The area of state-owned rooms converted or in use is the living circle's
// share of the overview's "state rooms revitalised".
import { and, asc, eq, gt, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { exactDecimal, type DecimalShape } from '../../platform/decimal.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, notFound, Problem, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireProject } from '../projects/index.ts';
import { compoundInScope, divisionPrefix, registry, within } from '../registry/index.ts';
import { addFacility, keeperOf } from './facilities.service.ts';
import { circleMessages as m } from './messages.ts';
import type { Need } from './needs.ts';
import { spaceResources, spaceSteps } from './schema.ts';
import { canMove, hundredths, revitalisedStatuses, sumAreas, type SpaceKind, type SpaceStatus } from './spaces.match.ts';

export const SPACE_AREA: DecimalShape = { integerDigits: 10, scale: 2, example: '320.50' };

export interface NewSpace {
  kind: SpaceKind;
  name: string;
  areaM2: string | number;
  owner: string;
  lat: number;
  lng: number;
  compoundId?: string | null;
  address?: string | null;
  condition?: string | null;
}

type Row = typeof spaceResources.$inferSelect;
type Step = typeof spaceSteps.$inferSelect;

const statusWords = (s: SpaceStatus) => m.msg(`space.status.${s}`);

export const spaceView = (r: Row) => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  areaM2: r.areaM2,
  owner: r.owner,
  lat: Number(r.latitude),
  lng: Number(r.longitude),
  compoundId: r.compoundId,
  divisionCode: r.divisionCode,
  address: r.address,
  condition: r.condition,
  status: r.status,
  allocatedTo: r.allocatedTo,
  conversion: r.facilityId ? { need: r.need!, kind: r.facilityKind!, facilityId: r.facilityId, projectId: r.projectId } : null,
  statusAt: r.statusAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

const stepView = (s: Step) => ({ status: s.status, at: s.at.toISOString(), by: s.actorUsername, note: s.note });

async function step(tx: Tx, spaceId: string, status: SpaceStatus, actor: Actor | undefined, note?: string | null) {
  await tx
    .insert(spaceSteps)
    .values({ id: uuidv7(), spaceId, status, actorId: actor?.id ?? null, actorUsername: actor?.username ?? null, note: note ?? null });
}

export async function createSpace(ctx: AppContext, user: AuthUser, actor: Actor | undefined, input: NewSpace) {
  const errors: FieldError[] = [];
  const area = exactDecimal(input.areaM2, SPACE_AREA, 'body.areaM2', errors);
  if (area !== null && hundredths(area) === 0n) errors.push({ path: 'body.areaM2', message: m.msg('field.area') });
  if (!user.scope.division) errors.push({ path: 'body.lat', message: m.msg('field.out_of_scope') });
  let divisionCode: string | null = null;
  if (input.compoundId) {
    const place = (await registry.compoundPlaces(ctx.db, [input.compoundId])).get(input.compoundId);
    if (!place || !compoundInScope(user.scope, { id: input.compoundId, communityCode: place.communityCode }))
      errors.push({ path: 'body.compoundId', message: m.msg('field.compound') });
    else divisionCode = place.communityCode;
  }
  if (errors.length) throw unprocessable(m.msg('circle.invalid'), errors);
  return ctx.db.transaction(async (tx) => {
    const id = uuidv7();
    const [row] = await tx
      .insert(spaceResources)
      .values({
        id,
        kind: input.kind,
        name: input.name,
        areaM2: area!,
        owner: input.owner,
        latitude: input.lat.toFixed(6),
        longitude: input.lng.toFixed(6),
        compoundId: input.compoundId ?? null,
        divisionCode: divisionCode ?? (await keeperOf(tx, user, input)),
        address: input.address ?? null,
        condition: input.condition ?? null,
      })
      .returning();
    await step(tx, id, 'offered', actor);
    await audit(tx, actor, 'circle.space.create', 'circle_space', id, { kind: input.kind, areaM2: area });
    return spaceView(row!);
  });
}

export const spaceFilters = z.object({
  division: z
    .string()
    .regex(/^\d{6}(\d{3})?(\d{3})?$/, 'a 6-, 9- or 12-digit division code')
    .optional(),
});

/** A division's records: its code's prefix (a city shares its first four digits with its districts). */
const underDivision = (code: string): SQL => sql`${spaceResources.divisionCode} like ${`${divisionPrefix(code)}%`}`;

export async function listSpaces(
  ctx: AppContext,
  user: AuthUser,
  q: z.infer<typeof spaceFilters> & { status?: SpaceStatus; kind?: SpaceKind; limit: number; cursor?: string },
) {
  const scope = user.scope.division;
  if (!scope) return { items: [], nextCursor: null };
  if (q.division && !within(q.division, scope) && !within(scope, q.division))
    throw unprocessable(m.msg('circle.division_invalid'), [{ path: 'query.division', message: m.msg('field.division') }]);
  const after = decodeCursor(q.cursor, z.tuple([z.guid()]));
  const conds = [underDivision(scope)];
  if (q.division) conds.push(underDivision(q.division));
  if (q.status) conds.push(eq(spaceResources.status, q.status));
  if (q.kind) conds.push(eq(spaceResources.kind, q.kind));
  if (after) conds.push(gt(spaceResources.id, after[0]));
  const rows = await ctx.db
    .select()
    .from(spaceResources)
    .where(and(...conds))
    .orderBy(asc(spaceResources.id))
    .limit(q.limit + 1);
  const p = page(rows, q.limit, (r) => [r.id]);
  return { items: p.items.map(spaceView), nextCursor: p.nextCursor };
}

async function inScope(db: Db | Tx, user: AuthUser, id: string, lock = false): Promise<Row> {
  const q = db.select().from(spaceResources).where(eq(spaceResources.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !user.scope.division || !within(row.divisionCode, user.scope.division)) throw notFound(m.msg('space.entity', { id }));
  return row;
}

export async function spaceDetail(ctx: AppContext, user: AuthUser, id: string) {
  const row = await inScope(ctx.db, user, id);
  const steps = await ctx.db.select().from(spaceSteps).where(eq(spaceSteps.spaceId, id)).orderBy(asc(spaceSteps.at), asc(spaceSteps.id));
  return { ...spaceView(row), steps: steps.map(stepView) };
}

function refuseOutOfOrder(from: SpaceStatus, to: SpaceStatus) {
  if (!canMove(from, to)) throw conflict(m.msg('space.out_of_order', { from: statusWords(from), to: statusWords(to) }), { current: from });
}

async function moved(tx: Tx, id: string, from: SpaceStatus, set: Partial<typeof spaceResources.$inferInsert>) {
  const [row] = await tx
    .update(spaceResources)
    .set({ ...set, statusAt: new Date() })
    .where(and(eq(spaceResources.id, id), eq(spaceResources.status, from)))
    .returning();
  return row!;
}

/** offered → allocated (to a subdistrict, community or operator named in words). */
export async function allocateSpace(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  body: { allocatedTo: string; note?: string | null },
) {
  return ctx.db.transaction(async (tx) => {
    const row = await inScope(tx, user, id, true);
    refuseOutOfOrder(row.status, 'allocated');
    const out = await moved(tx, id, row.status, { status: 'allocated', allocatedTo: body.allocatedTo });
    await step(tx, id, 'allocated', actor, body.note);
    await audit(tx, actor, 'circle.space.allocate', 'circle_space', id, {});
    return spaceView(out);
  });
}

/** allocated → converted: adds the facility it became at its place, which closes the gaps it reaches. */
export async function convertSpace(
  ctx: AppContext,
  user: AuthUser,
  actor: Actor | undefined,
  id: string,
  body: { need: Need; kind: string; name?: string | null; note?: string | null; projectId?: string | null },
) {
  return ctx.db.transaction(async (tx) => {
    const row = await inScope(tx, user, id, true);
    refuseOutOfOrder(row.status, 'converted');
    if (body.projectId)
      await requireProject({ db: tx }, user, body.projectId).catch((err: unknown) => {
        if (err instanceof Problem && err.status === 404)
          throw unprocessable(m.msg('circle.invalid'), [{ path: 'body.projectId', message: m.msg('field.project') }]);
        throw err;
      });
    let facility;
    try {
      facility = await addFacility(tx, user, actor, {
        name: body.name ?? row.name,
        need: body.need,
        kind: body.kind,
        lat: Number(row.latitude),
        lng: Number(row.longitude),
        address: row.address,
        operator: row.allocatedTo,
      });
    } catch (err) {
      // The facilities service names its own body's fields; here the name is this body's too.
      if (err instanceof Problem && err.status === 409)
        throw conflict(m.msg('circle.facility_exists'), { errors: [{ path: 'body.name', message: m.msg('field.facility_there') }] });
      throw err;
    }
    const now = new Date();
    const out = await moved(tx, id, row.status, {
      status: 'converted',
      need: body.need,
      facilityKind: body.kind,
      facilityId: facility.id,
      projectId: body.projectId ?? null,
      convertedAt: now,
    });
    await step(tx, id, 'converted', actor, body.note);
    await audit(tx, actor, 'circle.space.convert', 'circle_space', id, {
      need: body.need,
      kind: body.kind,
      facilityId: facility.id,
      projectId: body.projectId ?? null,
      compounds: facility.affectedCompounds,
    });
    return { ...spaceView(out), affectedCompounds: facility.affectedCompounds };
  });
}

/** converted → in use. */
export async function openSpace(ctx: AppContext, user: AuthUser, actor: Actor | undefined, id: string, body: { note?: string | null }) {
  return ctx.db.transaction(async (tx) => {
    const row = await inScope(tx, user, id, true);
    refuseOutOfOrder(row.status, 'in_use');
    const out = await moved(tx, id, row.status, { status: 'in_use' });
    await step(tx, id, 'in_use', actor, body.note);
    await audit(tx, actor, 'circle.space.in_use', 'circle_space', id, {});
    return spaceView(out);
  });
}

const revitalisedStateRooms = [eq(spaceResources.kind, 'state_room'), inArray(spaceResources.status, [...revitalisedStatuses])];

/**
 * The area of state-owned rooms converted or in use under a division (a community-code prefix, as the overview
 * counts), converted in `year` (Shanghai) when given: an exact two-decimal string. Only rooms linked to no project:
 * a linked room counts with its project (`linkedStateRoomsM2`), so it is never counted twice.
 */
export async function stateRoomsRevitalisedM2(db: Db | Tx, communityPrefix: string, year?: number): Promise<string> {
  const conds = [
    ...revitalisedStateRooms,
    isNull(spaceResources.projectId),
    sql`${spaceResources.divisionCode} like ${communityPrefix + '%'}`,
  ];
  if (year) conds.push(sql`extract(year from ${spaceResources.convertedAt} at time zone 'Asia/Shanghai') = ${year}`);
  const [r] = await db
    .select({ total: sql<string>`coalesce(sum(${spaceResources.areaM2}), 0)::numeric(16, 2)::text` })
    .from(spaceResources)
    .where(and(...conds));
  return sumAreas([r!.total]);
}

/** The area of state-owned rooms converted or in use for each of these projects (those with none are absent). */
export async function linkedStateRoomsM2(db: Db | Tx, projectIds: string[]): Promise<Map<string, string>> {
  if (!projectIds.length) return new Map();
  const rows = await db
    .select({ projectId: spaceResources.projectId, total: sql<string>`sum(${spaceResources.areaM2})::numeric(16, 2)::text` })
    .from(spaceResources)
    .where(and(...revitalisedStateRooms, inArray(spaceResources.projectId, projectIds)))
    .groupBy(spaceResources.projectId);
  return new Map(rows.map((r) => [r.projectId!, sumAreas([r.total])]));
}
