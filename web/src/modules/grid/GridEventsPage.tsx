// 网格事件 (/grid-events): events in scope, newest first, filtered by state, category, level and overdue; each
// row names its category and state in words and marks an overdue one.
import { useState } from 'react';
import { Button, Card, Checkbox, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchCategories, fetchGridEvents, gridKeys, LEVELS, type GridEventFilters, type GridEventSummary } from './api.ts';
import { categoryName, formatAt, GRID_STATES, stateName } from './labels.ts';
import NewEventModal from './NewEventModal.tsx';
import StateTag from './StateTag.tsx';

const PAGE = 20;

export default function GridEventsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [filters, setFilters] = useState<GridEventFilters>({});
  const [filing, setFiling] = useState(false);
  const categories = useQuery({ queryKey: gridKeys.categories, queryFn: fetchCategories });
  const query = useInfiniteQuery({
    queryKey: gridKeys.list(filters),
    queryFn: ({ pageParam }) => fetchGridEvents(filters, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const catName = (code: string) => categoryName(categories.data?.items, code, i18n.language, t);

  const columns: ColumnsType<GridEventSummary> = [
    {
      title: t('gridEvents.staff.columns.ref'),
      key: 'ref',
      width: 130,
      render: (_, e) => (
        <Link to={`/grid-events/${e.id}`} data-testid="grid-event-row" data-id={e.id}>
          {e.ref}
        </Link>
      ),
    },
    { title: t('gridEvents.staff.columns.category'), key: 'category', width: 130, render: (_, e) => catName(e.category) },
    {
      title: t('gridEvents.staff.columns.description'),
      key: 'description',
      render: (_, e) => (
        <Typography.Text ellipsis style={{ maxWidth: 320 }}>
          {e.description}
        </Typography.Text>
      ),
    },
    {
      title: t('gridEvents.staff.columns.state'),
      key: 'state',
      width: 150,
      render: (_, e) => (
        <Space size={4}>
          <StateTag state={e.state} />
          {e.overdue && (
            <Tag color="red" data-testid="grid-event-overdue">
              {t('gridEvents.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: t('gridEvents.staff.columns.level'), key: 'level', width: 100, render: (_, e) => t(`gridEvents.levels.${e.level}`) },
    { title: t('gridEvents.staff.columns.source'), key: 'source', width: 110, render: (_, e) => t(`gridEvents.sources.${e.source}`) },
    { title: t('gridEvents.staff.columns.place'), key: 'place', width: 180, render: (_, e) => e.addressText ?? '—' },
    { title: t('gridEvents.staff.columns.due'), key: 'due', width: 150, render: (_, e) => formatAt(e.dueAt, i18n.language) },
    {
      title: t('gridEvents.staff.columns.reportedAt'),
      key: 'reportedAt',
      width: 150,
      render: (_, e) => formatAt(e.reportedAt, i18n.language),
    },
  ];

  return (
    <Card
      title={t('gridEvents.staff.title')}
      data-testid="grid-events-page"
      extra={
        can('grid.report') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="grid-new">
            {t('gridEvents.staff.new')}
          </Button>
        )
      }
    >
      <NewEventModal open={filing} onClose={() => setFiling(false)} />
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('gridEvents.staff.hint')}</Typography.Text>
        <Space wrap>
          <Select
            data-testid="grid-filter-state"
            style={{ width: 150 }}
            allowClear
            placeholder={t('gridEvents.staff.allStates')}
            value={filters.state}
            onChange={(state) => setFilters((f) => ({ ...f, state }))}
            options={GRID_STATES.map((s) => ({ value: s, label: stateName(t, s) }))}
          />
          <Select
            data-testid="grid-filter-category"
            style={{ width: 170 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('gridEvents.staff.allCategories')}
            value={filters.category}
            onChange={(category) => setFilters((f) => ({ ...f, category }))}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: catName(c.code) }))}
          />
          <Select
            data-testid="grid-filter-level"
            style={{ width: 130 }}
            allowClear
            placeholder={t('gridEvents.staff.allLevels')}
            value={filters.level}
            onChange={(level) => setFilters((f) => ({ ...f, level }))}
            options={LEVELS.map((l) => ({ value: l, label: t(`gridEvents.levels.${l}`) }))}
          />
          <Checkbox
            data-testid="grid-filter-overdue"
            checked={!!filters.overdue}
            onChange={(e) => setFilters((f) => ({ ...f, overdue: e.target.checked || undefined }))}
          >
            {t('gridEvents.staff.overdueOnly')}
          </Checkbox>
          {can('grid.handle') && (
            <Checkbox checked={!!filters.mine} onChange={(e) => setFilters((f) => ({ ...f, mine: e.target.checked || undefined }))}>
              {t('gridEvents.staff.mine')}
            </Checkbox>
          )}
          <Button onClick={() => setFilters({})}>{t('common.reset')}</Button>
        </Space>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="grid-event-table"
          emptyText={t('gridEvents.staff.empty')}
          scrollX={1300}
          exportName={t('gridEvents.staff.title')}
          exportColumns={xlsxColumnsFrom(columns, {
            description: (e) => e.description,
            state: (e) => `${stateName(t, e.state)}${e.overdue ? ` · ${t('gridEvents.overdue')}` : ''}`,
          })}
        />
      </Space>
    </Card>
  );
}
