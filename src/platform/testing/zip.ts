// Hand-made zip archives for the spreadsheet tests: workbook parts written as
// text, or as deflate streams built to inflate far past their size (zip bombs).
import { constants, deflateRawSync } from 'node:zlib';

/** A zip of deflated entries; a Buffer value is taken as an already raw-deflated stream. */
export function zip(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? deflateRawSync(Buffer.from(content)) : content;
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * A raw deflate stream of `head`, then `unit` repeated to about `bytes`, then `tail`, without
 * ever holding that much: one 16 MiB run is deflated once with a full flush (so each copy stands
 * alone) and its compressed form is repeated.
 */
export function deflateBomb(head: string, unit: string, bytes: number, tail: string): Buffer {
  const run = Buffer.from(unit.repeat(Math.ceil(2 ** 24 / unit.length)));
  const flush = { finishFlush: constants.Z_FULL_FLUSH, level: 9 };
  const block = deflateRawSync(run, flush);
  const copies = Math.max(1, Math.round(bytes / run.length));
  return Buffer.concat([deflateRawSync(Buffer.from(head), flush), ...Array<Buffer>(copies).fill(block), deflateRawSync(Buffer.from(tail))]);
}
