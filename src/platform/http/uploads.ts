// Documents in and out over HTTP: one file and some text fields from a
// multipart/form-data request (in whatever order they come, with the size limit
// and field errors as problem+json), and a stored file sent back as a download.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { refuseNul } from './hardening.ts';
import type { Locale } from '../i18n/locale.ts';
import { platformMessages as pm } from '../i18n/platform.messages.ts';
import { issueMessage } from '../i18n/zod.ts';
import { badRequest, problem } from './problem.ts';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

export async function readUpload<T extends z.ZodType>(
  req: FastifyRequest,
  maxBytes: number,
  fields: T,
  fieldNames: string,
): Promise<z.infer<T> & UploadedFile> {
  if (!req.isMultipart())
    throw badRequest(pm.msg('upload.multipart_required', { fields: fieldNames }), [
      { path: 'body.file', message: pm.msg('field.required') },
    ]);
  const values: Record<string, string> = {};
  let file: UploadedFile | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1 } })) {
      if (part.type === 'field') values[part.fieldname] = String(part.value);
      else if (part.fieldname === 'file') file = { filename: part.filename, mimetype: part.mimetype, data: await part.toBuffer() };
      else await part.toBuffer(); // an unknown file field is read past, then refused below
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw problem(413, pm.msg('request.file_too_large', { megabytes: maxBytes / 2 ** 20 }), {
        errors: [{ path: 'body.file', message: pm.msg('file.larger_than', { bytes: maxBytes }) }],
      });
    throw err;
  }
  if (!file) throw badRequest(pm.msg('upload.file_required'), [{ path: 'body.file', message: pm.msg('field.required') }]);
  refuseNul({ body: { ...values, file: { filename: file.filename } } });
  const parsed = fields.safeParse(values);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: ['body', ...i.path].join('.'),
      message: issueMessage(i as Parameters<typeof issueMessage>[0]),
    }));
    const listed = errors.map((e) => ({ in: (l: Locale) => `${e.path}: ${e.message.in(l)}` }));
    throw badRequest(pm.msg('upload.form_invalid', { errors: listed }), errors);
  }
  return { ...(parsed.data as object), ...file } as z.infer<T> & UploadedFile;
}

/** Sends a stored file as an attachment under its original name (ASCII fallback and RFC 5987 UTF-8 name). */
export function sendDownload(reply: FastifyReply, doc: { filename: string; contentType: string; size: number }, body: Readable) {
  const ascii = doc.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .type(doc.contentType)
    .header('content-length', doc.size)
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
    .send(body);
}
