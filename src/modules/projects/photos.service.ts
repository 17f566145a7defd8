// A project's before and after photos (改造前 / 改造后, issue 16 item 9): filed by the project's officers (projects.write
// in its scope), seen by anyone who reads the project. Each photo is checked by the platform (type off the bytes, size,
// declared pixels: no decompression bomb is kept), its bytes kept in the file store before the row, and every filing
// and removal audited.
import { and, asc, eq } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { audit, type Actor } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { fileStore } from '../../platform/files.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { notFound, problem, unprocessable } from '../../platform/http/problem.ts';
import { uuidv7 } from '../../platform/ids.ts';
import type { Message } from '../../platform/i18n/messages.ts';
import { checkPhoto, PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE } from '../../platform/photos.ts';
import { registry } from '../registry/index.ts';
import { photoMessages as pm } from './photos.messages.ts';
import { projectCompoundIds, requireProject } from './projects.service.ts';
import { projectPhotos, type ProjectPhotoTag } from './schema.ts';

/** One photo's largest size: a camera's photo, not a scan of a drawing set (those are approval documents). */
export const PROJECT_PHOTO_MAX_MB = 10;
export const photoMaxBytes = (ctx: AppContext): number => Math.min(ctx.env.MAX_UPLOAD_MB, PROJECT_PHOTO_MAX_MB) * 2 ** 20;

type Row = typeof projectPhotos.$inferSelect;

const photoView = (p: Row) => ({
  id: p.id,
  projectId: p.projectId,
  tag: p.tag,
  caption: p.caption,
  building: p.buildingId ? { id: p.buildingId, name: p.buildingName ?? '' } : null,
  filename: p.filename,
  contentType: p.contentType,
  size: p.sizeBytes,
  width: p.width,
  height: p.height,
  url: `/api/v1/projects/${p.projectId}/photos/${p.id}/content`,
  uploadedBy: p.uploadedByUsername,
  uploadedAt: p.uploadedAt.toISOString(),
});
export type ProjectPhotoView = ReturnType<typeof photoView>;

/** Why a photo is refused, in words, and the status that says so (413 too large, 415 not a photo we keep). */
export function photoRefusal(verdict: ReturnType<typeof checkPhoto>, maxBytes: number): { status: number; reason: Message } | null {
  if (verdict.ok) return null;
  switch (verdict.reason) {
    case 'too_large':
      return { status: 413, reason: pm.msg('project_photo.too_large', { megabytes: maxBytes / 2 ** 20 }) };
    case 'not_image':
      return { status: 415, reason: pm.msg('project_photo.not_image') };
    case 'dimensions':
      return { status: 415, reason: pm.msg('project_photo.dimensions', { side: PHOTO_MAX_SIDE, pixels: PHOTO_MAX_PIXELS }) };
    default:
      return { status: 415, reason: pm.msg('project_photo.unreadable') };
  }
}

export interface NewPhoto {
  tag: ProjectPhotoTag;
  caption?: string | undefined;
  buildingId?: string | undefined;
  filename: string;
  data: Buffer;
}

export async function uploadPhoto(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, input: NewPhoto) {
  await requireProject(ctx, user, projectId);
  const maxBytes = photoMaxBytes(ctx);
  const verdict = checkPhoto(input.data, maxBytes);
  const refused = photoRefusal(verdict, maxBytes);
  if (refused || !verdict.ok) {
    const reason = refused!.reason;
    throw problem(refused!.status, pm.msg('project_photo.refused', { file: input.filename, reason }), {
      errors: [{ path: 'body.file', message: reason }],
    });
  }
  let building: { id: string; name: string } | null = null;
  if (input.buildingId) {
    const buildings = await registry.buildingsOf(ctx, await projectCompoundIds(ctx.db, projectId));
    building = buildings.find((b) => b.id === input.buildingId) ?? null;
    if (!building)
      throw unprocessable(pm.msg('project_photo.building_not_of_project'), [
        { path: 'body.buildingId', message: pm.msg('field.building_not_of_project') },
      ]);
  }
  // The bytes first: a file without its row (a crash between) is harmless and found again by its hash.
  const kept = await fileStore(ctx.env.dataDir).store(input.data);
  const id = uuidv7();
  const [row] = await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(projectPhotos)
      .values({
        id,
        projectId,
        tag: input.tag,
        caption: input.caption?.trim() || null,
        buildingId: building?.id ?? null,
        buildingName: building?.name ?? null,
        filename: (input.filename || `photo.${verdict.type === 'png' ? 'png' : 'jpg'}`).slice(0, 255),
        contentType: `image/${verdict.type}`,
        sizeBytes: kept.size,
        width: verdict.width,
        height: verdict.height,
        sha256: kept.sha256,
        uploadedBy: user.id,
        uploadedByUsername: user.username,
      })
      .returning();
    await audit(tx, actor, 'projects.photo_added', 'project', projectId, { photoId: id, tag: input.tag, size: kept.size });
    return inserted;
  });
  return photoView(row!);
}

export async function listPhotos(ctx: AppContext, user: AuthUser, projectId: string) {
  await requireProject(ctx, user, projectId);
  const rows = await ctx.db
    .select()
    .from(projectPhotos)
    .where(eq(projectPhotos.projectId, projectId))
    .orderBy(asc(projectPhotos.uploadedAt), asc(projectPhotos.id));
  const items = rows.map(photoView);
  return {
    items,
    counts: { before: items.filter((p) => p.tag === 'before').length, after: items.filter((p) => p.tag === 'after').length },
  };
}

async function photoRow(ctx: AppContext, user: AuthUser, projectId: string, photoId: string): Promise<Row> {
  // Out of scope answers exactly like a missing photo.
  await requireProject(ctx, user, projectId).catch(() => {
    throw notFound(pm.msg('project_photo.entity', { id: photoId }));
  });
  const [row] = await ctx.db
    .select()
    .from(projectPhotos)
    .where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, projectId)))
    .limit(1);
  if (!row) throw notFound(pm.msg('project_photo.entity', { id: photoId }));
  return row;
}

export async function photoContent(
  ctx: AppContext,
  user: AuthUser,
  projectId: string,
  photoId: string,
): Promise<{ file: { filename: string; contentType: string; size: number }; body: Readable }> {
  const row = await photoRow(ctx, user, projectId, photoId);
  return {
    file: { filename: row.filename, contentType: row.contentType, size: row.sizeBytes },
    body: await fileStore(ctx.env.dataDir).read(row.sha256),
  };
}

export async function deletePhoto(ctx: AppContext, user: AuthUser, actor: Actor | undefined, projectId: string, photoId: string) {
  const row = await photoRow(ctx, user, projectId, photoId);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(projectPhotos).where(eq(projectPhotos.id, row.id));
    // The file stays: content-addressed, it may be another row's too (the same picture filed twice).
    await audit(tx, actor, 'projects.photo_removed', 'project', projectId, { photoId: row.id, tag: row.tag });
  });
}
