// The resident's side (/m): what the form offers, filing a request for one of their homes (the household's place
// comes from their binding) with photos, their households' requests with every step, and the rating: once, after
// the work is done, within the rule's days. A resident sees only their own households' requests.
import { and, desc, eq, inArray, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { fileStore } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { createWorkOrder, workOrderState } from '../workorders/index.ts';
import { registry } from '../registry/index.ts';
import { REPAIR_SOURCE } from './clock.ts';
import { MAX_PHOTOS, photoMaxBytes, type Photo, type RequestForm } from './form.ts';
import { repairMessages as rm } from './messages.ts';
import {
  photoOf,
  photosOf,
  photoViews,
  placesOf,
  ratingsOf,
  residentHouseholds,
  summary,
  timeline,
  visibleRepair,
  type Row,
} from './repairs.queries.ts';
import { dueAt, mayRate, rateUntil, ratingDaysAt, repairCategoriesAt } from './rules.ts';
import { repairPhotos, repairRatings, repairs, repairSteps, type PhotoStage } from './schema.ts';

type Caller = AuthUser & { ip?: string };
export const actorOf = (user: Caller): Actor => ({ id: user.id, username: user.username, ip: user.ip });

/** Keeps the photos' bytes (before any row: an orphaned file is harmless) and answers their rows. */
export async function keptPhotos(ctx: AppContext, repairId: string, stage: PhotoStage, photos: Photo[], by: string, from = 0) {
  const store = fileStore(ctx.env.dataDir);
  const rows: (typeof repairPhotos.$inferInsert)[] = [];
  for (const [i, p] of photos.entries()) {
    const kept = await store.store(p.data);
    rows.push({
      id: uuidv7(),
      repairId,
      stage,
      position: from + i,
      sha256: kept.sha256,
      filename: p.filename,
      contentType: p.contentType,
      sizeBytes: kept.size,
      uploadedBy: by,
    });
  }
  return rows;
}

export async function requestOptions(ctx: AppContext, user: AuthUser) {
  const [cats, days, bindings] = await Promise.all([
    repairCategoriesAt(ctx.db),
    ratingDaysAt(ctx.db),
    user.residentId ? registry.bindingsOfResident(ctx, user.residentId) : Promise.resolve([]),
  ]);
  return {
    households: bindings
      .filter((b) => b.status === 'verified')
      .map((b) => ({ id: b.householdId, compoundName: b.compoundName, building: b.building, unit: b.unit, room: b.room })),
    categories: cats.items.map((c) => ({ code: c.code, name: c.name, dueHours: c.dueHours })),
    maxPhotos: MAX_PHOTOS,
    photoMaxMb: photoMaxBytes(ctx) / 2 ** 20,
    ratingDays: days,
  };
}

export async function fileRepair(ctx: AppContext, user: Caller, form: RequestForm, now = new Date()) {
  const households = await residentHouseholds(ctx.db, user);
  let householdId = form.householdId;
  if (!householdId) {
    if (households.length > 1)
      throw unprocessable(rm.msg('repair.household_required'), [{ path: 'body.householdId', message: rm.msg('field.household_required') }]);
    householdId = households[0]!;
  } else if (!households.includes(householdId))
    throw unprocessable(rm.msg('repair.household_not_yours'), [{ path: 'body.householdId', message: rm.msg('field.household_not_yours') }]);
  const cats = await repairCategoriesAt(ctx.db);
  const category = cats.byCode.get(form.category);
  if (!category)
    throw unprocessable(rm.msg('repair.invalid', { errors: [rm.msg('repair.unknown_category')] }), [
      { path: 'body.category', message: rm.msg('repair.unknown_category') },
    ]);
  const [place] = await registry.householdFrame(ctx.db, { householdIds: [householdId] });
  const [compound] = await registry.compoundsInScope(ctx, user, [place!.compoundId]);
  const id = uuidv7();
  const photos = await keptPhotos(ctx, id, 'request', form.photos, user.id);
  const due = dueAt(now, category);
  await ctx.db.transaction(async (tx) => {
    // The generic work order carries it: the property staff take or are assigned it, and finish it with a photo.
    const order = await createWorkOrder(
      ctx,
      user,
      {
        sourceKind: REPAIR_SOURCE,
        sourceId: id,
        compoundId: place!.compoundId,
        title: `报修：${category.name.zh}（${place!.building}${place!.unit}${place!.room}）`,
        description: form.description,
        dueAt: due,
      },
      tx,
    );
    await tx.insert(repairs).values({
      id,
      compoundId: place!.compoundId,
      communityCode: compound!.communityCode,
      householdId,
      filedBy: user.id,
      category: category.code,
      ruleVersion: cats.version,
      description: form.description,
      dueAt: due,
      workOrderId: order.id,
      createdAt: now,
      updatedAt: now,
    });
    if (photos.length) await tx.insert(repairPhotos).values(photos);
    await audit(tx, actorOf(user), 'repair.file', 'repair', id, { category: category.code, photos: photos.length });
  });
  return { id, status: 'open' as const, dueAt: due.toISOString() };
}

export async function myRepairs(ctx: AppContext, user: AuthUser, q: { limit: number; cursor?: string }, now = new Date()) {
  const households = await residentHouseholds(ctx.db, user);
  const after = decodeCursor(q.cursor, z.tuple([z.iso.datetime(), z.string().uuid()]));
  const rows = await ctx.db
    .select()
    .from(repairs)
    .where(
      and(
        inArray(repairs.householdId, households),
        after
          ? or(lt(repairs.createdAt, new Date(after[0])), and(eq(repairs.createdAt, new Date(after[0])), lt(repairs.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(desc(repairs.createdAt), desc(repairs.id))
    .limit(q.limit + 1);
  const result = page(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  const ids = result.items.map((r) => r.id);
  const [cats, places, ratings] = await Promise.all([
    repairCategoriesAt(ctx.db),
    placesOf(
      ctx.db,
      result.items.map((r) => r.householdId),
    ),
    ratingsOf(ctx.db, ids),
  ]);
  return {
    items: result.items.map((r) => ({ ...summary(r, cats, places.get(r.householdId), now), rated: ratings.has(r.id) })),
    nextCursor: result.nextCursor,
  };
}

const residentPhotoUrl = (id: string) => (photoId: string) => `/api/v1/me/repairs/${id}/photos/${photoId}`;

export async function myRepair(ctx: AppContext, user: AuthUser, id: string, now = new Date()) {
  const r = await visibleRepair(ctx.db, user, id, 'resident');
  return residentView(ctx, user, r, now);
}

async function residentView(ctx: AppContext, user: AuthUser, r: Row, now: Date) {
  const [cats, places, ratings, photos, steps, days] = await Promise.all([
    repairCategoriesAt(ctx.db),
    placesOf(ctx.db, [r.householdId]),
    ratingsOf(ctx.db, [r.id]),
    photosOf(ctx.db, r.id),
    timeline(ctx, user, r, true),
    ratingDaysAt(ctx.db),
  ]);
  const rating = ratings.get(r.id);
  const until = rateUntil(r.completedAt, days);
  return {
    ...summary(r, cats, places.get(r.householdId), now),
    rated: !!rating,
    completionNote: r.completionNote,
    photos: photoViews(photos, residentPhotoUrl(r.id), 'request'),
    completionPhotos: photoViews(photos, residentPhotoUrl(r.id), 'completion'),
    steps,
    rating: rating ? { stars: rating.stars, comment: rating.comment, at: rating.ratedAt.toISOString() } : null,
    canRate: mayRate({ status: r.status, completedAt: r.completedAt, rated: !!rating }, days, now) === 'ok',
    rateUntil: until?.toISOString() ?? null,
    ratingDays: days,
  };
}

/** Rates a finished repair: once (the rating's primary key decides between two at once), within the rule's days. */
export async function rateRepair(
  ctx: AppContext,
  user: Caller,
  id: string,
  input: { stars: number; comment?: string | null },
  now = new Date(),
) {
  const days = await ratingDaysAt(ctx.db);
  await ctx.db.transaction(async (tx) => {
    const r = await visibleRepair(tx, user, id, 'resident', true);
    // The order decides whether the work is done (its own page may have finished it a moment ago).
    const state = await workOrderState(tx, r.workOrderId);
    const verdict = mayRate(
      { status: state?.status ?? r.status, completedAt: state?.completedAt ?? r.completedAt, rated: false },
      days,
      now,
    );
    if (verdict === 'not_done')
      throw conflict(
        rm.msg('repair.wrong_state', { status: rm.msg(`status.${state?.status ?? r.status}`), action: rm.msg('action.rate') }),
        {
          repairStatus: state?.status ?? r.status,
        },
      );
    if (verdict === 'too_late') throw conflict(rm.msg('repair.rating_closed', { days }));
    const inserted = await tx
      .insert(repairRatings)
      .values({ repairId: r.id, stars: input.stars, comment: input.comment ?? null, ratedBy: user.id, ratedAt: now })
      .onConflictDoNothing()
      .returning({ id: repairRatings.repairId });
    if (!inserted.length) throw conflict(rm.msg('repair.already_rated'));
    await tx
      .insert(repairSteps)
      .values({ id: uuidv7(), repairId: r.id, at: now, action: 'rated', actorId: user.id, note: String(input.stars) });
    // The comment is the resident's words: it stays with the rating, not in the audit log.
    await audit(tx, actorOf(user), 'repair.rate', 'repair', r.id, { stars: input.stars });
  });
  return myRepair(ctx, user, id, now);
}

export async function residentPhoto(ctx: AppContext, user: AuthUser, id: string, photoId: string) {
  await visibleRepair(ctx.db, user, id, 'resident');
  return photoOfRepair(ctx, id, photoId);
}

export async function photoOfRepair(ctx: AppContext, id: string, photoId: string) {
  const p = await photoOf(ctx.db, id, photoId);
  return {
    file: { filename: p.filename, contentType: p.contentType, size: p.sizeBytes },
    body: await fileStore(ctx.env.dataDir).read(p.sha256),
  };
}
