// Photos people upload (residents' reports, repair requests, completion photos), checked before anything is kept:
// each a PNG or JPEG read off its bytes, under a size cap, and of a size a phone takes. A small file that declares a
// huge picture (a decompression bomb: a few kilobytes of PNG that inflate to gigabytes of pixels in whoever shows it)
// is refused by its header, without decoding it. Plain functions: no database, no request. (Moved here from the grid
// module, which used it first, so every module checks photos alike.)
import { sniff } from './files.ts';

/** The most pixels a photo may declare: 100 megapixels is beyond any phone camera; more is a bomb. */
export const PHOTO_MAX_PIXELS = 100_000_000;
/** The longest side a photo may declare. */
export const PHOTO_MAX_SIDE = 20_000;

export type PhotoVerdict =
  | { ok: true; type: 'png' | 'jpeg'; width: number; height: number }
  | { ok: false; reason: 'not_image' | 'too_large' | 'dimensions' | 'unreadable' };

/** The width and height a PNG or JPEG declares in its header, or null when it declares none we can read. */
export function imageDimensions(data: Buffer): { width: number; height: number } | null {
  const type = sniff(data);
  if (type === 'png') {
    // The IHDR chunk comes first: length (4), "IHDR" (4), width (4), height (4).
    if (data.length < 24 || data.toString('latin1', 12, 16) !== 'IHDR') return null;
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (type === 'jpeg') {
    // Walk the segments to the first start-of-frame marker (SOF0…SOF15 but DHT C4, JPG C8 and DAC CC).
    let at = 2;
    while (at + 4 <= data.length) {
      if (data[at] !== 0xff) return null;
      const marker = data[at + 1]!;
      if (marker === 0xff) {
        at += 1; // fill byte
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        at += 2;
        continue;
      }
      const length = data.readUInt16BE(at + 2);
      if (length < 2) return null;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        if (at + 9 > data.length) return null;
        return { height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
      }
      if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame header
      at += 2 + length;
    }
    return null;
  }
  return null;
}

/** Whether one upload is a photo we keep. */
export function checkPhoto(data: Buffer, maxBytes: number): PhotoVerdict {
  if (data.length > maxBytes) return { ok: false, reason: 'too_large' };
  const type = sniff(data);
  if (type !== 'png' && type !== 'jpeg') return { ok: false, reason: 'not_image' };
  const size = imageDimensions(data);
  if (!size || size.width === 0 || size.height === 0) return { ok: false, reason: 'unreadable' };
  if (size.width > PHOTO_MAX_SIDE || size.height > PHOTO_MAX_SIDE || size.width * size.height > PHOTO_MAX_PIXELS)
    return { ok: false, reason: 'dimensions' };
  return { ok: true, type, ...size };
}
