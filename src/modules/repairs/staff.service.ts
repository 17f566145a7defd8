// The property company's side: its compounds' requests with filters, one request with its timeline, follow-up
// calls and rating; assigning (派单) to property staff, taking (抢单: the work order's row lock lets the first taker
// through, a second gets 409), starting, completing with photos, and the follow-up call (回访) after the work is
// done. The moves are the work order's own (its steps and audit); the repair copies the order's state at once, and
// its handlers copy it again whenever the order moves elsewhere.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { typeOfName } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { decodeCursor, page } from '../../platform/http/pagination.ts';
import { conflict, Problem, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { accountsWithPermissionOver } from '../accounts/index.ts';
import { assignWorkOrder, completeWorkOrderIn, startWorkOrder, takeWorkOrder, workOrderState } from '../workorders/index.ts';
import { followOrder } from './clock.ts';
import type { CompletionForm } from './form.ts';
import { repairMessages as rm } from './messages.ts';
import {
  followedUp,
  inStaffScope,
  namesOf,
  photosOf,
  photoViews,
  placesOf,
  ratingsOf,
  summary,
  timeline,
  visibleRepair,
} from './repairs.queries.ts';
import { actorOf, keptPhotos, photoOfRepair } from './resident.service.ts';
import { ratingDaysAt, rateUntil, repairCategoriesAt } from './rules.ts';
import { repairFollowUps, repairPhotos, repairs, repairSteps, type FollowUpOutcome, type RepairStatus } from './schema.ts';

type Caller = AuthUser & { ip?: string };

export interface RepairFilter {
  status?: RepairStatus;
  category?: string;
  compoundId?: string;
  overdue?: boolean;
  mine?: boolean;
  limit: number;
  cursor?: string;
}

export async function listRepairs(ctx: AppContext, user: AuthUser, f: RepairFilter, now = new Date()) {
  const after = decodeCursor(f.cursor, z.tuple([z.iso.datetime(), z.string().uuid()]));
  const overdue = sql`(${repairs.overdueAt} is not null or (${repairs.status} in ('open', 'assigned', 'in_progress') and ${repairs.dueAt} <= ${now}))`;
  const rows = await ctx.db
    .select()
    .from(repairs)
    .where(
      and(
        inStaffScope(user),
        f.status ? eq(repairs.status, f.status) : undefined,
        f.category ? eq(repairs.category, f.category) : undefined,
        f.compoundId ? eq(repairs.compoundId, f.compoundId) : undefined,
        f.overdue === undefined ? undefined : f.overdue ? overdue : sql`not ${overdue}`,
        f.mine ? eq(repairs.assigneeId, user.id) : undefined,
        after
          ? or(lt(repairs.createdAt, new Date(after[0])), and(eq(repairs.createdAt, new Date(after[0])), lt(repairs.id, after[1])))
          : undefined,
      ),
    )
    .orderBy(desc(repairs.createdAt), desc(repairs.id))
    .limit(f.limit + 1);
  const result = page(rows, f.limit, (r) => [r.createdAt.toISOString(), r.id]);
  const ids = result.items.map((r) => r.id);
  const [cats, places, people, ratings, called] = await Promise.all([
    repairCategoriesAt(ctx.db),
    placesOf(
      ctx.db,
      result.items.map((r) => r.householdId),
    ),
    namesOf(
      ctx.db,
      result.items.map((r) => r.assigneeId),
    ),
    ratingsOf(ctx.db, ids),
    followedUp(ctx.db, ids),
  ]);
  return {
    items: result.items.map((r) => ({
      ...summary(r, cats, places.get(r.householdId), now),
      assignee: r.assigneeId ? (people.get(r.assigneeId) ?? { id: r.assigneeId, displayName: '' }) : null,
      stars: ratings.get(r.id)?.stars ?? null,
      followedUp: called.has(r.id),
    })),
    nextCursor: result.nextCursor,
  };
}

export async function repairCategories(ctx: AppContext) {
  const cats = await repairCategoriesAt(ctx.db);
  return { items: cats.items.map((c) => ({ code: c.code, name: c.name, dueHours: c.dueHours })) };
}

const staffPhotoUrl = (id: string) => (photoId: string) => `/api/v1/repairs/${id}/photos/${photoId}`;

export async function getRepair(ctx: AppContext, user: AuthUser, id: string, now = new Date()) {
  const r = await visibleRepair(ctx.db, user, id, 'staff');
  const [cats, places, people, ratings, photos, steps, days, calls] = await Promise.all([
    repairCategoriesAt(ctx.db),
    placesOf(ctx.db, [r.householdId]),
    namesOf(ctx.db, [r.assigneeId]),
    ratingsOf(ctx.db, [r.id]),
    photosOf(ctx.db, r.id),
    timeline(ctx, user, r, false),
    ratingDaysAt(ctx.db),
    ctx.db.select().from(repairFollowUps).where(eq(repairFollowUps.repairId, r.id)).orderBy(repairFollowUps.calledAt),
  ]);
  const callers = await namesOf(
    ctx.db,
    calls.map((c) => c.callerId),
  );
  const rating = ratings.get(r.id);
  return {
    ...summary(r, cats, places.get(r.householdId), now),
    workOrderId: r.workOrderId,
    assignee: r.assigneeId ? (people.get(r.assigneeId) ?? { id: r.assigneeId, displayName: '' }) : null,
    completionNote: r.completionNote,
    photos: photoViews(photos, staffPhotoUrl(r.id), 'request'),
    completionPhotos: photoViews(photos, staffPhotoUrl(r.id), 'completion'),
    steps,
    followUps: calls.map((c) => ({
      id: c.id,
      caller: callers.get(c.callerId) ?? { id: c.callerId, displayName: '' },
      calledAt: c.calledAt.toISOString(),
      outcome: c.outcome,
      note: c.note,
    })),
    rating: rating ? { stars: rating.stars, comment: rating.comment, at: rating.ratedAt.toISOString() } : null,
    rateUntil: rateUntil(r.completedAt, days)?.toISOString() ?? null,
  };
}

/** The property staff who may be handed a repair in its compound. */
export async function repairAssignees(ctx: AppContext, user: AuthUser, id: string) {
  const r = await visibleRepair(ctx.db, user, id, 'staff');
  const staff = await accountsWithPermissionOver(ctx.db, 'repairs.handle', { id: r.compoundId, communityCode: r.communityCode });
  return { items: staff.map((a) => ({ id: a.id, displayName: a.displayName })) };
}

/** After the order moved: the repair copies its state, and the repair's own audit entry names the move. */
async function followed(
  ctx: AppContext,
  user: Caller,
  id: string,
  workOrderId: string,
  action: string,
  detail: Record<string, unknown> = {},
) {
  await ctx.db.transaction(async (tx) => {
    await followOrder(tx, workOrderId);
    await audit(tx, actorOf(user), `repair.${action}`, 'repair', id, detail);
  });
  return getRepair(ctx, user, id);
}

export async function assignRepair(ctx: AppContext, user: Caller, id: string, input: { assigneeId: string; note?: string | null }) {
  const r = await visibleRepair(ctx.db, user, id, 'staff');
  const staff = await accountsWithPermissionOver(ctx.db, 'repairs.handle', { id: r.compoundId, communityCode: r.communityCode });
  if (!staff.some((a) => a.id === input.assigneeId))
    throw unprocessable(rm.msg('repair.assignee_not_staff'), [{ path: 'body.assigneeId', message: rm.msg('field.assignee_not_staff') }]);
  await assignWorkOrder(ctx, user, r.workOrderId, { assigneeId: input.assigneeId, note: input.note ?? null });
  return followed(ctx, user, id, r.workOrderId, 'assign', { assigneeId: input.assigneeId });
}

/**
 * 抢单: the first taker wins. The order's row is locked while its state is checked and changed, so of two takers at
 * once the second finds it taken and gets 409 `repair.already_taken`.
 */
export async function takeRepair(ctx: AppContext, user: Caller, id: string) {
  const r = await visibleRepair(ctx.db, user, id, 'staff');
  if (r.status !== 'open') throw conflict(rm.msg('repair.already_taken'), { repairStatus: r.status });
  try {
    await takeWorkOrder(ctx, user, r.workOrderId);
  } catch (err) {
    if (err instanceof Problem && err.status === 409) throw conflict(rm.msg('repair.already_taken'));
    throw err;
  }
  return followed(ctx, user, id, r.workOrderId, 'take');
}

export async function startRepair(ctx: AppContext, user: Caller, id: string) {
  const r = await visibleRepair(ctx.db, user, id, 'staff');
  await startWorkOrder(ctx, user, r.workOrderId);
  return followed(ctx, user, id, r.workOrderId, 'start');
}

/**
 * Done with photos (at least one) and a note: the order keeps the first photo, the repair all of them. One
 * transaction completes the order and the repair (its photos, note, state and audit entry), so no crash leaves a
 * done order beside a repair without its completion, or the reverse. The files are kept before it: they are
 * addressed by their content, so a rolled-back completion leaves at most an unreferenced file.
 */
export async function completeRepair(ctx: AppContext, user: Caller, id: string, form: CompletionForm) {
  const r = await visibleRepair(ctx.db, user, id, 'staff');
  if (!form.photos.length)
    throw unprocessable(rm.msg('repair.completion_photo_required'), [{ path: 'body.photos', message: rm.msg('field.photo_required') }]);
  const first = form.photos[0]!;
  // The order's file check wants the name's extension to agree with the bytes; a phone's name may have none.
  const ext = first.contentType === 'image/png' ? 'png' : 'jpeg';
  const filename = typeOfName(first.filename) === ext ? first.filename : `${first.filename}.${ext === 'png' ? 'png' : 'jpg'}`;
  const photos = await keptPhotos(ctx, id, 'completion', form.photos, user.id);
  await ctx.db.transaction(async (tx) => {
    await completeWorkOrderIn(ctx, tx, user, r.workOrderId, { filename, mimetype: first.contentType, data: first.data, note: form.note });
    await tx.delete(repairPhotos).where(and(eq(repairPhotos.repairId, id), eq(repairPhotos.stage, 'completion')));
    await tx.insert(repairPhotos).values(photos);
    await tx.update(repairs).set({ completionNote: form.note }).where(eq(repairs.id, id));
    await followOrder(tx, r.workOrderId);
    await audit(tx, actorOf(user), 'repair.complete', 'repair', id, { photos: photos.length });
  });
  return getRepair(ctx, user, id);
}

/** The follow-up call (回访) once the work is done; several may be recorded (no answer, then reached). */
export async function recordFollowUp(
  ctx: AppContext,
  user: Caller,
  id: string,
  input: { outcome: FollowUpOutcome; note?: string | null; calledAt?: string | null },
) {
  const calledAt = input.calledAt ? new Date(input.calledAt) : new Date();
  if (calledAt.getTime() > Date.now() + 60_000)
    throw unprocessable(rm.msg('repair.called_in_future'), [{ path: 'body.calledAt', message: rm.msg('field.called_in_future') }]);
  await ctx.db.transaction(async (tx) => {
    const r = await visibleRepair(tx, user, id, 'staff', true);
    const status = (await workOrderState(tx, r.workOrderId))?.status ?? r.status;
    if (status !== 'done')
      throw conflict(rm.msg('repair.wrong_state', { status: rm.msg(`status.${status}`), action: rm.msg('action.follow_up') }), {
        repairStatus: status,
      });
    await tx
      .insert(repairFollowUps)
      .values({ id: uuidv7(), repairId: r.id, callerId: user.id, calledAt, outcome: input.outcome, note: input.note ?? null });
    // The resident's step says how the call went; what they said stays in the call's note, out of the audit log.
    await tx
      .insert(repairSteps)
      .values({ id: uuidv7(), repairId: r.id, at: calledAt, action: 'followed_up', actorId: user.id, note: input.outcome });
    await audit(tx, actorOf(user), 'repair.follow_up', 'repair', r.id, { outcome: input.outcome });
  });
  return getRepair(ctx, user, id);
}

export async function staffPhoto(ctx: AppContext, user: AuthUser, id: string, photoId: string) {
  await visibleRepair(ctx.db, user, id, 'staff');
  return photoOfRepair(ctx, id, photoId);
}
