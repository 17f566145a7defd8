// A reader for the first sheet of an .xlsx file, as text cells. Imports of tens
// of thousands of rows spent most of their time in a general workbook library
// (styles, formulas, a full object model); this reads only what an import
// needs: the zip's central directory, shared strings and the sheet's cells.
// Dates are returned as Excel serial numbers: no import column holds a date.
import { inflateRawSync } from 'node:zlib';

export class XlsxError extends Error {}

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

function readEntry(buf: Buffer, entries: Map<string, ZipEntry>, name: string): string | undefined {
  const e = entries.get(name);
  if (!e) return undefined;
  const p = e.localOffset;
  if (buf.readUInt32LE(p) !== 0x04034b50) throw new XlsxError('damaged zip entry');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const raw = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return raw.toString('utf8');
  if (e.method === 8) return inflateRawSync(raw).toString('utf8');
  throw new XlsxError(`unsupported zip compression method ${e.method}`);
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
function itemText(xml: string): string {
  const visible = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const m of visible.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += m[1];
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

function firstSheetPath(buf: Buffer, entries: Map<string, ZipEntry>): string {
  const workbook = readEntry(buf, entries, 'xl/workbook.xml');
  const rels = readEntry(buf, entries, 'xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw new XlsxError('no workbook in the archive');
  const sheet = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook) ?? /<sheet\b[^>]*\bid="([^"]+)"/.exec(workbook);
  if (!sheet) throw new XlsxError('the workbook has no sheet');
  const rel =
    new RegExp(`<Relationship\\b[^>]*\\bId="${sheet[1]}"[^>]*\\bTarget="([^"]+)"`).exec(rels) ??
    new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${sheet[1]}"`).exec(rels);
  if (!rel) throw new XlsxError('the first sheet is missing');
  const target = rel[1]!;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Rows of the first sheet: [sheet line number, cell texts by column]. */
export function readFirstSheet(buf: Buffer): { line: number; cells: string[] }[] {
  const entries = zipEntries(buf);
  const sheetXml = readEntry(buf, entries, firstSheetPath(buf, entries));
  if (sheetXml === undefined) throw new XlsxError('the first sheet is missing');
  const sharedXml = readEntry(buf, entries, 'xl/sharedStrings.xml') ?? '';
  const shared = Array.from(sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g), (m) => itemText(m[1]!));
  const rows: { line: number; cells: string[] }[] = [];
  let implicitLine = 0;
  for (const row of sheetXml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = /\br="(\d+)"/.exec(row[1]!);
    const line = r ? Number(r[1]) : implicitLine + 1;
    implicitLine = line;
    const cells: string[] = [];
    let implicitCol = -1;
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs);
      const col = ref ? columnIndex(ref[1]!) : implicitCol + 1;
      implicitCol = col;
      const body = c[2] ?? '';
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
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
