// Spreadsheets in and out: subdistrict staff keep their lists in Excel, or
// in CSV saved by Excel (often GBK-encoded). Cells come back as trimmed text;
// line numbers are the sheet's own, header on line 1.
import ExcelJS from 'exceljs';
import type { Message } from './i18n/messages.ts';
import { platformMessages as pm } from './i18n/platform.messages.ts';
import { readFirstSheet, XlsxError, XlsxTooLargeError } from './xlsx-reader.ts';

export interface TableRow {
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  rows: TableRow[];
}

/** Why a file cannot be read, in words (the English is the Error's message). */
export class SpreadsheetError extends Error {
  constructor(readonly words: Message) {
    super(words.in('en'));
  }
}
/** A workbook that would inflate far past its size (a zip bomb): refused before it fills memory. */
export class SpreadsheetTooLargeError extends SpreadsheetError {}

function readXlsx(data: Buffer): Table {
  let sheet: { line: number; cells: string[] }[];
  try {
    sheet = readFirstSheet(data);
  } catch (err) {
    if (err instanceof XlsxTooLargeError) throw new SpreadsheetTooLargeError(pm.msg('spreadsheet.too_large'));
    if (err instanceof XlsxError || err instanceof RangeError) throw new SpreadsheetError(pm.msg('spreadsheet.unreadable'));
    throw err;
  }
  const [first, ...rest] = sheet;
  const header = first && first.line === 1 ? first.cells : [];
  const body = first && first.line === 1 ? rest : sheet;
  return { header, rows: body.filter((r) => r.cells.some((c) => c !== '')) };
}

function decodeText(data: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gbk').decode(data);
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Table {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      cells.push(field.trim());
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(field.trim());
      records.push({ line: recordLine, cells });
      cells = [];
      field = '';
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== '' || cells.length) {
    cells.push(field.trim());
    records.push({ line: recordLine, cells });
  }
  const [first, ...rest] = records;
  return { header: first?.cells ?? [], rows: rest.filter((r) => r.cells.some((c) => c !== '')) };
}

export async function readTable(data: Buffer, filename: string): Promise<Table> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(data);
  if (lower.endsWith('.csv')) return parseCsv(decodeText(data));
  throw new SpreadsheetError(pm.msg('spreadsheet.type'));
}

export interface Column<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

/** An .xlsx with a bold, frozen header row. */
export async function writeXlsx<T>(sheetName: string, columns: Column<T>[], rows: Iterable<T> | AsyncIterable<T>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Renova';
  const sheet = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for await (const row of rows) sheet.addRow(columns.map((c) => c.value(row) ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
