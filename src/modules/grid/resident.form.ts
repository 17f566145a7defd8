// The report form off a multipart request: text fields in any order and up to nine photos in fields named
// `photos`. Each photo is checked as it arrives (size while streaming, type and declared pixel size from the
// bytes), so a tenth photo, a PDF or a bomb is refused with the field named before anything is kept.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { refuseNul } from '../../platform/http/hardening.ts';
import { badRequest, problem } from '../../platform/http/problem.ts';
import type { Locale } from '../../platform/i18n/locale.ts';
import { platformMessages as pm } from '../../platform/i18n/platform.messages.ts';
import { issueMessage } from '../../platform/i18n/zod.ts';
import { checkPhoto, MAX_PHOTOS, PHOTO_MAX_MB, PHOTO_MAX_PIXELS } from './resident.photos.ts';
import { residentGridMessages as rm } from './resident.messages.ts';

export interface ReportPhoto {
  filename: string;
  contentType: 'image/png' | 'image/jpeg';
  data: Buffer;
}

const coordinate = (min: number, max: number) => z.coerce.number().min(min).max(max).optional();
export const reportFields = z
  .object({
    category: z.string().trim().min(1).max(60),
    description: z.string().trim().min(1).max(2000),
    compoundId: z.string().uuid(),
    buildingId: z.string().uuid().optional(),
    lat: coordinate(-90, 90),
    lng: coordinate(-180, 180),
    anonymous: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .strict();
export type ReportForm = z.infer<typeof reportFields> & { photos: ReportPhoto[] };

export function photoMaxBytes(ctx: AppContext): number {
  return Math.min(ctx.env.MAX_UPLOAD_MB, PHOTO_MAX_MB) * 2 ** 20;
}

export async function readReportForm(ctx: AppContext, req: FastifyRequest): Promise<ReportForm> {
  if (!req.isMultipart())
    throw badRequest(pm.msg('upload.multipart_required', { fields: 'category, description, compoundId' }), [
      { path: 'body', message: pm.msg('field.required') },
    ]);
  const maxBytes = photoMaxBytes(ctx);
  const values: Record<string, string> = {};
  const photos: ReportPhoto[] = [];
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
        throw problem(422, rm.msg('grid.report.too_many_photos', { max: MAX_PHOTOS }), {
          errors: [{ path, message: rm.msg('grid.report.too_many_photos', { max: MAX_PHOTOS }) }],
        });
      const verdict = checkPhoto(data, maxBytes);
      if (!verdict.ok) {
        const reason =
          verdict.reason === 'not_image'
            ? rm.msg('grid.photo.not_image')
            : verdict.reason === 'too_large'
              ? rm.msg('grid.photo.too_large', { megabytes: maxBytes / 2 ** 20 })
              : verdict.reason === 'dimensions'
                ? rm.msg('grid.photo.dimensions', { pixels: PHOTO_MAX_PIXELS })
                : rm.msg('grid.photo.unreadable');
        throw problem(verdict.reason === 'too_large' ? 413 : 415, rm.msg('grid.report.photo_refused', { file: part.filename, reason }), {
          errors: [{ path, message: reason }],
        });
      }
      photos.push({
        filename: part.filename || `photo-${count}.${verdict.type === 'png' ? 'png' : 'jpg'}`,
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
      throw problem(422, rm.msg('grid.report.too_many_photos', { max: MAX_PHOTOS }), {
        errors: [{ path: `body.photos.${MAX_PHOTOS}`, message: rm.msg('grid.report.too_many_photos', { max: MAX_PHOTOS }) }],
      });
    throw err;
  }
  refuseNul({ body: { ...values, photos: photos.map((p) => p.filename) } });
  const parsed = reportFields.safeParse(values);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: ['body', ...i.path].join('.'),
      message: issueMessage(i as Parameters<typeof issueMessage>[0]),
    }));
    const listed = errors.map((e) => ({ in: (l: Locale) => `${e.path}: ${e.message.in(l)}` }));
    throw problem(422, rm.msg('grid.report.invalid', { errors: listed }), { errors });
  }
  return { ...parsed.data, photos };
}
