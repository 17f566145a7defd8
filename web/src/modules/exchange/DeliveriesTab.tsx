// The deliveries, newest first, by platform and status; one delivery's attempts in a drawer with 重新投递.
import { useState } from 'react';
import { Button, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { formatAt } from '../participation/index.ts';
import { deliveryStatuses, exchangeKeys, fetchConnectors, fetchDeliveries, type DeliveryFilters, type DeliverySummary } from './api.ts';
import DeliveryDrawer from './DeliveryDrawer.tsx';
import DeliveryStatusTag from './DeliveryStatusTag.tsx';

const PAGE = 20;

export default function DeliveriesTab() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const [open, setOpen] = useState<string | null>(null);
  const connectors = useQuery({ queryKey: exchangeKeys.connectors, queryFn: fetchConnectors });
  const query = useInfiniteQuery({
    queryKey: exchangeKeys.deliveries(filters),
    queryFn: ({ pageParam }) => fetchDeliveries(filters, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // While some shown delivery is still being tried, follow it.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((d) => d.status === 'pending' || d.status === 'retrying')) ? 2000 : false,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<DeliverySummary> = [
    {
      title: t('exchange.columns.createdAt'),
      key: 'createdAt',
      width: 170,
      render: (_, d) => (
        <Typography.Link onClick={() => setOpen(d.id)} data-testid="delivery-row" data-id={d.id}>
          {formatAt(d.createdAt, i18n.language)}
        </Typography.Link>
      ),
    },
    { title: t('exchange.columns.platform'), key: 'platform', width: 140, render: (_, d) => d.connector.name },
    { title: t('exchange.columns.kind'), key: 'kind', width: 110, render: (_, d) => <Tag>{t(`exchange.kinds.${d.kind}`)}</Tag> },
    { title: t('exchange.columns.status'), key: 'status', width: 100, render: (_, d) => <DeliveryStatusTag status={d.status} /> },
    { title: t('exchange.columns.attempts'), key: 'attempts', width: 90, render: (_, d) => d.attempts },
    {
      title: t('exchange.columns.lastResult'),
      key: 'last',
      width: 200,
      render: (_, d) => (d.lastAttemptAt ? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? '—')) : t('exchange.notTried')),
    },
    {
      title: t('exchange.columns.lastAttemptAt'),
      key: 'lastAttemptAt',
      width: 170,
      render: (_, d) => formatAt(d.lastAttemptAt, i18n.language),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('exchange.deliveriesHint')}</Typography.Text>
      <Space wrap>
        <Select
          style={{ width: 200 }}
          allowClear
          placeholder={t('exchange.allPlatforms')}
          value={filters.connectorId}
          onChange={(connectorId) => setFilters((f) => ({ ...f, connectorId }))}
          options={(connectors.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="delivery-connector-filter"
        />
        <Select
          style={{ width: 160 }}
          allowClear
          placeholder={t('exchange.allStatuses')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={deliveryStatuses.map((s) => ({ value: s, label: t(`exchange.statuses.${s}`) }))}
          data-testid="delivery-status-filter"
        />
        <Button onClick={() => setFilters({})}>{t('common.reset')}</Button>
        <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isRefetching} data-testid="delivery-refresh">
          {t('exchange.refresh')}
        </Button>
      </Space>
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="deliveries-table"
        emptyText={t('exchange.noDeliveries')}
        scrollX={1000}
        exportName={t('exchange.deliveries')}
        exportColumns={xlsxColumnsFrom(columns, {})}
      />
      <DeliveryDrawer id={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
