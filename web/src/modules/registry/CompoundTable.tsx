// The compound list: cursor pages appended with "load more".
import { Alert, Button, Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { fetchCompounds, registryKeys } from './api.ts';
import { formatArea, formatCount } from './format.ts';
import type { CompoundFilters, CompoundSummary } from './types.ts';

const PAGE_SIZE = 50;

export default function CompoundTable({ filters }: { filters: CompoundFilters }) {
  const { t, i18n } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: registryKeys.compounds(filters),
    queryFn: ({ pageParam }) => fetchCompounds(filters, PAGE_SIZE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const lang = i18n.language;

  const columns: ColumnsType<CompoundSummary> = [
    {
      title: t('registry.columns.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 150,
      render: (name: string, row) => (
        <Link to={`/compounds/${row.id}`} data-testid="compound-link">
          {name}
        </Link>
      ),
    },
    { title: t('registry.columns.address'), dataIndex: 'address', ellipsis: true },
    { title: t('registry.columns.yearBuilt'), dataIndex: 'yearBuilt', width: 80, align: 'center' },
    {
      title: t('registry.columns.floorArea'),
      dataIndex: 'floorAreaM2',
      width: 120,
      align: 'right',
      render: (v: string) => formatArea(v, lang),
    },
    {
      title: t('registry.columns.households'),
      dataIndex: 'households',
      width: 100,
      align: 'right',
      render: (v: number) => formatCount(v, lang),
    },
    {
      title: t('registry.columns.eligible'),
      dataIndex: 'eligible',
      width: 110,
      align: 'center',
      render: (v: boolean) => (v ? <Tag color="success">{t('registry.eligible')}</Tag> : <Tag>{t('registry.notEligible')}</Tag>),
    },
  ];

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
      <Table<CompoundSummary>
        data-testid="compound-table"
        rowKey="id"
        size="middle"
        bordered
        columns={columns}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        scroll={{ x: 700 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('registry.emptyList')} /> }}
      />
      {query.isFetchNextPageError && <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(query.error)} />}
      {rows.length > 0 && (
        <div style={styles.footer}>
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

const styles = {
  footer: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: 12,
    marginTop: 12,
    flexWrap: 'wrap',
  },
} as const;
