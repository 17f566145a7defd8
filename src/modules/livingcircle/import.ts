// Checking a facilities file as a whole, as plain functions: the columns (Chinese or English headers), each cell,
// and the report naming every bad row's line, column and reason. Nothing here touches the database.
import type { Message } from '../../platform/i18n/messages.ts';
import type { Table } from '../../platform/spreadsheet.ts';
import { circleMessages as m } from './messages.ts';
import { kindOf, needOf, type FacilityKind, type Need } from './needs.ts';
import type { OpeningSpan } from './schema.ts';

export interface RowError {
  line: number;
  column: string;
  message: Message;
  path: string;
}

export interface FacilityRow {
  line: number;
  name: string;
  need: Need;
  kind: FacilityKind;
  lat: number;
  lng: number;
  address: string | null;
  hours: OpeningSpan[] | null;
  capacity: number | null;
  operator: string | null;
}

const columns = {
  name: { headers: ['名称', '设施名称', 'name'], required: true },
  need: { headers: ['需求', '需求类别', 'need'], required: true },
  kind: { headers: ['类型', '设施类型', 'kind'], required: true },
  lat: { headers: ['纬度', 'lat', 'latitude'], required: true },
  lng: { headers: ['经度', 'lng', 'longitude'], required: true },
  address: { headers: ['地址', 'address'], required: false },
  hours: { headers: ['营业时间', '开放时间', 'hours'], required: false },
  capacity: { headers: ['容量', '服务能力', 'capacity'], required: false },
  operator: { headers: ['运营方', '运营单位', 'operator'], required: false },
} as const;
type Column = keyof typeof columns;

/** The template's headers, Chinese first. */
export const templateHeaders = (Object.keys(columns) as Column[]).map((c) => `${columns[c].headers[0]} ${c}`);

const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** "08:00-20:00", or with weekdays "1-5 08:00-20:00"; several joined by ";". */
export function parseHours(text: string): OpeningSpan[] | null {
  const spans: OpeningSpan[] = [];
  for (const part of text
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const r = /^(?:([1-7])-([1-7])\s+)?(\d{2}:\d{2})\s*[-–~至]\s*(\d{2}:\d{2})$/.exec(part);
    if (!r || !clock.test(r[3]!) || r[3] === '24:00' || !clock.test(r[4]!)) return null;
    const from = Number(r[1] ?? 1);
    const to = Number(r[2] ?? 7);
    if (to < from) return null;
    spans.push({ days: Array.from({ length: to - from + 1 }, (_, i) => from + i), open: r[3]!, close: r[4]! });
  }
  return spans.length ? spans : null;
}

export function coordinate(t: string, limit: number): number | null {
  return /^-?\d{1,3}(\.\d{1,7})?$/.test(t) && Math.abs(Number(t)) <= limit ? Number(t) : null;
}

/**
 * Where each known column stands in the header (a header matches one of the column's names, alone or after a
 * translation). Errors for a missing required column, or for a file without rows.
 */
export function locateColumns<C extends string>(
  table: Table,
  columns: Record<C, { headers: readonly string[]; required?: boolean }>,
): { at: Map<C, number>; errors: RowError[] } {
  const errors: RowError[] = [];
  const at = new Map<C, number>();
  const norm = (h: string) => h.trim().toLowerCase();
  for (const c of Object.keys(columns) as C[]) {
    const i = table.header.findIndex((h) => columns[c].headers.some((x) => norm(h) === norm(x) || norm(h).endsWith(` ${norm(x)}`)));
    if (i >= 0) at.set(c, i);
    else if (columns[c].required)
      errors.push({
        line: 1,
        column: c,
        message: m.msg('row.missing_column', { headers: columns[c].headers.join(' / ') }),
        path: `file[1].${c}`,
      });
  }
  if (!errors.length && !table.rows.length) errors.push({ line: 1, column: 'name', message: m.msg('row.no_data'), path: 'file[1]' });
  return { at, errors };
}

/** Every row checked; rows come back only when the whole file is good (errors empty). */
export function parseFacilities(table: Table): { rows: FacilityRow[]; errors: RowError[] } {
  const { at, errors } = locateColumns(table, columns);
  if (errors.length) return { rows: [], errors };
  const rows: FacilityRow[] = [];
  for (const r of table.rows) {
    const cell = (c: Column) => (at.has(c) ? (r.cells[at.get(c)!] ?? '').trim() : '');
    const bad = (c: Column, message: Message) => errors.push({ line: r.line, column: c, message, path: `file[${r.line}].${c}` });
    const before = errors.length;
    const name = cell('name');
    if (!name) bad('name', m.msg('row.required'));
    else if (name.length > 100) bad('name', m.msg('row.too_long', { max: 100 }));
    const need = needOf(cell('need'));
    if (!cell('need')) bad('need', m.msg('row.required'));
    else if (!need) bad('need', m.msg('row.not_need', { text: cell('need') }));
    const kind = need ? kindOf(need, cell('kind')) : null;
    if (!cell('kind')) bad('kind', m.msg('row.required'));
    else if (need && !kind) bad('kind', m.msg('row.not_kind', { text: cell('kind') }));
    const lat = coordinate(cell('lat'), 90);
    if (lat === null) bad('lat', cell('lat') ? m.msg('row.not_coordinate', { text: cell('lat'), limit: 90 }) : m.msg('row.required'));
    const lng = coordinate(cell('lng'), 180);
    if (lng === null) bad('lng', cell('lng') ? m.msg('row.not_coordinate', { text: cell('lng'), limit: 180 }) : m.msg('row.required'));
    const address = cell('address') || null;
    if (address && address.length > 200) bad('address', m.msg('row.too_long', { max: 200 }));
    const hours = cell('hours') ? parseHours(cell('hours')) : null;
    if (cell('hours') && !hours) bad('hours', m.msg('row.not_hours', { text: cell('hours') }));
    const cap = cell('capacity');
    const capacity = cap ? (/^\d{1,6}$/.test(cap) ? Number(cap) : null) : null;
    if (cap && capacity === null) bad('capacity', m.msg('row.not_integer', { text: cap, max: 999999 }));
    const operator = cell('operator') || null;
    if (operator && operator.length > 100) bad('operator', m.msg('row.too_long', { max: 100 }));
    if (errors.length === before)
      rows.push({ line: r.line, name, need: need!, kind: kind!, lat: lat!, lng: lng!, address, hours, capacity, operator });
  }
  return { rows, errors };
}
