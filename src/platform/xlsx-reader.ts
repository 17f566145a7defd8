// A reader for the first sheet of an .xlsx file, as text cells. Imports of tens
// of thousands of rows spent most of their time in a general workbook library
// (styles, formulas, a full object model); this reads only what an import
// needs: the zip's central directory, shared strings and the sheet's cells.
// Dates are returned as Excel serial numbers: no import column holds a date.
import { inflateRawSync } from 'node:zlib';

export class XlsxError extends Error {}
/** The archive would inflate past its budget: a zip bomb, or a workbook far larger than any import. */
export class XlsxTooLargeError extends XlsxError {}

// Sheet XML inflates about tenfold; a budget of 30 times the file (at least 32 MiB, at most 128 MiB)
// leaves real workbooks room and stops a bomb after a few dozen megabytes, not gigabytes.
const MIN_INFLATED = 32 * 2 ** 20;
const MAX_INFLATED = 128 * 2 ** 20;
const MAX_RATIO = 30;

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new XlsxError('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxError('damaged zip directory');
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.set(name, {
      name,
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

interface Archive {
  buf: Buffer;
  entries: Map<string, ZipEntry>;
  /** Bytes the remaining entries may still inflate to. */
  budget: number;
}

function readEntry(zip: Archive, name: string): string | undefined {
  const e = zip.entries.get(name);
  if (!e) return undefined;
  const p = e.localOffset;
  if (zip.buf.readUInt32LE(p) !== 0x04034b50) throw new XlsxError('damaged zip entry');
  const start = p + 30 + zip.buf.readUInt16LE(p + 26) + zip.buf.readUInt16LE(p + 28);
  const raw = zip.buf.subarray(start, start + e.compressedSize);
  let data: Buffer;
  if (e.method === 0) data = raw;
  else if (e.method === 8) {
    try {
      // zlib stops as soon as the output passes the limit, so a bomb costs at most the budget.
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, zip.budget) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new XlsxTooLargeError(`${name} inflates past the limit`);
      throw err;
    }
  } else throw new XlsxError(`unsupported zip compression method ${e.method}`);
  zip.budget -= data.length;
  if (zip.budget < 0) throw new XlsxTooLargeError(`${name} inflates past the limit`);
  return data.toString('utf8');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return entities[e] ?? m;
  });
}

/** The visible text of a string item: its <t> runs, without phonetic guides (<rPh>). */
// Elements may carry a namespace prefix (<x:row>, <x:t>) when the writer declares SpreadsheetML under one;
// each pattern takes an optional prefix and closes with the same one.
function itemText(xml: string): string {
  const visible = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/\1rPh>/g, '');
  let text = '';
  for (const m of visible.matchAll(/<(\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/\1t>/g)) text += m[2];
  return unescapeXml(text);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function firstSheetPath(zip: Archive): string {
  const workbook = readEntry(zip, 'xl/workbook.xml');
  const rels = readEntry(zip, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new XlsxError('no workbook in the archive');
  const sheet = /<(?:\w+:)?sheet\b[^>]*\b(?:\w+:)?id="([^"]+)"/.exec(workbook);
  if (!sheet) throw new XlsxError('the workbook has no sheet');
  const rel =
    new RegExp(`<(?:\\w+:)?Relationship\\b[^>]*\\bId="${sheet[1]}"[^>]*\\bTarget="([^"]+)"`).exec(rels) ??
    new RegExp(`<(?:\\w+:)?Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${sheet[1]}"`).exec(rels);
  if (!rel) throw new XlsxError('the first sheet is missing');
  const target = rel[1]!;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Rows of the first sheet: [sheet line number, cell texts by column]. */
export function readFirstSheet(buf: Buffer): { line: number; cells: string[] }[] {
  const zip: Archive = { buf, entries: zipEntries(buf), budget: Math.min(MAX_INFLATED, Math.max(MIN_INFLATED, buf.length * MAX_RATIO)) };
  const sheetXml = readEntry(zip, firstSheetPath(zip));
  if (sheetXml === undefined) throw new XlsxError('the first sheet is missing');
  const sharedXml = readEntry(zip, 'xl/sharedStrings.xml') ?? '';
  const shared = Array.from(sharedXml.matchAll(/<(\w+:)?si>([\s\S]*?)<\/\1si>/g), (m) => itemText(m[2]!));
  const rows: { line: number; cells: string[] }[] = [];
  let implicitLine = 0;
  for (const row of sheetXml.matchAll(/<(\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1row>)/g)) {
    const r = /\br="(\d+)"/.exec(row[2]!);
    const line = r ? Number(r[1]) : implicitLine + 1;
    implicitLine = line;
    const cells: string[] = [];
    let implicitCol = -1;
    for (const c of (row[3] ?? '').matchAll(/<(\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1c>)/g)) {
      const attrs = c[2]!;
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs);
      const col = ref ? columnIndex(ref[1]!) : implicitCol + 1;
      implicitCol = col;
      const body = c[3] ?? '';
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const v = /<(\w+:)?v>([\s\S]*?)<\/\1v>/.exec(body)?.[2];
      let text: string;
      if (type === 's') text = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') text = itemText(body);
      else if (type === 'b') text = v === '1' ? 'true' : 'false';
      else if (type === 'e') text = '';
      else if (type === 'n' || type === undefined) text = v === undefined ? '' : String(Number(v));
      else text = unescapeXml(v ?? '');
      while (cells.length < col) cells.push('');
      cells[col] = text.trim();
    }
    rows.push({ line, cells });
  }
  return rows;
}
