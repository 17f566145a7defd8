// The resident's side of grid events. A resident reports in a compound where a verified home of theirs is; the
// report and every event they follow is a row of grid_event_followers, which also keeps when they last opened it:
// a step after that is their notification (an unread marker on /m: no SMS or push channel exists for residents).
// What a resident reads of an event never names a person: steps carry the actor's role only.
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/audit.ts';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { fileStore } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, forbidden, notFound, problem, unprocessable } from '../../platform/http/problem.ts';
import { ruleAt } from '../../platform/policy.ts';
import { z } from 'zod';
import { registry } from '../registry/index.ts';
import { createGridEvent, getGridEvent, gridCategories, rateGridEvent, transitionGridEvent, uploadPendingPhoto } from './index.ts';
import { nearbyOpen } from './events.queries.ts';
import { eventRef } from './lifecycle.ts';
import { residentGridMessages as rm } from './resident.messages.ts';
import type { ReportForm } from './resident.form.ts';
import { MAX_PHOTOS, PHOTO_MAX_MB } from './resident.photos.ts';
import { reopenWindow } from './resident.rules.ts';
import { gridEventFollowers, gridEventPhotos, gridEventRatings, gridEvents, gridEventSteps } from './schema.ts';

type Caller = AuthUser & { ip?: string };
const actorOf = (user: Caller): Actor => ({ id: user.id, username: user.username, ip: user.ip });
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (v: string | null) => (v === null ? null : Number(v));
const ref = (seq: number, reportedAt: Date) => eventRef(seq, reportedAt);

const reopenDays = async (ctx: AppContext) => Number((await ruleAt<number>(ctx.db, 'grid.reopen_days')).value);

/** The compounds the resident has a verified home in; any other account reports nothing. */
async function homeCompounds(ctx: AppContext, user: AuthUser): Promise<string[]> {
  if (!user.residentId) throw forbidden(rm.msg('grid.resident_only'));
  const ids = await registry.compoundIdsOfResident(ctx.db, user.residentId);
  if (!ids.length) throw forbidden(rm.msg('grid.resident_only'));
  return ids;
}

async function compoundsWithBuildings(ctx: AppContext, user: AuthUser, ids: string[]) {
  const [rows, buildings] = await Promise.all([registry.compoundsInScope(ctx, user, ids), registry.buildingsOf(ctx, ids)]);
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    communityCode: c.communityCode,
    lat: num(c.latitude),
    lng: num(c.longitude),
    buildings: buildings.filter((b) => b.compoundId === c.id).map((b) => ({ id: b.id, name: b.name })),
  }));
}

export async function reportOptions(ctx: AppContext, user: AuthUser) {
  const ids = user.residentId ? await registry.compoundIdsOfResident(ctx.db, user.residentId) : [];
  const [compounds, categories, days] = await Promise.all([compoundsWithBuildings(ctx, user, ids), gridCategories(ctx), reopenDays(ctx)]);
  return {
    compounds: compounds.map(({ communityCode: _c, ...c }) => c),
    categories: categories.items.map((c) => ({ code: c.code, name: c.name, group: c.group })),
    maxPhotos: MAX_PHOTOS,
    photoMaxMb: Math.min(ctx.env.MAX_UPLOAD_MB, PHOTO_MAX_MB),
    reopenDays: days,
  };
}

/** The resident's compound (with its buildings), or 422 naming the field when it is not theirs. */
async function homeCompound(ctx: AppContext, user: AuthUser, compoundId: string, field: string) {
  const ids = await homeCompounds(ctx, user);
  if (!ids.includes(compoundId))
    throw unprocessable(rm.msg('grid.report.compound_not_yours'), [{ path: field, message: rm.msg('grid.report.compound_not_yours') }]);
  return (await compoundsWithBuildings(ctx, user, [compoundId]))[0]!;
}

async function categoryOf(ctx: AppContext, code: string, field: string) {
  const found = (await gridCategories(ctx)).items.find((c) => c.code === code);
  if (!found)
    throw unprocessable(rm.msg('grid.report.invalid', { errors: [rm.msg('grid.report.unknown_category')] }), [
      { path: field, message: rm.msg('grid.report.unknown_category') },
    ]);
  return found;
}

interface Place {
  compoundId: string;
  buildingId?: string;
  lat?: number;
  lng?: number;
}

/** Where the report is: the pin, else the compound's own point for a building the resident picked. */
function pointOf(compound: { lat: number | null; lng: number | null }, place: Place): { lat: number; lng: number } | null {
  if (place.lat !== undefined && place.lng !== undefined) return { lat: place.lat, lng: place.lng };
  if (compound.lat !== null && compound.lng !== null) return { lat: compound.lat, lng: compound.lng };
  return null;
}

export async function similarEvents(ctx: AppContext, user: AuthUser, q: Place & { category: string }) {
  const compound = await homeCompound(ctx, user, q.compoundId, 'query.compoundId');
  const category = await categoryOf(ctx, q.category, 'query.category');
  const point = pointOf(compound, q);
  const near = point ? await nearbyOpen(ctx.db, category.code, point, category.duplicateRadiusM, 10) : [];
  const sameBuilding = q.buildingId
    ? await ctx.db
        .select({ id: gridEvents.id })
        .from(gridEvents)
        .where(
          and(
            eq(gridEvents.category, category.code),
            eq(gridEvents.buildingId, q.buildingId),
            sql`${gridEvents.state} <> 'closed'`,
            isNull(gridEvents.mergedIntoId),
          ),
        )
        .limit(10)
    : [];
  const distance = new Map(near.map((n) => [n.id, n.distanceM]));
  for (const b of sameBuilding) if (!distance.has(b.id)) distance.set(b.id, 0);
  const rows = distance.size
    ? await ctx.db
        .select({
          id: gridEvents.id,
          seq: gridEvents.seq,
          category: gridEvents.category,
          state: gridEvents.state,
          buildingId: gridEvents.buildingId,
          reportedAt: gridEvents.reportedAt,
          merged: gridEvents.mergedIntoId,
        })
        .from(gridEvents)
        .where(inArray(gridEvents.id, [...distance.keys()]))
    : [];
  const withDistance = rows
    .filter((r) => !r.merged)
    .map((r) => ({ ...r, distanceM: distance.get(r.id) ?? 0 }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, 10);
  const mine = await followedIds(
    ctx,
    user.id,
    withDistance.map((r) => r.id),
  );
  const names = new Map(compound.buildings.map((b) => [b.id, b.name]));
  return {
    items: withDistance.map((r) => ({
      id: r.id,
      ref: ref(r.seq, r.reportedAt),
      category: r.category,
      state: r.state,
      distanceM: r.distanceM,
      buildingName: r.buildingId ? (names.get(r.buildingId) ?? null) : null,
      reportedAt: r.reportedAt.toISOString(),
      following: mine.has(r.id),
    })),
  };
}

async function followedIds(ctx: AppContext, accountId: string, eventIds: string[]): Promise<Set<string>> {
  if (!eventIds.length) return new Set();
  const rows = await ctx.db
    .select({ id: gridEventFollowers.eventId })
    .from(gridEventFollowers)
    .where(and(eq(gridEventFollowers.accountId, accountId), inArray(gridEventFollowers.eventId, eventIds)));
  return new Set(rows.map((r) => r.id));
}

export async function reportEvent(ctx: AppContext, user: Caller, form: ReportForm) {
  const compound = await homeCompound(ctx, user, form.compoundId, 'body.compoundId');
  const category = await categoryOf(ctx, form.category, 'body.category');
  if (form.buildingId && !compound.buildings.some((b) => b.id === form.buildingId))
    throw unprocessable(rm.msg('grid.report.invalid', { errors: [rm.msg('grid.report.unknown_building')] }), [
      { path: 'body.buildingId', message: rm.msg('grid.report.unknown_building') },
    ]);
  const pinned = form.lat !== undefined && form.lng !== undefined;
  if (!pinned && !form.buildingId)
    throw unprocessable(rm.msg('grid.report.invalid', { errors: [rm.msg('grid.report.place_required')] }), [
      { path: 'body.lat', message: rm.msg('grid.report.place_required') },
    ]);
  const point = pointOf(compound, form);
  // Photos are held for the resident first (the core's pending photos: unclaimed ones are purged after a day).
  const photoIds: string[] = [];
  for (const p of form.photos)
    photoIds.push((await uploadPendingPhoto(ctx, user, { filename: p.filename, mimetype: p.contentType, data: p.data })).id);
  return ctx.database.db.transaction(async (tx) => {
    const created = await createGridEvent(
      ctx,
      {
        category: category.code,
        description: form.description,
        compoundId: compound.id,
        buildingId: form.buildingId,
        lat: point?.lat,
        lng: point?.lng,
        addressText: form.buildingId ? `${compound.name} ${compound.buildings.find((b) => b.id === form.buildingId)!.name}` : compound.name,
        source: 'resident',
        anonymous: form.anonymous,
        reporterAccountId: user.id,
        photoIds,
      },
      user,
      tx,
    );
    await tx
      .insert(gridEventFollowers)
      .values({ eventId: created.id, accountId: user.id, relation: 'reporter', seenAt: new Date() })
      .onConflictDoNothing();
    return {
      id: created.id,
      ref: created.ref,
      state: created.state,
      dueAt: created.dueAt,
      duplicates: created.duplicates,
    };
  });
}

const summaryColumns = {
  id: gridEvents.id,
  seq: gridEvents.seq,
  category: gridEvents.category,
  description: gridEvents.description,
  state: gridEvents.state,
  level: gridEvents.level,
  compoundId: gridEvents.compoundId,
  buildingId: gridEvents.buildingId,
  reportedAt: gridEvents.reportedAt,
  updatedAt: gridEvents.updatedAt,
  closedAt: gridEvents.closedAt,
  relation: gridEventFollowers.relation,
  seenAt: gridEventFollowers.seenAt,
  merged: gridEvents.mergedIntoId,
  lastStepAt: sql<Date | null>`(select max(s.at) from grid_event_steps s where s.event_id = grid_events.id)`.mapWith(
    (v: string | Date | null) => (v === null ? null : v instanceof Date ? v : new Date(v)),
  ),
};
/** The resident's events (reported or followed) with what their list shows. */
const summarySelect = (ctx: AppContext) =>
  ctx.db.select(summaryColumns).from(gridEventFollowers).innerJoin(gridEvents, eq(gridEvents.id, gridEventFollowers.eventId));
type SummaryRow = Awaited<ReturnType<typeof summarySelect>>[number];

async function summaries(ctx: AppContext, user: AuthUser, rows: SummaryRow[]) {
  const compoundIds = [...new Set(rows.flatMap((r) => (r.compoundId ? [r.compoundId] : [])))];
  const [compounds, buildings] = await Promise.all([
    compoundIds.length ? registry.compoundsInScope(ctx, { ...user, scope: { division: null, compoundIds } }, compoundIds) : [],
    registry.buildingsOf(ctx, compoundIds),
  ]);
  const compoundName = new Map(compounds.map((c) => [c.id, c.name]));
  const buildingName = new Map(buildings.map((b) => [b.id, b.name]));
  return rows.map((r) => ({
    id: r.id,
    ref: ref(r.seq, r.reportedAt),
    category: r.category,
    state: r.state,
    level: r.level,
    relation: r.relation,
    compoundId: r.compoundId,
    compoundName: r.compoundId ? (compoundName.get(r.compoundId) ?? null) : null,
    buildingName: r.buildingId ? (buildingName.get(r.buildingId) ?? null) : null,
    // Another resident's words stay theirs: a follower reads the event's progress, not the report.
    description: r.relation === 'reporter' ? r.description : '',
    reportedAt: r.reportedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: iso(r.closedAt),
    unread: !!r.lastStepAt && r.lastStepAt.getTime() > r.seenAt.getTime(),
  }));
}

export const listCursor = z.tuple([z.string(), z.string()]);

export async function myReports(ctx: AppContext, user: AuthUser, q: { limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, listCursor);
  const mine = eq(gridEventFollowers.accountId, user.id);
  const rows = await summarySelect(ctx)
    .where(
      and(
        mine,
        after
          ? or(
              lt(gridEvents.reportedAt, new Date(after[0])),
              and(eq(gridEvents.reportedAt, new Date(after[0])), lt(gridEvents.id, after[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(gridEvents.reportedAt), desc(gridEvents.id))
    .limit(q.limit + 1);
  const [{ unread } = { unread: 0 }] = await ctx.db
    .select({ unread: sql<number>`count(*)::int` })
    .from(gridEventFollowers)
    .where(
      and(
        mine,
        sql`exists (select 1 from grid_event_steps s where s.event_id = ${gridEventFollowers.eventId} and s.at > ${gridEventFollowers.seenAt})`,
      ),
    );
  const paged = page(rows, q.limit, (r) => [r.reportedAt.toISOString(), r.id]);
  return { items: await summaries(ctx, user, paged.items), nextCursor: paged.nextCursor, unread };
}

async function myRow(ctx: AppContext, user: AuthUser, id: string) {
  const [row] = await summarySelect(ctx).where(and(eq(gridEventFollowers.accountId, user.id), eq(gridEventFollowers.eventId, id)));
  if (!row) throw notFound(rm.msg('grid.report.entity', { id }));
  return row;
}

export async function myReport(ctx: AppContext, user: AuthUser, id: string, now = new Date()) {
  const row = await myRow(ctx, user, id);
  const [event, days] = await Promise.all([getGridEvent(ctx, id, user.locale), reopenDays(ctx)]);
  if (!event) throw notFound(rm.msg('grid.report.entity', { id }));
  await ctx.db
    .update(gridEventFollowers)
    .set({ seenAt: now })
    .where(and(eq(gridEventFollowers.accountId, user.id), eq(gridEventFollowers.eventId, id)));
  const [summary] = await summaries(ctx, user, [row]);
  const reportedStep = event.steps.find((s) => s.action === 'reported')?.id;
  const url = (photoId: string) => `/api/v1/me/grid-events/${id}/photos/${photoId}`;
  const window = reopenWindow(
    { state: row.state, closedAt: row.closedAt, merged: !!row.merged, reporter: row.relation === 'reporter' },
    days,
    now,
  );
  return {
    ...summary!,
    unread: false,
    lat: event.lat,
    lng: event.lng,
    anonymous: event.anonymous,
    dueAt: event.dueAt,
    // The report's own photos above; each later step's photos with the step.
    photos:
      row.relation === 'reporter'
        ? event.photos.filter((p) => !p.stepId || p.stepId === reportedStep).map((p) => ({ id: p.id, url: url(p.id) }))
        : [],
    steps: event.steps.map((s) => ({
      action: s.action,
      from: s.from,
      to: s.to,
      at: s.at,
      actorRole: s.actorRole,
      // A rating's step carries its stars, shown with the rating itself.
      note: s.action === 'rated' ? null : s.note,
      photos: s.id === reportedStep ? [] : event.photos.filter((p) => p.stepId === s.id).map((p) => ({ id: p.id, url: url(p.id) })),
    })),
    reopen: { allowed: window.allowed, until: iso(window.until), days },
    rating: event.rating ? { stars: event.rating.score, comment: event.rating.comment, at: event.rating.at } : null,
    canRate: row.relation === 'reporter' && row.state === 'closed' && !event.rating && !row.merged,
  };
}

export async function myReportPhoto(ctx: AppContext, user: AuthUser, id: string, photoId: string) {
  const row = await myRow(ctx, user, id);
  const [photo] = await ctx.db
    .select({ photo: gridEventPhotos, stepAction: gridEventSteps.action })
    .from(gridEventPhotos)
    .leftJoin(gridEventSteps, eq(gridEventSteps.id, gridEventPhotos.stepId))
    .where(and(eq(gridEventPhotos.id, photoId), eq(gridEventPhotos.eventId, id)));
  // A follower sees the photos of the handling, not those of someone else's report.
  const reportersOwn = !photo?.stepAction || photo.stepAction === 'reported';
  if (!photo || (row.relation !== 'reporter' && reportersOwn)) throw notFound(rm.msg('grid.report.entity', { id: photoId }));
  const { photo: p } = photo;
  return {
    file: { filename: p.filename, contentType: p.contentType, size: p.sizeBytes },
    body: await fileStore(ctx.env.dataDir).read(p.sha256),
  };
}

export async function followEvent(ctx: AppContext, user: Caller, id: string) {
  const ids = await homeCompounds(ctx, user);
  const [event] = await ctx.db
    .select({ id: gridEvents.id, compoundId: gridEvents.compoundId, state: gridEvents.state, merged: gridEvents.mergedIntoId })
    .from(gridEvents)
    .where(eq(gridEvents.id, id));
  if (!event || !event.compoundId || !ids.includes(event.compoundId)) throw notFound(rm.msg('grid.report.entity', { id }));
  if (event.state === 'closed' || event.merged) throw conflict(rm.msg('grid.follow.not_public'));
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .insert(gridEventFollowers)
      .values({ eventId: id, accountId: user.id, relation: 'follower', seenAt: new Date() })
      .onConflictDoNothing();
    await audit(tx, actorOf(user), 'grid.follow', 'grid_event', id);
  });
  const [summary] = await summaries(ctx, user, [await myRow(ctx, user, id)]);
  return summary!;
}

export async function reopenReport(ctx: AppContext, user: Caller, id: string, reason: string, now = new Date()) {
  const row = await myRow(ctx, user, id);
  if (row.relation !== 'reporter') throw forbidden(rm.msg('grid.reopen.not_reporter'));
  const days = await reopenDays(ctx);
  const window = reopenWindow({ state: row.state, closedAt: row.closedAt, merged: !!row.merged, reporter: true }, days, now);
  if (!window.allowed) {
    if (window.until)
      throw problem(409, rm.msg('grid.reopen.window_passed', { days, until: window.until.toISOString().slice(0, 10) }), {
        reopenUntil: window.until.toISOString(),
      });
    throw conflict(rm.msg('grid.reopen.not_now'));
  }
  await transitionGridEvent(ctx, id, 'disputed', user, reason);
  return myReport(ctx, user, id, now);
}

export async function rateReport(ctx: AppContext, user: Caller, id: string, input: { stars: number; comment?: string }, now = new Date()) {
  const row = await myRow(ctx, user, id);
  if (row.relation !== 'reporter') throw forbidden(rm.msg('grid.rating.not_reporter'));
  if (row.state !== 'closed' || row.merged) throw conflict(rm.msg('grid.rating.not_closed'));
  const [rated] = await ctx.db.select({ id: gridEventRatings.id }).from(gridEventRatings).where(eq(gridEventRatings.eventId, id));
  if (rated) throw conflict(rm.msg('grid.rating.already'));
  try {
    await rateGridEvent(ctx, user, id, { score: input.stars, comment: input.comment || null });
  } catch (err) {
    // Two ratings at once: the core's unique index let the other through first.
    if ((err as { status?: number }).status === 409) throw conflict(rm.msg('grid.rating.already'));
    throw err;
  }
  return myReport(ctx, user, id, now);
}
