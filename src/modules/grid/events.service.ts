// Grid events: reported (by anyone, from any source) into the compound, community and grid of the place, routed by
// category, checked for duplicates nearby, idempotent by source; moved through the lifecycle under a row lock. Every change is a step, an audit entry and a domain event, in one transaction.
import { eq } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { problem, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registry, type CompoundPlace } from '../registry/index.ts';
import { actorKind, placeInScope, type GridActor } from './access.ts';
import { attributeProblems, categoriesAt, escalationAt, reopenDaysAt, slaAt } from './categories.ts';
import { detailsOf, findGridEventBySource, nearbyOpen, visibleEvent, type EventRow, type GridEventDetail } from './events.queries.ts';
import { gridOfPlace } from './grids.service.ts';
import { allowedNext, dueTime, eventRef, firstEscalation, initialLevel, isSelfResolution } from './lifecycle.ts';
import { gridMessages as gm } from './messages.ts';
import { checkClosable } from './sources.ts';
import { attachPending, MAX_PHOTOS } from './photos.service.ts';
import { gridEvents, type GridEventSource, type GridEventState, type GridLevel } from './schema.ts';
import { auditActor, fieldErr, inTx, writeStep } from './steps.ts';

/** A point this far from every registered compound is not placed in any community. */
const NEAREST_COMPOUND_M = 3000;

export interface NewGridEvent {
  category: string;
  description: string;
  compoundId?: string;
  buildingId?: string;
  lat?: number;
  lng?: number;
  addressText?: string;
  source: GridEventSource;
  /** Alarm id, work order id, or the platform's/partner's external id. */
  sourceRef?: string;
  /** Connector or Open311 partner code. */
  platform?: string;
  anonymous?: boolean;
  reporterAccountId?: string;
  attributes?: Record<string, string | string[]>;
  mediaUrl?: string;
  photoIds?: string[];
}

export interface Duplicate {
  id: string;
  distanceM: number;
  category: string;
  state: string;
}

export interface CreatedGridEvent {
  id: string;
  ref: string;
  state: GridEventState;
  level: GridLevel;
  dueAt: string | null;
  duplicates: Duplicate[];
  /** false: the same (source, platform, sourceRef) existed, and this is it. */
  created: boolean;
}

async function placeOf(
  ctx: AppContext,
  tx: Tx,
  input: Pick<NewGridEvent, 'buildingId' | 'compoundId' | 'lat' | 'lng'>,
  at = 'body',
): Promise<CompoundPlace & { buildingId: string | null }> {
  if (input.buildingId) {
    const b = (await registry.buildingPlaces(tx, [input.buildingId])).get(input.buildingId);
    if (!b || (input.compoundId && b.compoundId !== input.compoundId))
      throw unprocessable(gm.msg('grid.place_unknown'), [fieldErr(`${at}.buildingId`, gm.msg('field.building_unknown'))]);
    // The place in words is the compound and the building (a building's street address is the compound's).
    return { ...b, address: `${b.name} ${b.buildingName}`, buildingId: input.buildingId };
  }
  if (input.compoundId) {
    const c = (await registry.compoundPlaces(tx, [input.compoundId])).get(input.compoundId);
    if (!c) throw unprocessable(gm.msg('grid.place_unknown'), [fieldErr(`${at}.compoundId`, gm.msg('field.compound_unknown'))]);
    return { ...c, buildingId: null };
  }
  if (input.lat !== undefined && input.lng !== undefined) {
    const near = await registry.nearestCompound(tx, { lat: input.lat, lng: input.lng }, NEAREST_COMPOUND_M);
    if (!near) throw unprocessable(gm.msg('grid.place_unknown'), [fieldErr(`${at}.lat`, gm.msg('field.point_far'))]);
    return { ...near, buildingId: null };
  }
  throw unprocessable(gm.msg('grid.place_missing'), [fieldErr(`${at}.compoundId`, gm.msg('field.place_missing'))]);
}

function checkInput(input: NewGridEvent) {
  const errors: FieldError[] = [];
  if ((input.lat === undefined) !== (input.lng === undefined))
    errors.push(fieldErr(input.lat === undefined ? 'body.lat' : 'body.lng', gm.msg('field.lat_lng_pair')));
  if (input.lat !== undefined && !(input.lat >= -90 && input.lat <= 90))
    errors.push(fieldErr('body.lat', gm.msg('field.attribute_invalid')));
  if (input.lng !== undefined && !(input.lng >= -180 && input.lng <= 180))
    errors.push(fieldErr('body.lng', gm.msg('field.attribute_invalid')));
  if ((input.photoIds?.length ?? 0) > MAX_PHOTOS) errors.push(fieldErr('body.photoIds', gm.msg('field.photos_too_many')));
  if (errors.length) throw unprocessable(gm.msg('grid.input_invalid'), errors);
}

/**
 * Reports a grid event. `actor` null is the system (another module, a city platform, an Open311 partner: name it in
 * `source`/`platform`). Runs in the caller's transaction when `tx` is given. The same (source, platform, sourceRef)
 * twice answers the first event with `created: false`.
 */
export async function createGridEvent(ctx: AppContext, input: NewGridEvent, actor: GridActor | null, tx?: Tx): Promise<CreatedGridEvent> {
  const cats = await categoriesAt(tx ?? ctx.db);
  const category = cats.byCode.get(input.category);
  if (!category) throw unprocessable(gm.msg('grid.category_unknown'), [fieldErr('body.category', gm.msg('field.category_unknown'))]);
  const bad = attributeProblems(category, input.attributes);
  if (bad.length)
    throw unprocessable(
      gm.msg('grid.attributes_invalid'),
      bad.map((b) => fieldErr(b.path, gm.msg(`field.attribute_${b.problem}`))),
    );
  checkInput(input);
  const sla = await slaAt(tx ?? ctx.db);
  const escalation = await escalationAt(tx ?? ctx.db);
  const kind = actorKind(actor);
  return inTx(ctx, tx, async (t) => {
    if (input.sourceRef) {
      const existing = await findGridEventBySource(ctx, input.source, input.platform ?? null, input.sourceRef, t);
      if (existing) return again(t, existing);
    }
    const place = await placeOf(ctx, t, input);
    if (actor && kind !== 'resident' && !placeInScope(actor, place))
      throw unprocessable(gm.msg('grid.out_of_scope'), [
        fieldErr(
          input.buildingId ? 'body.buildingId' : input.compoundId ? 'body.compoundId' : 'body.lat',
          gm.msg('field.compound_unknown'),
        ),
      ]);
    const point =
      input.lat !== undefined && input.lng !== undefined
        ? { lat: input.lat, lng: input.lng }
        : place.lat !== null && place.lng !== null
          ? { lat: place.lat, lng: place.lng }
          : null;
    const grid = await gridOfPlace(t, {
      buildingId: place.buildingId,
      compoundId: place.compoundId,
      communityCode: place.communityCode,
      point: input.lat !== undefined ? point : null,
    });
    const duplicates = point ? await nearbyOpen(t, category.code, point, category.duplicateRadiusM) : [];
    const now = new Date();
    const level = initialLevel(category.responsible, input.source);
    const dueAt = dueTime(sla, category.group, 'reported', now);
    const id = uuidv7(now.getTime());
    const reporterIsWorker = actor && grid?.workerIds.includes(actor.id);
    const [row] = await t
      .insert(gridEvents)
      .values({
        id,
        category: category.code,
        categoryVersion: cats.version,
        description: input.description,
        state: 'reported',
        level,
        responsible: category.responsible,
        source: input.source,
        platform: input.platform ?? null,
        sourceRef: input.sourceRef ?? null,
        compoundId: place.compoundId,
        communityCode: place.communityCode,
        subdistrictCode: place.subdistrictCode,
        buildingId: place.buildingId,
        gridId: grid?.gridId ?? null,
        lat: point ? String(point.lat) : null,
        lng: point ? String(point.lng) : null,
        addressText: input.addressText ?? place.address,
        attributes: input.attributes ?? {},
        mediaUrl: input.mediaUrl ?? null,
        anonymous: input.anonymous ?? false,
        reporterAccountId: actor?.id ?? input.reporterAccountId ?? null,
        reporterResidentId: actor?.residentId ?? null,
        // The grid worker follows every event of their grid on the ground, whichever body is responsible.
        assigneeId: reporterIsWorker ? actor!.id : (grid?.workerIds[0] ?? null),
        reportedAt: now,
        updatedAt: now,
        dueAt,
        escalateAt: firstEscalation(escalation, level, dueAt),
      })
      .onConflictDoNothing()
      .returning();
    // Two reports of one source at once: the unique index let the other through first.
    if (!row) return again(t, (await findGridEventBySource(ctx, input.source, input.platform ?? null, input.sourceRef ?? '', t))!);
    const stepId = await writeStep(t, {
      eventId: id,
      action: 'reported',
      actorId: actor?.id ?? null,
      actorRole: kind,
      at: now,
      level,
      to: 'reported',
      lat: point?.lat,
      lng: point?.lng,
    });
    if (input.photoIds?.length) await attachPending(t, actor, id, stepId, input.photoIds);
    await audit(t, auditActor(actor), 'grid_event.create', 'grid_event', id, {
      category: category.code,
      source: input.source,
      platform: input.platform ?? null,
      photos: input.photoIds?.length ?? 0,
    });
    await ctx.events.record(t, 'grid.event_created', {
      id,
      category: category.code,
      source: input.source,
      platform: input.platform ?? null,
      level,
    });
    return {
      id,
      ref: eventRef(row.seq, now),
      state: 'reported' as const,
      level,
      dueAt: dueAt?.toISOString() ?? null,
      duplicates,
      created: true,
    };
  });
}

async function again(t: Tx, id: string): Promise<CreatedGridEvent> {
  const [e] = await t.select().from(gridEvents).where(eq(gridEvents.id, id));
  return {
    id,
    ref: eventRef(e!.seq, e!.reportedAt),
    state: e!.state,
    level: e!.level,
    dueAt: e!.dueAt?.toISOString() ?? null,
    duplicates: [],
    created: false,
  };
}

function notAllowed(state: GridEventState, to: GridEventState, allowed: GridEventState[]) {
  const list = allowed.length ? allowed.map((s) => gm.msg(`state.${s}`)) : [gm.msg('grid.none_allowed')];
  return problem(
    409,
    gm.msg('grid.transition_not_allowed', { state: gm.msg(`state.${state}`), to: gm.msg(`state.${to}`), allowed: list }),
    {
      state,
      allowed,
    },
  );
}

/** The states the actor may move an event to now (for the detail a person reads, and the 409). */
export async function allowedFor(
  db: AppContext['db'] | Tx,
  actor: GridActor | null,
  row: EventRow,
  now = new Date(),
): Promise<GridEventState[]> {
  const [cats, reopenDays] = await Promise.all([categoriesAt(db), reopenDaysAt(db)]);
  return allowedNext({
    state: row.state,
    actor: actorKind(actor),
    selfResolvable: cats.byCode.get(row.category)?.selfResolvable ?? false,
    isReporter: !!actor && row.reporterAccountId === actor.id,
    closedAt: row.closedAt,
    merged: row.mergedIntoId !== null,
    now,
    reopenDays,
  });
}

/**
 * Moves an event to `to` under a row lock, or answers 409 `grid.transition_not_allowed` with the `allowed` states.
 * The new state gets its time from grid.event_sla; the overdue flag clears; the level stays.
 */
export async function transitionGridEvent(
  ctx: AppContext,
  id: string,
  to: GridEventState,
  actor: GridActor | null,
  note?: string,
  tx?: Tx,
  where?: { lat: number; lng: number },
): Promise<GridEventDetail> {
  return inTx(ctx, tx, async (t) => {
    const row = await visibleEvent(t, actor, id, true);
    const now = new Date();
    const allowed = await allowedFor(t, actor, row, now);
    if (!allowed.includes(to)) throw notAllowed(row.state, to, allowed);
    // An event carrying a work order that owes its SOS call-back is not closed until the call is recorded (sources.ts).
    if (to === 'closed') await checkClosable(t, id);
    // One connection in a transaction: its queries run one after another.
    const cats = await categoriesAt(t);
    const sla = await slaAt(t);
    const escalation = await escalationAt(t);
    const group = cats.byCode.get(row.category)?.group ?? 'default';
    const dueAt = dueTime(sla, group, to, now);
    const kind = actorKind(actor);
    const [updated] = await t
      .update(gridEvents)
      .set({
        state: to,
        updatedAt: now,
        dueAt,
        overdueSince: null,
        escalateAt: firstEscalation(escalation, row.level, dueAt),
        closedAt: to === 'closed' ? now : null,
        reopenedCount: to === 'disputed' && row.state === 'closed' ? row.reopenedCount + 1 : row.reopenedCount,
        // Whoever accepts an unassigned event at the grid takes it.
        assigneeId: to === 'accepted' && !row.assigneeId && kind === 'grid_worker' ? actor!.id : row.assigneeId,
      })
      .where(eq(gridEvents.id, id))
      .returning();
    await writeStep(t, {
      eventId: id,
      action: isSelfResolution(row.state, to) ? 'self_resolved' : 'transitioned',
      actorId: actor?.id ?? null,
      actorRole: kind,
      at: now,
      level: row.level,
      from: row.state,
      to,
      lat: where?.lat,
      lng: where?.lng,
      note: note ?? null,
    });
    await audit(t, auditActor(actor), 'grid_event.transition', 'grid_event', id, { from: row.state, to });
    await ctx.events.record(t, 'grid.event_transitioned', {
      id,
      from: row.state,
      to,
      level: row.level,
      source: row.source,
      platform: row.platform,
    });
    return (await detailsOf(t, [updated!], actor?.locale))[0]!;
  });
}

/** Raises an event one level by hand (分级上报), or answers 409 at the top or when closed. */

/** One event as the actor may see it (404 otherwise), with the states they may move it to now: for any caller's routes. */
export async function getGridEventFor(
  ctx: AppContext,
  actor: GridActor | null,
  id: string,
  locale: 'zh-CN' | 'en' = actor?.locale ?? 'zh-CN',
): Promise<GridEventDetail & { allowed: GridEventState[] }> {
  const row = await visibleEvent(ctx.db, actor, id);
  const [d] = await detailsOf(ctx.db, [row], locale);
  return { ...d!, allowed: await allowedFor(ctx.db, actor, row) };
}

/**
 * The open events of a category near a place (a point, else the building's or compound's point), nearest first, at
 * most five: what a reporter is offered before filing a new one. `at` names where the fields came from (body, query).
 */
export async function suggestDuplicates(
  ctx: AppContext,
  q: { category: string; lat?: number; lng?: number; compoundId?: string; buildingId?: string },
  at = 'query',
): Promise<Duplicate[]> {
  const category = (await categoriesAt(ctx.db)).byCode.get(q.category);
  if (!category) throw unprocessable(gm.msg('grid.category_unknown'), [fieldErr(`${at}.category`, gm.msg('field.category_unknown'))]);
  if ((q.lat === undefined) !== (q.lng === undefined))
    throw unprocessable(gm.msg('grid.input_invalid'), [
      fieldErr(q.lat === undefined ? `${at}.lat` : `${at}.lng`, gm.msg('field.lat_lng_pair')),
    ]);
  let point = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
  if (!point) {
    const place = await placeOf(ctx, ctx.db, q, at);
    point = place.lat !== null && place.lng !== null ? { lat: place.lat, lng: place.lng } : null;
  }
  return point ? nearbyOpen(ctx.db, category.code, point, category.duplicateRadiusM) : [];
}
