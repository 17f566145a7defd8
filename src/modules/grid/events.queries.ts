// Reading grid events: one event with its steps and photos (no personal data of the reporter), the lists for
// staff (in scope, filtered, by cursor) and for other modules (Open311, exports), lookups by source, and the
// duplicate suggestion (open events of a category near a point).
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/client.ts';
import { fileStore } from '../../platform/files.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { notFound } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { eventScope, type GridActor } from './access.ts';
import { boundingBox, eventRef, isOverdue } from './lifecycle.ts';
import { gridMessages as gm } from './messages.ts';
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

export type EventRow = typeof gridEvents.$inferSelect;
type Reader = Db | Tx;

export interface GridEventStep {
  id: string;
  action: StepAction;
  from: GridEventState | null;
  to: GridEventState | null;
  level: GridLevel;
  at: string;
  actorRole: string;
  lat: number | null;
  lng: number | null;
  note: string | null;
}

export interface GridEventDetail {
  id: string;
  seq: number;
  /** Human-readable: the year reported and the number, "2026-000123". */
  ref: string;
  category: string;
  categoryVersion: string;
  description: string;
  state: GridEventState;
  level: GridLevel;
  responsible: string;
  source: GridEventSource;
  platform: string | null;
  sourceRef: string | null;
  compoundId: string | null;
  communityCode: string;
  subdistrictCode: string | null;
  buildingId: string | null;
  gridId: string | null;
  lat: number | null;
  lng: number | null;
  addressText: string | null;
  anonymous: boolean;
  reportedAt: string;
  updatedAt: string;
  dueAt: string | null;
  overdue: boolean;
  overdueSince: string | null;
  closedAt: string | null;
  mergedIntoId: string | null;
  reopenedCount: number;
  assigneeId: string | null;
  workOrderId: string | null;
  photos: { id: string; url: string; stepId: string | null }[];
  mediaUrl: string | null;
  attributes: Record<string, string | string[]>;
  rating: { score: number; comment: string | null; at: string } | null;
  steps: GridEventStep[];
}

const num = (v: string | null): number | null => (v === null ? null : Number(v));
export const photoUrl = (eventId: string, photoId: string) => `/api/v1/grid-events/${eventId}/photos/${photoId}`;

/** A system note is stored as a code and parameters, and read in the reader's language. */
export const systemNote = (code: string, params: Record<string, string> = {}) => JSON.stringify({ code, params });

function noteText(note: string | null, locale: Locale): string | null {
  if (!note || !note.startsWith('{"code"')) return note;
  try {
    const { code, params } = JSON.parse(note) as { code: string; params: Record<string, string> };
    if (!gm.has(code)) return note;
    const rendered = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === 'level' ? gm.msg(`level.${v as GridLevel}`) : v]));
    return gm.msg(code as never, rendered as never).in(locale);
  } catch {
    return note;
  }
}

/** Summaries (everything but steps, photos and rating) of rows, with the overdue flag at `now`. */
export function summaryOf(r: EventRow, now = new Date()) {
  return {
    id: r.id,
    seq: r.seq,
    ref: eventRef(r.seq, r.reportedAt),
    category: r.category,
    categoryVersion: r.categoryVersion,
    description: r.description,
    state: r.state,
    level: r.level,
    responsible: r.responsible,
    source: r.source,
    platform: r.platform,
    sourceRef: r.sourceRef,
    compoundId: r.compoundId,
    communityCode: r.communityCode,
    subdistrictCode: r.subdistrictCode,
    buildingId: r.buildingId,
    gridId: r.gridId,
    lat: num(r.lat),
    lng: num(r.lng),
    addressText: r.addressText,
    anonymous: r.anonymous,
    reportedAt: r.reportedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    dueAt: r.dueAt?.toISOString() ?? null,
    overdue: r.overdueSince !== null || isOverdue(r, now),
    overdueSince: r.overdueSince?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    mergedIntoId: r.mergedIntoId,
    reopenedCount: r.reopenedCount,
    assigneeId: r.assigneeId,
    workOrderId: r.workOrderId,
    mediaUrl: r.mediaUrl,
    attributes: r.attributes,
  };
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Full details of rows: their steps, photos and ratings read in three queries for all of them. */
export async function detailsOf(db: Reader, rows: EventRow[], locale: Locale = 'zh-CN'): Promise<GridEventDetail[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // Run one after another: `db` may be a transaction, one connection.
  const steps = await db
    .select()
    .from(gridEventSteps)
    .where(inArray(gridEventSteps.eventId, ids))
    .orderBy(asc(gridEventSteps.at), asc(gridEventSteps.id));
  const photos = await db
    .select({ id: gridEventPhotos.id, eventId: gridEventPhotos.eventId, stepId: gridEventPhotos.stepId })
    .from(gridEventPhotos)
    .where(inArray(gridEventPhotos.eventId, ids))
    .orderBy(asc(gridEventPhotos.uploadedAt), asc(gridEventPhotos.id));
  const ratings = await db.select().from(gridEventRatings).where(inArray(gridEventRatings.eventId, ids));
  const stepsOf = groupBy(steps, (s) => s.eventId);
  const photosOf = groupBy(photos, (p) => p.eventId ?? '');
  const ratingOf = new Map(ratings.map((x) => [x.eventId, x]));
  const now = new Date();
  return rows.map((r) => {
    const rating = ratingOf.get(r.id);
    return {
      ...summaryOf(r, now),
      photos: (photosOf.get(r.id) ?? []).map((p) => ({ id: p.id, url: photoUrl(r.id, p.id), stepId: p.stepId })),
      rating: rating ? { score: rating.score, comment: rating.comment, at: rating.at.toISOString() } : null,
      steps: (stepsOf.get(r.id) ?? []).map((s) => ({
        id: s.id,
        action: s.action,
        from: s.fromState,
        to: s.toState,
        level: s.level,
        at: s.at.toISOString(),
        actorRole: s.actorRole,
        lat: num(s.lat),
        lng: num(s.lng),
        note: noteText(s.note, locale),
      })),
    };
  });
}

/** One event (no scope: for other modules, which decide who may see it); null when there is none. */
export async function getGridEvent(
  ctx: AppContext,
  id: string,
  locale: Locale = 'zh-CN',
  db: Reader = ctx.db,
): Promise<GridEventDetail | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await db.select().from(gridEvents).where(eq(gridEvents.id, id));
  return row ? (await detailsOf(db, [row], locale))[0]! : null;
}

/** The event if the actor may see it, locked when asked; otherwise 404 (out of scope is not told apart). */
export async function visibleEvent(db: Reader, actor: GridActor | null, id: string, lock = false): Promise<EventRow> {
  const query = db
    .select()
    .from(gridEvents)
    .where(and(eq(gridEvents.id, id), eventScope(actor)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw notFound(gm.msg('grid.event.entity', { id }));
  return row;
}

export async function findGridEventBySource(
  ctx: AppContext,
  source: GridEventSource,
  platform: string | null,
  sourceRef: string,
  db: Reader = ctx.db,
): Promise<string | null> {
  const [row] = await db
    .select({ id: gridEvents.id })
    .from(gridEvents)
    .where(
      and(
        eq(gridEvents.source, source),
        sql`coalesce(${gridEvents.platform}, '') = ${platform ?? ''}`,
        eq(gridEvents.sourceRef, sourceRef),
        isNotNull(gridEvents.sourceRef),
      ),
    );
  return row?.id ?? null;
}

export interface GridEventFilter {
  categories?: string[];
  states?: GridEventState[];
  from?: Date;
  to?: Date;
  ids?: string[];
  /** Events placed in these compounds (a compound's public list). */
  compoundIds?: string[];
  limit: number;
  /** The id of the last event of the previous page. */
  after?: string;
}

/** Events newest first by report time, for other modules (Open311, exports): no scope. */
export async function listGridEvents(ctx: AppContext, f: GridEventFilter, locale: Locale = 'zh-CN'): Promise<GridEventListItem[]> {
  const where = and(
    f.categories?.length ? inArray(gridEvents.category, f.categories) : undefined,
    f.states?.length ? inArray(gridEvents.state, f.states) : undefined,
    f.from ? gte(gridEvents.reportedAt, f.from) : undefined,
    f.to ? lte(gridEvents.reportedAt, f.to) : undefined,
    f.ids ? inArray(gridEvents.id, f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']) : undefined,
    f.compoundIds
      ? inArray(gridEvents.compoundId, f.compoundIds.length ? f.compoundIds : ['00000000-0000-0000-0000-000000000000'])
      : undefined,
    f.after && z.uuid().safeParse(f.after).success
      ? sql`(${gridEvents.reportedAt}, ${gridEvents.id}) < (select reported_at, id from grid_events where id = ${f.after})`
      : undefined,
  );
  // A list (a GeoReport page of up to 1,000) reads only what a request record shows, and each event's latest note
  // from the steps' index, in one statement: reading every step and photo was most of its time.
  const rows = await ctx.db
    .select({
      id: gridEvents.id,
      seq: gridEvents.seq,
      category: gridEvents.category,
      description: gridEvents.description,
      state: gridEvents.state,
      level: gridEvents.level,
      compoundId: gridEvents.compoundId,
      addressText: gridEvents.addressText,
      lat: gridEvents.lat,
      lng: gridEvents.lng,
      reportedAt: gridEvents.reportedAt,
      updatedAt: gridEvents.updatedAt,
      dueAt: gridEvents.dueAt,
      closedAt: gridEvents.closedAt,
      mediaUrl: gridEvents.mediaUrl,
      // grid_events.id spelled out: inside a select list drizzle writes a column unqualified, which here would be s.id.
      lastNote: sql<string | null>`(select s.note from grid_event_steps s where s.event_id = grid_events.id
        order by s.at desc, s.id desc limit 1)`,
    })
    .from(gridEvents)
    .where(where)
    .orderBy(desc(gridEvents.reportedAt), desc(gridEvents.id))
    .limit(f.limit);
  return rows.map((r) => ({
    id: r.id,
    ref: eventRef(r.seq, r.reportedAt),
    category: r.category,
    description: r.description,
    state: r.state,
    level: r.level,
    compoundId: r.compoundId,
    addressText: r.addressText,
    lat: num(r.lat),
    lng: num(r.lng),
    reportedAt: r.reportedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    dueAt: r.dueAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    mediaUrl: r.mediaUrl,
    lastNote: noteText(r.lastNote, locale),
  }));
}

/** An event in a list for other modules: what a GeoReport request record or an export row shows. */
export interface GridEventListItem {
  id: string;
  ref: string;
  category: string;
  description: string;
  state: GridEventState;
  level: GridLevel;
  compoundId: string | null;
  addressText: string | null;
  lat: number | null;
  lng: number | null;
  reportedAt: string;
  updatedAt: string;
  dueAt: string | null;
  closedAt: string | null;
  mediaUrl: string | null;
  /** The latest step's note, in the asked language. */
  lastNote: string | null;
}

export interface StaffQuery {
  state?: GridEventState;
  category?: string;
  level?: GridLevel;
  overdue?: boolean;
  compoundId?: string;
  gridId?: string;
  mine?: boolean;
  limit: number;
  cursor?: string;
}

/** Events in the actor's scope, newest first, by cursor. */
export async function listForActor(ctx: AppContext, actor: GridActor, q: StaffQuery, now = new Date()) {
  const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime(), z.uuid()]));
  const overdue: SQL = sql`${gridEvents.state} <> 'closed' and (${gridEvents.overdueSince} is not null or coalesce(${gridEvents.dueAt} <= ${now}, false))`;
  const where = and(
    eventScope(actor),
    q.state ? eq(gridEvents.state, q.state) : undefined,
    q.category ? eq(gridEvents.category, q.category) : undefined,
    q.level ? eq(gridEvents.level, q.level) : undefined,
    q.overdue === true ? overdue : q.overdue === false ? sql`not (${overdue})` : undefined,
    q.compoundId ? eq(gridEvents.compoundId, q.compoundId) : undefined,
    q.gridId ? eq(gridEvents.gridId, q.gridId) : undefined,
    q.mine ? eq(gridEvents.assigneeId, actor.id) : undefined,
    after
      ? or(lt(gridEvents.reportedAt, new Date(after[0])), and(eq(gridEvents.reportedAt, new Date(after[0])), lt(gridEvents.id, after[1])))
      : undefined,
  );
  const rows = await ctx.db
    .select()
    .from(gridEvents)
    .where(where)
    .orderBy(desc(gridEvents.reportedAt), desc(gridEvents.id))
    .limit(q.limit + 1);
  const result = page(rows, q.limit, (r) => [r.reportedAt.toISOString(), r.id]);
  return { items: result.items.map((r) => summaryOf(r, now)), nextCursor: result.nextCursor };
}

/** Open events of a category within `radiusM` of a point, nearest first (a box on the index, then the exact distance). */
export async function nearbyOpen(
  db: Reader,
  category: string,
  p: { lat: number; lng: number },
  radiusM: number,
  limit = 5,
  exclude?: string,
): Promise<{ id: string; distanceM: number; category: string; state: string }[]> {
  if (radiusM <= 0) return [];
  const box = boundingBox(p, radiusM);
  const res = await db.execute<{ id: string; distance_m: number; category: string; state: string }>(sql`
    select id, category, state, distance_m from (
      select id, category, state,
        2 * 6371000 * asin(least(1, sqrt(
          power(sin(radians(lat::float8 - ${p.lat}) / 2), 2) +
          cos(radians(${p.lat})) * cos(radians(lat::float8)) * power(sin(radians(lng::float8 - ${p.lng}) / 2), 2)
        ))) as distance_m
      from grid_events
      where category = ${category} and state <> 'closed' and lat is not null
        and lat between ${box.minLat} and ${box.maxLat} and lng between ${box.minLng} and ${box.maxLng}
        ${exclude ? sql`and id <> ${exclude}` : sql``}
    ) near
    where distance_m <= ${radiusM}
    order by distance_m, id
    limit ${limit}`);
  return res.rows.map((r) => ({ id: r.id, distanceM: Math.round(Number(r.distance_m)), category: r.category, state: r.state }));
}

export async function eventPhoto(
  ctx: AppContext,
  actor: GridActor | null,
  eventId: string,
  photoId: string,
): Promise<{ file: { filename: string; contentType: string; size: number }; body: Readable }> {
  await visibleEvent(ctx.db, actor, eventId);
  const [p] = await ctx.db
    .select()
    .from(gridEventPhotos)
    .where(and(eq(gridEventPhotos.id, photoId), eq(gridEventPhotos.eventId, eventId)));
  if (!p) throw notFound(gm.msg('grid.photo.entity', { id: photoId }));
  return {
    file: { filename: p.filename, contentType: p.contentType, size: p.sizeBytes },
    body: await fileStore(ctx.env.dataDir).read(p.sha256),
  };
}

/** Photos held for their uploader, not yet part of an event. */
export const pendingPhotos = (db: Reader, ids: string[]) =>
  db
    .select({ id: gridEventPhotos.id, uploadedBy: gridEventPhotos.uploadedBy })
    .from(gridEventPhotos)
    .where(and(inArray(gridEventPhotos.id, ids), isNull(gridEventPhotos.eventId)));

/** Who reported an event (an account id), for notifying them; never shown to other people. */
export async function gridEventReporter(ctx: AppContext, id: string): Promise<string | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const [row] = await ctx.db.select({ by: gridEvents.reporterAccountId }).from(gridEvents).where(eq(gridEvents.id, id));
  return row?.by ?? null;
}
