// Documents in and out over HTTP: one file and some text fields from a
// multipart/form-data request (in whatever order they come, with the size limit
// and field errors as problem+json), and a stored file sent back as a download.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import { refuseNul } from './hardening.ts';
import { badRequest, Problem } from './problem.ts';

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
    throw badRequest(`Send the document as multipart/form-data with the fields ${fieldNames} and file.`, [
      { path: 'body.file', message: 'required' },
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
      throw new Problem(413, 'Content Too Large', `The file is larger than ${maxBytes / 2 ** 20} MB.`, {
        errors: [{ path: 'body.file', message: `larger than ${maxBytes} bytes` }],
      });
    throw err;
  }
  if (!file) throw badRequest('Send the document in the field "file".', [{ path: 'body.file', message: 'required' }]);
  refuseNul({ body: { ...values, file: { filename: file.filename } } });
  const parsed = fields.safeParse(values);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message }));
    throw badRequest(`The form is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
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
