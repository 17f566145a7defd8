// Multipart forms with photos: a resident's request (category, description, householdId?) and the staff's
// completion (note), each with up to nine files named `photos`. Each photo is checked as it arrives (size while
// streaming; type and declared pixel size off the bytes, by the platform's check), so a tenth photo, a PDF or a
// bomb is refused naming the field before anything is kept.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { refuseNul } from '../../platform/http/hardening.ts';
import { badRequest, problem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { platformMessages as pm } from '../../platform/i18n/platform.messages.ts';
import { issueMessage } from '../../platform/i18n/zod.ts';
import { checkPhoto, PHOTO_MAX_PIXELS } from '../../platform/photos.ts';
import { repairMessages as rm } from './messages.ts';

export const MAX_PHOTOS = 9;
/** One photo's largest size: a phone's photo, not a video or an archive. */
export const PHOTO_MAX_MB = 10;

export interface Photo {
  filename: string;
  contentType: 'image/png' | 'image/jpeg';
  data: Buffer;
}

export const requestFields = z
  .object({
    category: z.string().trim().min(1).max(60),
    description: z.string().trim().min(1).max(2000),
    householdId: z.string().uuid().optional(),
  })
  .strict();
export type RequestForm = z.infer<typeof requestFields> & { photos: Photo[] };

export const completionFields = z.object({ note: z.string().trim().min(1).max(2000) }).strict();
export type CompletionForm = z.infer<typeof completionFields> & { photos: Photo[] };

export const photoMaxBytes = (ctx: AppContext): number => Math.min(ctx.env.MAX_UPLOAD_MB, PHOTO_MAX_MB) * 2 ** 20;

function refused(file: string, reason: ReturnType<typeof rm.msg>, path: string, status: number) {
  return problem(status, rm.msg('repair.photo_refused', { file, reason }), { errors: [{ path, message: reason }] });
}

export async function readPhotoForm<S extends z.ZodObject>(
  ctx: AppContext,
  req: FastifyRequest,
  fields: S,
): Promise<z.infer<S> & { photos: Photo[] }> {
  if (!req.isMultipart())
    throw badRequest(pm.msg('upload.multipart_required', { fields: Object.keys(fields.shape).join(', ') }), [
      { path: 'body', message: pm.msg('field.required') },
    ]);
  const maxBytes = photoMaxBytes(ctx);
  const values: Record<string, string> = {};
  const photos: Photo[] = [];
  let count = 0;
  try {
    // One more file than allowed is read so that a tenth photo is named, not silently dropped.
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: MAX_PHOTOS + 1, fields: 20 } })) {
      if (part.type === 'field') {
        values[part.fieldname] = String(part.value);
        continue;
      }
      const data = await part.toBuffer();
      if (part.fieldname !== 'photos') continue; // an unknown file field is read past and ignored
      const path = `body.photos.${count}`;
      count += 1;
      if (count > MAX_PHOTOS)
        throw problem(422, rm.msg('repair.too_many_photos', { max: MAX_PHOTOS }), {
          errors: [{ path, message: rm.msg('repair.too_many_photos', { max: MAX_PHOTOS }) }],
        });
      const verdict = checkPhoto(data, maxBytes);
      if (!verdict.ok) {
        if (verdict.reason === 'too_large')
          throw refused(part.filename, rm.msg('photo.too_large', { megabytes: maxBytes / 2 ** 20 }), path, 413);
        const reason =
          verdict.reason === 'not_image'
            ? rm.msg('photo.not_image')
            : verdict.reason === 'dimensions'
              ? rm.msg('photo.dimensions', { pixels: PHOTO_MAX_PIXELS })
              : rm.msg('photo.unreadable');
        throw refused(part.filename, reason, path, 415);
      }
      photos.push({
        filename: (part.filename || `photo-${count}.${verdict.type === 'png' ? 'png' : 'jpg'}`).slice(0, 255),
        contentType: `image/${verdict.type}`,
        data,
      });
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw problem(413, pm.msg('request.file_too_large', { megabytes: maxBytes / 2 ** 20 }), {
        errors: [{ path: `body.photos.${count}`, message: pm.msg('file.larger_than', { bytes: maxBytes }) }],
      });
    if (code === 'FST_FILES_LIMIT')
      throw problem(422, rm.msg('repair.too_many_photos', { max: MAX_PHOTOS }), {
        errors: [{ path: `body.photos.${MAX_PHOTOS}`, message: rm.msg('repair.too_many_photos', { max: MAX_PHOTOS }) }],
      });
    throw err;
  }
  refuseNul({ body: { ...values, photos: photos.map((p) => p.filename) } });
  const parsed = fields.safeParse(values);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: ['body', ...i.path].join('.'),
      message: issueMessage(i as Parameters<typeof issueMessage>[0]),
    }));
    const listed = errors.map((e) => ({ in: (l: Locale) => `${e.path}: ${e.message.in(l)}` }));
    throw problem(422, rm.msg('repair.invalid', { errors: listed }), { errors });
  }
  return { ...(parsed.data as z.infer<S>), photos };
}
