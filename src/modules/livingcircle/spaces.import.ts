// Checking a space resources file as a whole, as plain functions: the columns (Chinese or English headers), each
// cell, and the report naming every bad row's line, column and reason. Nothing here touches the database.
import type { Message } from '../../platform/i18n/messages.ts';
import type { Table } from '../../platform/spreadsheet.ts';
import { coordinate, locateColumns, type RowError } from './import.ts';
import { circleMessages as m } from './messages.ts';
import { hundredths, spaceKinds, type SpaceKind } from './spaces.match.ts';

export interface SpaceRow {
  line: number;
  name: string;
  kind: SpaceKind;
  areaM2: string;
  owner: string;
  lat: number;
  lng: number;
  address: string | null;
  condition: string | null;
}

const columns = {
  name: { headers: ['名称', '资源名称', 'name'], required: true },
  kind: { headers: ['类型', '资源类型', 'kind'], required: true },
  areaM2: { headers: ['面积', '面积（平方米）', '面积(平方米)', 'area', 'areaM2'], required: true },
  owner: { headers: ['产权单位', '权属单位', 'owner'], required: true },
  lng: { headers: ['经度', 'lng', 'longitude'], required: true },
  lat: { headers: ['纬度', 'lat', 'latitude'], required: true },
  condition: { headers: ['状况', '现状', 'condition'], required: false },
  address: { headers: ['地址', 'address'], required: false },
} as const;
type Column = keyof typeof columns;

/** The template's headers, Chinese first. */
export const spaceTemplateHeaders = (Object.keys(columns) as Column[]).map((c) => `${columns[c].headers[0]} ${c}`);

/** The kinds as staff write them: the report's words, or the API's codes. */
const kindWords: Record<string, SpaceKind> = {
  零星用地: 'scattered_land',
  既有用房: 'existing_room',
  国有存量用房: 'state_room',
  国有闲置用房: 'state_room',
};

export function spaceKindOf(text: string): SpaceKind | null {
  const t = text.trim();
  if (kindWords[t]) return kindWords[t];
  return (spaceKinds as readonly string[]).includes(t) ? (t as SpaceKind) : null;
}

/** An area in m²: up to ten digits and two decimals, above zero; the exact text, or null. */
export function areaOf(text: string): string | null {
  if (!/^\d{1,10}(\.\d{1,2})?$/.test(text)) return null;
  return hundredths(text) > 0n ? text : null;
}

/** Every row checked; rows come back only when the whole file is good (errors empty). */
export function parseSpaces(table: Table): { rows: SpaceRow[]; errors: RowError[] } {
  const { at, errors } = locateColumns(table, columns);
  if (errors.length) return { rows: [], errors };
  const rows: SpaceRow[] = [];
  for (const r of table.rows) {
    const cell = (c: Column) => (at.has(c) ? (r.cells[at.get(c)!] ?? '').trim() : '');
    const bad = (c: Column, message: Message) => errors.push({ line: r.line, column: c, message, path: `file[${r.line}].${c}` });
    const text = (c: Column, max: number, required: boolean): string | null => {
      const v = cell(c);
      if (!v) {
        if (required) bad(c, m.msg('row.required'));
        return null;
      }
      if (v.length > max) bad(c, m.msg('row.too_long', { max }));
      return v;
    };
    const before = errors.length;
    const name = text('name', 100, true);
    const kind = spaceKindOf(cell('kind'));
    if (!cell('kind')) bad('kind', m.msg('row.required'));
    else if (!kind) bad('kind', m.msg('row.not_space_kind', { text: cell('kind') }));
    const areaM2 = areaOf(cell('areaM2'));
    if (!cell('areaM2')) bad('areaM2', m.msg('row.required'));
    else if (areaM2 === null) bad('areaM2', m.msg('row.not_area', { text: cell('areaM2') }));
    const owner = text('owner', 100, true);
    const lng = coordinate(cell('lng'), 180);
    if (lng === null) bad('lng', cell('lng') ? m.msg('row.not_coordinate', { text: cell('lng'), limit: 180 }) : m.msg('row.required'));
    const lat = coordinate(cell('lat'), 90);
    if (lat === null) bad('lat', cell('lat') ? m.msg('row.not_coordinate', { text: cell('lat'), limit: 90 }) : m.msg('row.required'));
    const condition = text('condition', 500, false);
    const address = text('address', 200, false);
    if (errors.length === before)
      rows.push({ line: r.line, name: name!, kind: kind!, areaM2: areaM2!, owner: owner!, lat: lat!, lng: lng!, address, condition });
  }
  return { rows, errors };
}
