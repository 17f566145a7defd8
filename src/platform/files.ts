// Uploaded files (approval materials), kept by content under
// DATA_DIR/files/<first two hex digits>/<sha256>: the same bytes are stored
// once, a row elsewhere says what they are, and nothing is ever overwritten.
// The type is read off the bytes, never trusted from the name or the browser.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { notFound, problem } from './http/problem.ts';
import type { Message } from './i18n/messages.ts';
import { platformMessages as pm } from './i18n/platform.messages.ts';

export const fileTypes = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type FileType = keyof typeof fileTypes;

const extensions: Record<string, FileType> = { pdf: 'pdf', png: 'png', jpg: 'jpeg', jpeg: 'jpeg', docx: 'docx', xlsx: 'xlsx' };

const startsWith = (data: Buffer, bytes: number[]) => data.length >= bytes.length && bytes.every((b, i) => data[i] === b);

/** The type the bytes are, or null when they are none we accept. */
export function sniff(data: Buffer): FileType | null {
  if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'jpeg';
  // Office files are zip archives; entry names are stored uncompressed, so the main part tells Word from Excel.
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && data.includes('[Content_Types].xml')) {
    if (data.includes('word/document.xml')) return 'docx';
    if (data.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

export function typeOfName(filename: string): FileType | null {
  return extensions[path.extname(filename).slice(1).toLowerCase()] ?? null;
}

export interface Upload {
  filename: string;
  /** What the client said it is; generic values (application/octet-stream) say nothing. */
  mimetype?: string;
  data: Buffer;
}

/**
 * The accepted type of an upload: its bytes must be one of ours and agree with
 * its file name and declared content type. Errors name `field`.
 */
export function checkUpload(upload: Upload, maxBytes: number, field: string): FileType {
  if (upload.data.length > maxBytes) {
    throw problem(413, pm.msg('request.file_too_large', { megabytes: maxBytes / 2 ** 20 }), {
      errors: [{ path: field, message: pm.msg('file.larger_than', { bytes: maxBytes }) }],
    });
  }
  const actual = sniff(upload.data);
  const byName = typeOfName(upload.filename);
  const mime = upload.mimetype?.toLowerCase().split(';')[0]!.trim();
  const generic = !mime || mime === 'application/octet-stream';
  const byMime = generic ? null : ((Object.keys(fileTypes) as FileType[]).find((t) => fileTypes[t] === mime) ?? 'other');
  const refuse = (message: Message) =>
    problem(415, pm.msg('file.type_refused', { file: upload.filename, reason: message }), { errors: [{ path: field, message }] });
  if (!actual) throw refuse(pm.msg('file.content_unknown', { types: Object.keys(fileTypes) }));
  if (byName !== actual) throw refuse(pm.msg('file.name_mismatch', { actual, named: byName ?? pm.msg('file.name_unknown') }));
  if (byMime && byMime !== actual) throw refuse(pm.msg('file.mime_mismatch', { actual, mime: mime ?? '' }));
  return actual;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

export interface FileStore {
  store(data: Buffer): Promise<{ sha256: string; size: number }>;
  read(sha256: string): Promise<ReadStream>;
}

export function fileStore(dataDir: string): FileStore {
  const root = path.join(dataDir, 'files');
  const where = (sha256: string) => path.join(root, sha256.slice(0, 2), sha256);
  return {
    async store(data) {
      const sha256 = createHash('sha256').update(data).digest('hex');
      const file = where(sha256);
      const exists = await stat(file).then(
        (s) => s.size === data.length,
        () => false,
      );
      if (!exists) {
        await mkdir(path.dirname(file), { recursive: true });
        // Written aside and renamed, so a reader never sees half a file, even after a crash.
        const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
        await writeFile(tmp, data, { mode: 0o640 });
        await rename(tmp, file);
      }
      return { sha256, size: data.length };
    },
    async read(sha256) {
      if (!sha256Pattern.test(sha256)) throw notFound(pm.msg('file.entity', { id: sha256 }));
      const file = where(sha256);
      await stat(file).catch(() => {
        throw notFound(pm.msg('file.entity', { id: sha256 }));
      });
      return createReadStream(file);
    },
  };
}

/**
 * Checks an uploaded document's type and keeps its bytes, answering the columns
 * a document row stores. The file is stored before any row: an orphaned file is
 * harmless (and found again by its hash), a row without its file is not.
 */
export async function keepUpload(dataDir: string, upload: Upload, maxBytes: number, field = 'body.file') {
  const type = checkUpload(upload, maxBytes, field);
  const { sha256, size } = await fileStore(dataDir).store(upload.data);
  return { filename: upload.filename.slice(0, 255), contentType: fileTypes[type], sizeBytes: size, sha256 };
}
