// Checking an import file as a whole, as plain functions: header mapping
// (Chinese or English column names), cell parsing, and the row report that
// names each bad row's line, column and reason. Nothing here touches the database.
import type { Message } from '../../platform/i18n/messages.ts';
import type { Table } from '../../platform/spreadsheet.ts';
import { divisionLevelOf } from './divisions.ts';
import { registryMessages as rm } from './messages.ts';
import { propertyModes } from './schema.ts';

export interface RowError {
  line: number;
  column: string;
  message: Message;
  path: string;
}

type Parser<T> = (text: string) => { value: T } | { error: Message };

interface Field<T = unknown> {
  key: string;
  headers: string[];
  required: boolean;
  parse: Parser<T>;
}

export const parsers = {
  text:
    (max: number): Parser<string> =>
    (t) =>
      t.length === 0
        ? { error: rm.msg('row.empty') }
        : t.length > max
          ? { error: rm.msg('row.too_long', { max }) }
          : t.includes('\u0000')
            ? { error: rm.msg('row.nul') }
            : { value: t },
  area: ((t) => {
    const s = t.replace(/,/g, '');
    if (!/^\d{1,10}(\.\d{1,2})?$/.test(s)) return { error: rm.msg('row.not_area', { text: t }) };
    if (Number(s) <= 0) return { error: rm.msg('row.not_positive') };
    const [int, frac = ''] = s.split('.');
    return { value: `${BigInt(int!)}.${frac.padEnd(2, '0')}` };
  }) as Parser<string>,
  int:
    (min: number, max: number): Parser<number> =>
    (t) => {
      if (!/^-?\d+$/.test(t)) return { error: rm.msg('row.not_integer', { text: t }) };
      const n = Number(t);
      return n < min || n > max ? { error: rm.msg('row.out_of_range', { min, max }) } : { value: n };
    },
  communityCode: ((t) =>
    divisionLevelOf(t) === 'community' ? { value: t } : { error: rm.msg('row.not_community_code', { text: t }) }) as Parser<string>,
  coordinate:
    (limit: number): Parser<string> =>
    (t) => {
      if (!/^-?\d{1,3}(\.\d{1,6})?$/.test(t) || Math.abs(Number(t)) > limit)
        return { error: rm.msg('row.not_coordinate', { text: t, limit }) };
      return { value: t };
    },
  propertyMode: ((t) => {
    const zh: Record<string, (typeof propertyModes)[number]> = {
      专业物业: 'professional',
      自管: 'self_managed',
      业主自治: 'self_managed',
      社区托管: 'community_hosted',
      无: 'none',
      无物业: 'none',
    };
    const mode = zh[t] ?? (propertyModes as readonly string[]).find((m) => m === t);
    return mode ? { value: mode } : { error: rm.msg('row.not_property_mode', { text: t }) };
  }) as Parser<(typeof propertyModes)[number]>,
};

const currentYear = new Date().getFullYear();

export const compoundFields: Field[] = [
  { key: 'communityCode', headers: ['社区代码', 'communityCode'], required: true, parse: parsers.communityCode },
  { key: 'communityName', headers: ['社区名称', 'communityName'], required: false, parse: parsers.text(50) },
  { key: 'name', headers: ['小区名称', 'name'], required: true, parse: parsers.text(100) },
  { key: 'address', headers: ['地址', 'address'], required: true, parse: parsers.text(200) },
  { key: 'yearBuilt', headers: ['建成年份', 'yearBuilt'], required: true, parse: parsers.int(1900, currentYear) },
  { key: 'floorAreaM2', headers: ['总建筑面积', '建筑面积', 'floorAreaM2'], required: true, parse: parsers.area },
  { key: 'buildingsCount', headers: ['楼栋数', 'buildings'], required: false, parse: parsers.int(0, 10000) },
  { key: 'householdsCount', headers: ['户数', 'households'], required: false, parse: parsers.int(0, 1000000) },
  { key: 'propertyMode', headers: ['物业管理模式', 'propertyMode'], required: false, parse: parsers.propertyMode },
  { key: 'longitude', headers: ['经度', 'longitude'], required: false, parse: parsers.coordinate(180) },
  { key: 'latitude', headers: ['纬度', 'latitude'], required: false, parse: parsers.coordinate(90) },
];

export const householdFields: Field[] = [
  { key: 'communityCode', headers: ['社区代码', 'communityCode'], required: true, parse: parsers.communityCode },
  { key: 'compound', headers: ['小区名称', 'compound'], required: true, parse: parsers.text(100) },
  { key: 'building', headers: ['楼栋', 'building'], required: true, parse: parsers.text(32) },
  { key: 'unit', headers: ['单元', 'unit'], required: true, parse: parsers.text(32) },
  { key: 'room', headers: ['房号', 'room'], required: true, parse: parsers.text(32) },
  { key: 'floorAreaM2', headers: ['建筑面积', 'floorAreaM2'], required: true, parse: parsers.area },
  { key: 'deedRef', headers: ['产权证号', 'deedRef'], required: false, parse: parsers.text(64) },
];

export type ParsedRow = { line: number; values: Record<string, unknown> };

/** Maps header cells to fields and parses every cell; returns rows and every error found. */
export function parseRows(table: Table, fields: Field[]): { rows: ParsedRow[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const index = new Map<string, number>();
  table.header.forEach((h, i) => {
    const field = fields.find((f) => f.headers.some((name) => name.toLowerCase() === h.trim().toLowerCase()));
    if (field && !index.has(field.key)) index.set(field.key, i);
  });
  for (const f of fields) {
    if (f.required && !index.has(f.key))
      errors.push({
        line: 1,
        column: f.key,
        message: rm.msg('row.missing_column', { headers: f.headers.join(' / ') }),
        path: `file[1].${f.key}`,
      });
  }
  if (errors.length) return { rows: [], errors };
  if (!table.rows.length) return { rows: [], errors: [{ line: 2, column: '', message: rm.msg('row.no_data'), path: 'file' }] };
  const rows: ParsedRow[] = [];
  for (const row of table.rows) {
    const values: Record<string, unknown> = {};
    for (const f of fields) {
      const i = index.get(f.key);
      const text = i === undefined ? '' : (row.cells[i] ?? '');
      if (text === '') {
        if (f.required) errors.push({ line: row.line, column: f.key, message: rm.msg('row.required'), path: `file[${row.line}].${f.key}` });
        continue;
      }
      const parsed = f.parse(text);
      if ('error' in parsed) errors.push({ line: row.line, column: f.key, message: parsed.error, path: `file[${row.line}].${f.key}` });
      else values[f.key] = parsed.value;
    }
    rows.push({ line: row.line, values });
  }
  return { rows, errors };
}

/** Rows whose natural key repeats an earlier row of the same file. */
export function duplicateKeyErrors(rows: ParsedRow[], keyOf: (r: ParsedRow) => string, column: string): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const r of rows) {
    const key = keyOf(r);
    const seen = first.get(key);
    if (seen !== undefined)
      errors.push({ line: r.line, column, message: rm.msg('row.repeats', { line: seen }), path: `file[${r.line}].${column}` });
    else first.set(key, r.line);
  }
  return errors;
}

export function templateHeaders(fields: Field[]): string[] {
  return fields.map((f) => f.headers[0]!);
}
