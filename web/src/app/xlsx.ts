// Table exports to .xlsx, built in the browser from the rows the screen shows: the cells are
// the same text the table renders (masked personal data stays masked), so an export never
// reveals more than the page. ExcelJS (its browser build, ~900 kB) is imported on first use
// only, because it weighs more than the rest of a page.
import { isValidElement, type ReactNode } from 'react';
import type { ColumnsType } from 'antd/es/table/index.js';

export interface XlsxColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

/** Excel refuses sheet names over 31 characters or with any of []:*?/\ in them. */
function sheetName(name: string): string {
  const clean = name.replace(/[[\]:*?/\\]/g, ' ').trim();
  return clean.slice(0, 31) || 'Sheet1';
}

/** Display width of a cell in Excel's character units: CJK characters take two. */
function textWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return width;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Builds the workbook (one sheet, bold header row) and downloads it as `${fileName}.xlsx`. */
export async function downloadXlsx<T>(fileName: string, sheet: string, columns: XlsxColumn<T>[], rows: T[]): Promise<void> {
  // exceljs is CommonJS; its browser build (package.json "browser") is the default export.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  workbook.created = new Date();
  const ws = workbook.addWorksheet(sheetName(sheet), { views: [{ state: 'frozen', ySplit: 1 }] });

  const widths = columns.map((c) => textWidth(c.title));
  ws.addRow(columns.map((c) => c.title)).font = { bold: true };
  for (const row of rows) {
    ws.addRow(
      columns.map((c, i) => {
        const v = c.value(row);
        // Empty cells stay empty rather than holding "null"; numbers stay numbers so they sum.
        if (v === null || v === undefined || v === '') return null;
        widths[i] = Math.max(widths[i]!, textWidth(String(v)));
        return v;
      }),
    );
  }
  widths.forEach((width, i) => {
    ws.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });

  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser reads the blob after the click returns; revoking at once may cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Most rows an export gathers from a paged list: past this a browser-built workbook gets slow and the server busy. */
export const MAX_EXPORT_ROWS = 10_000;

/**
 * Gathers a paged list for an export: `next` fetches one more page and answers every row so far
 * and whether more pages remain. Stops at MAX_EXPORT_ROWS; `capped` tells the caller to say so.
 */
export async function collectPages<T>(
  rows: T[],
  more: boolean,
  next: () => Promise<{ rows: T[]; more: boolean }>,
): Promise<{ rows: T[]; capped: boolean }> {
  while (more && rows.length < MAX_EXPORT_ROWS) ({ rows, more } = await next());
  const capped = more || rows.length > MAX_EXPORT_ROWS;
  return { rows: capped ? rows.slice(0, MAX_EXPORT_ROWS) : rows, capped };
}

type CellValue = ReturnType<XlsxColumn<unknown>['value']>;
type Override<T> = ((row: T) => CellValue) | null;

/**
 * Export columns derived from a table's antd columns, so a sheet's headers and cells are the
 * screen's titles and texts without a second list to keep in step. A column's cell is:
 * - its override (by key, else dataIndex) when there is one; an override of null leaves the
 *   column out (actions, buttons, inputs);
 * - else the text its render returns: the text inside tags, links and spans, and a number the
 *   screen only groups ("1,234") stays a number;
 * - else its raw field.
 * Columns without a text title are left out. Override the columns whose text lives inside a
 * component (`<StageTag stage=…/>` has no text children), is an input, or needs the row index.
 * Grouped columns become one sheet column per leaf, titled "group · leaf".
 */
export function xlsxColumnsFrom<T>(columns: ColumnsType<T>, overrides: Record<string, Override<T>> = {}): XlsxColumn<T>[] {
  return leaves(columns, overrides, '');
}

function leaves<T>(columns: ColumnsType<T>, overrides: Record<string, Override<T>>, group: string): XlsxColumn<T>[] {
  return columns.flatMap((col): XlsxColumn<T>[] => {
    const own = textOf(col.title as ReactNode);
    const title = group && own ? `${group} · ${own}` : group || own;
    if ('children' in col && col.children) return leaves(col.children, overrides, title);
    const dataIndex = 'dataIndex' in col ? col.dataIndex : undefined;
    const path = dataIndex === undefined ? [] : Array.isArray(dataIndex) ? dataIndex.map(String) : [String(dataIndex)];
    const id = col.key !== undefined ? String(col.key) : path.join('.');
    if (id in overrides) {
      const value = overrides[id];
      return value && title ? [{ title, value }] : [];
    }
    if (!title) return [];
    const raw = (row: T) => path.reduce<unknown>((v, k) => (v as Record<string, unknown> | null | undefined)?.[k], row);
    const { render } = col;
    if (!render) return [{ title, value: (row) => plain(raw(row)) }];
    return [
      {
        title,
        value: (row) => {
          const v = raw(row);
          const shown = render(v, row, 0);
          if (typeof shown === 'number') return shown;
          const text = textOf(shown as ReactNode);
          // A number shown only grouped ("1,234") stays a number, so the sheet can sum it.
          if (typeof v === 'number' && Number(text.replace(/[,\s]/g, '')) === v) return v;
          return text || plain(v);
        },
      },
    ];
  });
}

function plain(v: unknown): CellValue {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return v.toString();
  return null;
}

/** The text a node shows: its strings and numbers, through elements' children; elements apart by a space. */
function textOf(node: ReactNode): string {
  return pieces(node).replace(/\s+/g, ' ').trim();
}

function pieces(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (Array.isArray(node)) return node.map((n: ReactNode) => pieces(n)).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) return ` ${pieces(node.props.children)} `;
  return '';
}
