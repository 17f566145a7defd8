// Photos of grid events: taken before the report is filed (held for their uploader until a report names them), or
// added to an event later, PNG or JPEG, up to MAX_PHOTOS per person and event (the resident's nine do not use up the
// grid worker's); kept by the platform's file store.
import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { keepUpload, sniff } from '../../platform/files.ts';
import { problem, unprocessable } from '../../platform/http/problem.ts';
import type { UploadedFile } from '../../platform/http/uploads.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { actorKind, type GridActor } from './access.ts';
import { pendingPhotos, visibleEvent } from './events.queries.ts';
import { gridMessages as gm } from './messages.ts';
import { MAX_PHOTOS, PHOTO_MAX_MB } from './resident.photos.ts';
import { gridEventPhotos } from './schema.ts';
import { auditActor, fieldErr, writeStep } from './steps.ts';

export { MAX_PHOTOS };

export async function attachPending(t: Tx, actor: GridActor | null, eventId: string, stepId: string | null, photoIds: string[]) {
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

/** A photo of an event, on a step of its own, up to MAX_PHOTOS from each person. */
export async function addEventPhoto(ctx: AppContext, actor: GridActor, eventId: string, upload: UploadedFile) {
  const kept = await keepPhoto(ctx, upload);
  return ctx.db.transaction(async (t) => {
    const row = await visibleEvent(t, actor, eventId, true);
    const [{ n }] = (await t
      .select({ n: count() })
      .from(gridEventPhotos)
      .where(and(eq(gridEventPhotos.eventId, eventId), eq(gridEventPhotos.uploadedBy, actor.id)))) as [{ n: number }];
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
export async function purgePendingPhotos(ctx: AppContext, now = new Date()): Promise<number> {
  const res = await ctx.db
    .delete(gridEventPhotos)
    .where(and(isNull(gridEventPhotos.eventId), sql`${gridEventPhotos.uploadedAt} < ${new Date(now.getTime() - 86_400_000)}`))
    .returning({ id: gridEventPhotos.id });
  return res.length;
}
