// A minimal gzip-compressed tar (POSIX ustar) writer and extractor, enough for
// backups: regular files and directories, streamed both ways so a dump of any
// size never sits in memory. Any tar(1) reads what this writes.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK);

function writeOctal(header: Buffer, offset: number, length: number, value: number): void {
  header.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

/** Sizes past the 11 octal digits of ustar (8 GiB) use the GNU base-256 form, which tar(1) reads. */
function writeSize(header: Buffer, value: number): void {
  if (value < 8 ** 11) return writeOctal(header, 124, 12, value);
  header[124] = 0x80;
  let v = BigInt(value);
  for (let i = 135; i > 124; i--, v >>= 8n) header[i] = Number(v & 0xffn);
}

function readNumber(field: Buffer): number {
  if (field[0]! & 0x80) {
    let v = 0n;
    for (let i = 1; i < field.length; i++) v = (v << 8n) | BigInt(field[i]!);
    return Number(v);
  }
  const text = field
    .toString('ascii')
    .replace(/[\0 ]+$/, '')
    .trim();
  return text ? parseInt(text, 8) : 0;
}

function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  // ustar keeps long paths as prefix/name, split at a slash.
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const [prefix, rest] = [name.slice(0, i), name.slice(i + 1)];
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { name: rest, prefix };
  }
  throw new Error(`path too long for a tar entry: ${name}`);
}

function header(entryName: string, size: number, type: '0' | '5', mode: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  const { name, prefix } = splitName(entryName);
  h.write(name, 0, 100, 'utf8');
  writeOctal(h, 100, 8, mode);
  writeOctal(h, 108, 8, 0);
  writeOctal(h, 116, 8, 0);
  writeSize(h, size);
  writeOctal(h, 136, 12, Math.floor(mtime.getTime() / 1000));
  h.write('        ', 148, 8, 'ascii');
  h.write(type, 156, 1, 'ascii');
  h.write('ustar\0' + '00', 257, 8, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk))
    await new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => reject(err);
      out.once('error', fail);
      out.once('drain', () => {
        out.off('error', fail);
        resolve();
      });
    });
}

export interface TarWriter {
  addBuffer(name: string, data: Buffer, mode?: number): Promise<void>;
  addFile(name: string, file: string, mode?: number): Promise<void>;
  /** Writes the end-of-archive blocks and waits until the file is on disk. */
  finish(): Promise<void>;
}

export function tarGzWriter(file: string): TarWriter {
  const gzip = createGzip();
  const out = createWriteStream(file, { mode: 0o600 });
  gzip.pipe(out);
  const pad = (size: number) => (size % BLOCK ? write(gzip, ZEROS.subarray(0, BLOCK - (size % BLOCK))) : Promise.resolve());
  return {
    async addBuffer(name, data, mode = 0o644) {
      await write(gzip, header(name, data.length, '0', mode, new Date()));
      await write(gzip, data);
      await pad(data.length);
    },
    async addFile(name, file, mode = 0o644) {
      const { size, mtime } = await stat(file);
      await write(gzip, header(name, size, '0', mode, mtime));
      let written = 0;
      for await (const chunk of createReadStream(file, { end: size - 1 }) as AsyncIterable<Buffer>) {
        written += chunk.length;
        await write(gzip, chunk);
      }
      if (written !== size) throw new Error(`${file} changed while it was archived`);
      await pad(size);
    },
    async finish() {
      await write(gzip, Buffer.alloc(BLOCK * 2));
      gzip.end();
      await finished(out);
    },
  };
}

/** A relative path that stays inside the destination, or an error: archives are not trusted. */
function safePath(name: string): string {
  const normal = path.posix.normalize(name.replace(/\/+$/, ''));
  if (!normal || normal === '.' || path.posix.isAbsolute(normal) || normal.split('/').includes('..'))
    throw new Error(`unsafe path in archive: ${name}`);
  return normal;
}

/** Extracts regular files and directories under `dest`; returns the paths of the files, as named in the archive. */
export async function extractTarGz(file: string, dest: string): Promise<string[]> {
  const names: string[] = [];
  let pending: Buffer = Buffer.alloc(0);
  let remaining = 0; // bytes of the current entry's body still to come
  let padding = 0;
  let out: WriteStream | undefined;
  let ended = false;
  const closeOut = async () => {
    if (!out) return;
    out.end();
    await finished(out);
    out = undefined;
  };
  for await (const chunk of createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (!ended) {
      if (remaining > 0) {
        if (!pending.length) break;
        const take = Math.min(remaining, pending.length);
        if (out) await write(out, pending.subarray(0, take));
        pending = pending.subarray(take);
        remaining -= take;
        if (remaining === 0) await closeOut();
        continue;
      }
      if (padding > 0) {
        const take = Math.min(padding, pending.length);
        pending = pending.subarray(take);
        padding -= take;
        if (padding > 0) break;
        continue;
      }
      if (pending.length < BLOCK) break;
      const h = pending.subarray(0, BLOCK);
      pending = pending.subarray(BLOCK);
      if (h.every((b) => b === 0)) {
        ended = true;
        break;
      }
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (sum !== readNumber(h.subarray(148, 156))) throw new Error('not a valid archive (a header checksum is wrong)');
      const field = (from: number, len: number) =>
        h
          .subarray(from, from + len)
          .toString('utf8')
          .replace(/\0.*$/s, '');
      const prefix = field(345, 155);
      const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
      const size = readNumber(h.subarray(124, 136));
      const type = String.fromCharCode(h[156]!);
      remaining = size;
      padding = size % BLOCK ? BLOCK - (size % BLOCK) : 0;
      if (type === '5') {
        await mkdir(path.join(dest, safePath(name)), { recursive: true });
      } else if (type === '0' || type === '\0') {
        const target = path.join(dest, safePath(name));
        await mkdir(path.dirname(target), { recursive: true });
        out = createWriteStream(target, { mode: 0o600 });
        names.push(safePath(name));
        if (size === 0) await closeOut();
      } else {
        throw new Error(`unsupported entry in archive: ${name} (type ${type})`);
      }
    }
  }
  await closeOut();
  if (!ended || remaining > 0) throw new Error('the archive is truncated');
  return names;
}
