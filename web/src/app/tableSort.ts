// Server-side sorting for cursor tables (issue 16, item 4): a column's antd sorter reads and writes { sort, order },
// the list's query parameters; the server sorts and pages, the table only shows the arrow.
import type { SortOrder, SorterResult } from 'antd/es/table/interface.js';

export interface ListSort {
  sort?: string;
  order?: 'asc' | 'desc';
}

/** A column's sorter props for the column `key` under the current sort. */
export function sortable(key: string, current: ListSort): { sorter: true; sortOrder: SortOrder; sortDirections: SortOrder[] } {
  const on = current.sort === key;
  return { sorter: true, sortOrder: on ? (current.order === 'desc' ? 'descend' : 'ascend') : null, sortDirections: ['ascend', 'descend'] };
}

/** The sort a click on a column title asks for (none when the column's sort is cleared). */
export function sortFrom<T>(sorter: SorterResult<T> | SorterResult<T>[]): ListSort {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!s?.order || !s.columnKey) return {};
  return { sort: String(s.columnKey), order: s.order === 'descend' ? 'desc' : 'asc' };
}
