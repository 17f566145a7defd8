// A table of cursor pages (GET …?cursor=) appended with "load more": the error,
// empty and end-of-list states every list in the app shares.
import { Alert, Button, Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';

interface Props<T> {
  query: Pick<
    UseInfiniteQueryResult,
    'isError' | 'isPending' | 'error' | 'refetch' | 'isFetchNextPageError' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'
  >;
  rows: T[];
  columns: ColumnsType<T>;
  testId: string;
  emptyText: string;
  scrollX: number;
}

export default function CursorTable<T extends { id: string }>({ query, rows, columns, testId, emptyText, scrollX }: Props<T>) {
  const { t } = useTranslation();
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
