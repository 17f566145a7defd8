// A table of cursor pages (GET …?cursor=) appended with "load more": the error,
// empty and end-of-list states every list in the app shares, and the export of the whole
// list (not only the pages loaded so far) to .xlsx.
import { Alert, App, Button, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { SorterResult } from 'antd/es/table/interface.js';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';
import ExportXlsxButton from './ExportXlsxButton.tsx';
import { collectPages, MAX_EXPORT_ROWS, xlsxColumnsFrom, type XlsxColumn } from './xlsx.ts';

export interface CursorTableProps<T> {
  query: Pick<
    UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>,
    'data' | 'isError' | 'isPending' | 'error' | 'refetch' | 'isFetchNextPageError' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'
  >;
  /** The loaded pages' items, as shown. */
  rows: T[];
  columns: ColumnsType<T>;
  testId: string;
  emptyText: string;
  scrollX: number;
  /** The exported file's name (without .xlsx) and sheet. */
  exportName: string;
  /** What the .xlsx holds; by default the table's own columns as shown. */
  exportColumns?: XlsxColumn<T>[];
  /** How many rows the whole list has (the server's `total`), shown above the table. */
  total?: number;
  /** A column title clicked to sort (server-side sorting: the caller changes its query). */
  onSort?: (sorter: SorterResult<T> | SorterResult<T>[]) => void;
}

export default function CursorTable<T extends { id: string }>({
  query,
  rows,
  columns,
  testId,
  emptyText,
  scrollX,
  exportName,
  exportColumns,
  total,
  onSort,
}: CursorTableProps<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();

  /** Every row of the list: the pages not loaded yet are fetched (and so shown too). */
  const allRows = async (): Promise<T[]> => {
    const items = (data: typeof query.data) => data?.pages.flatMap((p) => p.items) ?? [];
    const all = await collectPages(items(query.data), query.hasNextPage, async () => {
      const next = await query.fetchNextPage({ throwOnError: true });
      return { rows: items(next.data), more: next.hasNextPage };
    });
    if (all.capped) void message.warning(t('common.exportCapped', { count: MAX_EXPORT_ROWS }));
    return all.rows;
  };

  if (query.isError && rows.length === 0) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={errorMessage(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return (
    <>
      <Flex justify={total === undefined ? 'end' : 'space-between'} align="center" style={{ marginBottom: 8 }}>
        {total !== undefined && (
          <Typography.Text data-testid={`${testId}-total`} data-total={total}>
            {t('trust.lists.total', { count: total })}
          </Typography.Text>
        )}
        <ExportXlsxButton<T>
          fileName={exportName}
          columns={exportColumns ?? xlsxColumnsFrom(columns)}
          rows={rows.length === 0 ? [] : allRows}
          testId={`${testId}-export`}
        />
      </Flex>
      <Table<T>
        data-testid={testId}
        rowKey="id"
        size="middle"
        bordered
        columns={columns}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        scroll={{ x: scrollX }}
        onChange={onSort ? (_p, _f, sorter) => onSort(sorter) : undefined}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      />
      {query.isFetchNextPageError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(query.error)} />}
      {rows.length > 0 && (
        <div style={footer}>
          <Typography.Text type="secondary">{t('registry.count', { count: rows.length })}</Typography.Text>
          {query.hasNextPage ? (
            <Button data-testid="load-more" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('registry.noMore')}</Typography.Text>
          )}
        </div>
      )}
    </>
  );
}

const footer = {
  display: 'flex',
  justifyContent: 'space-between',
  alignItems: 'center',
  gap: 12,
  marginTop: 12,
  flexWrap: 'wrap',
} as const;
