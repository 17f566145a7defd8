// 工单 (/work-orders): orders in scope, newest first, filtered by status and "mine"; managers raise new ones.
import { useState } from 'react';
import { Button, Card, Checkbox, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { fetchWorkOrders, statuses, workOrderKeys, type WorkOrderFilters, type WorkOrderSummary } from './api.ts';
import NewWorkOrderModal from './NewWorkOrderModal.tsx';
import StatusTag, { PriorityTag } from './StatusTag.tsx';

const PAGE = 20;

export default function WorkOrdersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<WorkOrderFilters>({});
  const [raising, setRaising] = useState(false);

  const query = useInfiniteQuery({
    queryKey: workOrderKeys.list(filters),
    queryFn: ({ pageParam }) => fetchWorkOrders(filters, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<WorkOrderSummary> = [
    {
      title: t('workOrders.columns.title'),
      key: 'title',
      render: (_, o) => (
        <Link to={`/work-orders/${o.id}`} data-testid="workorder-row" data-id={o.id}>
          {o.title}
        </Link>
      ),
    },
    { title: t('workOrders.columns.status'), key: 'status', width: 100, render: (_, o) => <StatusTag status={o.status} /> },
    { title: t('workOrders.columns.priority'), key: 'priority', width: 80, render: (_, o) => <PriorityTag priority={o.priority} /> },
    { title: t('workOrders.columns.compound'), key: 'compound', width: 160, render: (_, o) => o.compoundName ?? '—' },
    {
      title: t('workOrders.columns.source'),
      key: 'source',
      width: 100,
      render: (_, o) => t(`workOrders.sources.${o.sourceKind}`, { defaultValue: t('workOrders.sources.other') }),
    },
    {
      title: t('workOrders.columns.assignee'),
      key: 'assignee',
      width: 140,
      render: (_, o) => o.assignee?.displayName ?? t('workOrders.unassigned'),
    },
    { title: t('workOrders.columns.due'), key: 'due', width: 160, render: (_, o) => formatAt(o.dueAt, i18n.language) },
    { title: t('workOrders.columns.createdAt'), key: 'createdAt', width: 160, render: (_, o) => formatAt(o.createdAt, i18n.language) },
  ];

  return (
    <Card
      title={t('workOrders.title')}
      data-testid="workorders-page"
      extra={
        can('workorders.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="workorder-new">
            {t('workOrders.raise')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('workOrders.hint')}</Typography.Text>
        <Space wrap>
          <Select
            data-testid="workorder-status-filter"
            style={{ width: 160 }}
            allowClear
            placeholder={t('workOrders.allStatuses')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={statuses.map((s) => ({ value: s, label: t(`workOrders.statuses.${s}`) }))}
          />
          {can('workorders.handle') && (
            <Checkbox
              data-testid="workorder-mine"
              checked={!!filters.mine}
              onChange={(e) => setFilters((f) => ({ ...f, mine: e.target.checked || undefined }))}
            >
              {t('workOrders.mine')}
            </Checkbox>
          )}
          <Button onClick={() => setFilters({})}>{t('common.reset')}</Button>
        </Space>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="workorder-table"
          emptyText={t('workOrders.empty')}
          scrollX={1100}
          exportName={t('workOrders.title')}
          exportColumns={xlsxColumnsFrom(columns, {})}
        />
      </Space>
      <NewWorkOrderModal open={raising} onClose={() => setRaising(false)} onRaised={(id) => navigate(`/work-orders/${id}`)} />
    </Card>
  );
}
