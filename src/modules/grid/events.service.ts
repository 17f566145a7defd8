// Grid events: reported (by anyone, from any source) into the compound, community and grid of the place, routed by
// category, checked for duplicates nearby, idempotent by source; moved through the lifecycle under a row lock; merged,
// escalated by hand, and given photos. Every change is a step, an audit entry and a domain event, in one transaction.
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { keepUpload, sniff } from '../../platform/files.ts';
import { conflict, forbidden, problem, unprocessable, type FieldError } from '../../platform/http/problem.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { registry, type CompoundPlace } from '../registry/index.ts';
import { actorKind, placeInScope, type GridActor } from './access.ts';
import { attributeProblems, categoriesAt, escalationAt, reopenDaysAt, slaAt } from './categories.ts';
import {
  detailsOf,
  findGridEventBySource,
  nearbyOpen,
  pendingPhotos,
  systemNote,
  visibleEvent,
  type EventRow,
  type GridEventDetail,
} from './events.queries.ts';
import { gridOfPlace } from './grids.service.ts';
import {
  allowedNext,
  dueTime,
  eventRef,
  firstEscalation,
  initialLevel,
  isSelfResolution,
  nextEscalation,
  nextLevel,
  type ActorKind,
} from './lifecycle.ts';
import { gridMessages as gm } from './messages.ts';
import { checkClosable } from './sources.ts';
import {
  gridEventPhotos,
  gridEventRatings,
  gridEvents,
  gridEventSteps,
  type GridEventSource,
  type GridEventState,
  type GridLevel,
  type StepAction,
} from './schema.ts';

/** At most this many photos per event (a resident's report allows nine). */
export const MAX_PHOTOS = 9;
const PHOTO_MAX_MB = 10;
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

const auditActor = (a: GridActor | null): Actor | undefined => (a ? { id: a.id, username: a.username, ip: a.ip } : undefined);
const fieldErr = (path: string, message: FieldError['message']): FieldError => ({ path, message });

async function inTx<T>(ctx: AppContext, tx: Tx | undefined, run: (t: Tx) => Promise<T>): Promise<T> {
  return tx ? run(tx) : ctx.db.transaction(run);
}

export async function writeStep(
  tx: Tx,
  s: {
    eventId: string;
    action: StepAction;
    actorId: string | null;
    actorRole: ActorKind;
    at: Date;
    level: GridLevel;
    from?: GridEventState | null;
    to?: GridEventState | null;
    lat?: number | null;
    lng?: number | null;
    note?: string | null;
  },
): Promise<string> {
  const id = uuidv7(s.at.getTime());
  await tx.insert(gridEventSteps).values({
    id,
    eventId: s.eventId,
    action: s.action,
    actorId: s.actorId,
    actorRole: s.actorRole,
    at: s.at,
    level: s.level,
    fromState: s.from ?? null,
    toState: s.to ?? null,
    lat: s.lat === undefined || s.lat === null ? null : String(s.lat),
    lng: s.lng === undefined || s.lng === null ? null : String(s.lng),
    note: s.note ?? null,
  });
  return id;
}

/** Where the report is: a building, else a compound, else the compound nearest the point. */
async function placeOf(ctx: AppContext, tx: Tx, input: NewGridEvent): Promise<CompoundPlace & { buildingId: string | null }> {
  if (input.buildingId) {
    const b = (await registry.buildingPlaces(tx, [input.buildingId])).get(input.buildingId);
    if (!b || (input.compoundId && b.compoundId !== input.compoundId))
      throw unprocessable(gm.msg('grid.place_unknown'), [fieldErr('body.buildingId', gm.msg('field.building_unknown'))]);
    return { ...b, buildingId: input.buildingId };
  }
  if (input.compoundId) {
    const c = (await registry.compoundPlaces(tx, [input.compoundId])).get(input.compoundId);
    if (!c) throw unprocessable(gm.msg('grid.place_unknown'), [fieldErr('body.compoundId', gm.msg('field.compound_unknown'))]);
    return { ...c, buildingId: null };
  }
  if (input.lat !== undefined && input.lng !== undefined) {
    const near = await registry.nearestCompound(tx, { lat: input.lat, lng: input.lng }, NEAREST_COMPOUND_M);
    if (!near) throw unprocessable(gm.msg('grid.place_unknown'), [fieldErr('body.lat', gm.msg('field.point_far'))]);
    return { ...near, buildingId: null };
  }
  throw unprocessable(gm.msg('grid.place_missing'), [fieldErr('body.compoundId', gm.msg('field.place_missing'))]);
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
  if (errors.length) throw unprocessable(gm.msg('grid.place_unknown'), errors);
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
  const [sla, escalation] = await Promise.all([slaAt(tx ?? ctx.db), escalationAt(tx ?? ctx.db)]);
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
    const grid = await gridOfPlace(t, { buildingId: place.buildingId, compoundId: place.compoundId });
    const point =
      input.lat !== undefined && input.lng !== undefined
        ? { lat: input.lat, lng: input.lng }
        : place.lat !== null && place.lng !== null
          ? { lat: place.lat, lng: place.lng }
          : null;
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
        addressText: input.addressText ?? (place.buildingId ? null : place.address),
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

async function attachPending(t: Tx, actor: GridActor | null, eventId: string, stepId: string | null, photoIds: string[]) {
  const ids = [...new Set(photoIds)];
  const found = await pendingPhotos(t, ids).for('update');
  const usable = found.filter((p) => !actor || p.uploadedBy === actor.id);
  if (usable.length !== ids.length)
    throw unprocessable(
      gm.msg('grid.photo_unknown'),
      ids.flatMap((p, i) => (usable.some((u) => u.id === p) ? [] : [fieldErr(`body.photoIds.${i}`, gm.msg('field.photo_unknown'))])),
    );
  await t.update(gridEventPhotos).set({ eventId, stepId }).where(inArray(gridEventPhotos.id, ids));
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
    const [cats, sla, escalation] = await Promise.all([categoriesAt(t), slaAt(t), escalationAt(t)]);
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
export async function escalateGridEvent(ctx: AppContext, id: string, actor: GridActor | null, note?: string, tx?: Tx, now = new Date()) {
  return inTx(ctx, tx, async (t) => {
    const row = await visibleEvent(t, actor, id, true);
    if (row.state === 'closed') throw conflict(gm.msg('grid.escalate_closed'), { state: row.state });
    const escalation = await escalationAt(t);
    const level = nextLevel(row.level, escalation.levels);
    if (!level) throw conflict(gm.msg('grid.escalate_top'), { level: row.level });
    const [updated] = await t
      .update(gridEvents)
      .set({ level, updatedAt: now, escalateAt: nextEscalation(escalation, level, now) })
      .where(eq(gridEvents.id, id))
      .returning();
    await writeStep(t, {
      eventId: id,
      action: 'escalated',
      actorId: actor?.id ?? null,
      actorRole: actorKind(actor),
      at: now,
      level,
      note: note ?? null,
    });
    await audit(t, auditActor(actor), 'grid_event.escalate', 'grid_event', id, { from: row.level, to: level });
    await ctx.events.record(t, 'grid.event_escalated', { id, level, category: row.category });
    return (await detailsOf(t, [updated!], actor?.locale))[0]!;
  });
}

/** Merges `duplicateId` into `targetId`: the duplicate is closed as merged, with a step on both. */
export async function mergeGridEvents(ctx: AppContext, targetId: string, duplicateId: string, actor: GridActor, note?: string) {
  if (targetId === duplicateId) throw unprocessable(gm.msg('grid.merge_self'), [fieldErr('body.duplicateId', gm.msg('field.merge_self'))]);
  return ctx.db.transaction(async (t) => {
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const [a, b] = targetId < duplicateId ? [targetId, duplicateId] : [duplicateId, targetId];
    const first = await visibleEvent(t, actor, a, true);
    const second = await visibleEvent(t, actor, b, true);
    const target = first.id === targetId ? first : second;
    const dup = first.id === targetId ? second : first;
    if (target.state === 'closed' || dup.state === 'closed') throw conflict(gm.msg('grid.merge_closed'));
    if (target.category !== dup.category)
      throw unprocessable(gm.msg('grid.merge_category'), [fieldErr('body.duplicateId', gm.msg('field.merge_category'))]);
    const now = new Date();
    const kind = actorKind(actor);
    await t
      .update(gridEvents)
      .set({ state: 'closed', closedAt: now, updatedAt: now, dueAt: null, escalateAt: null, overdueSince: null, mergedIntoId: target.id })
      .where(eq(gridEvents.id, dup.id));
    await writeStep(t, {
      eventId: dup.id,
      action: 'merged_into',
      actorId: actor.id,
      actorRole: kind,
      at: now,
      level: dup.level,
      from: dup.state,
      to: 'closed',
      note: note ?? systemNote('note.merged_into', { ref: eventRef(target.seq, target.reportedAt) }),
    });
    await writeStep(t, {
      eventId: target.id,
      action: 'merged',
      actorId: actor.id,
      actorRole: kind,
      at: now,
      level: target.level,
      note: systemNote('note.merged', { ref: eventRef(dup.seq, dup.reportedAt) }),
    });
    await audit(t, auditActor(actor), 'grid_event.merge', 'grid_event', target.id, { duplicateId: dup.id });
    await ctx.events.record(t, 'grid.event_transitioned', {
      id: dup.id,
      from: dup.state,
      to: 'closed',
      level: dup.level,
      source: dup.source,
      platform: dup.platform,
    });
    const [fresh] = await t.select().from(gridEvents).where(eq(gridEvents.id, target.id));
    return (await detailsOf(t, [fresh!], actor.locale))[0]!;
  });
}

async function keepPhoto(ctx: AppContext, upload: UploadedFile) {
  const type = sniff(upload.data);
  if (type !== 'png' && type !== 'jpeg')
    throw problem(415, gm.msg('grid.photo_not_image'), { errors: [fieldErr('body.file', gm.msg('field.photo_not_image'))] });
  return keepUpload(ctx.env.dataDir, upload, Math.min(ctx.env.MAX_UPLOAD_MB, PHOTO_MAX_MB) * 2 ** 20);
}

/** A photo taken before the report is filed: held for its uploader until a report names it in `photoIds`. */
export async function uploadPendingPhoto(ctx: AppContext, actor: GridActor, upload: UploadedFile): Promise<{ id: string }> {
  const kept = await keepPhoto(ctx, upload);
  const id = uuidv7();
  await ctx.db.insert(gridEventPhotos).values({ id, eventId: null, uploadedBy: actor.id, ...kept });
  return { id };
}

/** A photo of an event (of its latest step when `stepId` is not given), up to MAX_PHOTOS per event. */
export async function addEventPhoto(ctx: AppContext, actor: GridActor, eventId: string, upload: UploadedFile) {
  const kept = await keepPhoto(ctx, upload);
  return ctx.db.transaction(async (t) => {
    const row = await visibleEvent(t, actor, eventId, true);
    const [{ n }] = (await t.select({ n: count() }).from(gridEventPhotos).where(eq(gridEventPhotos.eventId, eventId))) as [{ n: number }];
    if (n >= MAX_PHOTOS)
      throw unprocessable(gm.msg('grid.photos_too_many', { max: MAX_PHOTOS }), [fieldErr('body.file', gm.msg('field.photos_too_many'))]);
    const now = new Date();
    const stepId = await writeStep(t, {
      eventId,
      action: 'photo',
      actorId: actor.id,
      actorRole: actorKind(actor),
      at: now,
      level: row.level,
    });
    const id = uuidv7();
    await t.insert(gridEventPhotos).values({ id, eventId, stepId, uploadedBy: actor.id, ...kept });
    await audit(t, auditActor(actor), 'grid_event.photo', 'grid_event', eventId, { bytes: kept.sizeBytes });
    return { id };
  });
}

/** The reporter's rating of a closed event, once. */
export async function rateGridEvent(ctx: AppContext, actor: GridActor, eventId: string, input: { score: number; comment?: string | null }) {
  return ctx.db.transaction(async (t) => {
    const row = await visibleEvent(t, actor, eventId, true);
    if (row.reporterAccountId !== actor.id || row.state !== 'closed' || row.mergedIntoId)
      throw forbidden(gm.msg('grid.rating_not_allowed'));
    const inserted = await t
      .insert(gridEventRatings)
      .values({ id: uuidv7(), eventId, score: input.score, comment: input.comment ?? null, byAccountId: actor.id })
      .onConflictDoNothing()
      .returning({ id: gridEventRatings.id });
    if (!inserted.length) throw conflict(gm.msg('grid.rating_not_allowed'));
    await writeStep(t, {
      eventId,
      action: 'rated',
      actorId: actor.id,
      actorRole: actorKind(actor),
      at: new Date(),
      level: row.level,
      note: String(input.score),
    });
    return { score: input.score };
  });
}

/** Pending photos older than a day that no report took: their rows go (the files stay, found again by hash). */
export async function purgePendingPhotos(ctx: AppContext, now = new Date()): Promise<number> {
  const res = await ctx.db
    .delete(gridEventPhotos)
    .where(and(isNull(gridEventPhotos.eventId), sql`${gridEventPhotos.uploadedAt} < ${new Date(now.getTime() - 86_400_000)}`))
    .returning({ id: gridEventPhotos.id });
  return res.length;
}
