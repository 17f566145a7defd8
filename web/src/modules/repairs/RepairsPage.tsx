// 物业报修 (/repairs): requests in the compounds the caller's company serves, newest first, filtered by status,
// category, overdue and mine; each row names its category, home and status in words and marks an overdue one.
import { useState } from 'react';
import { Button, Card, Checkbox, Grid, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchCategories, fetchRepairs, repairKeys, type RepairFilters, type RepairItem } from './api.ts';
import { formatAt, localName, placeText, REPAIR_STATUSES, statusName } from './labels.ts';
import StatusTag from './StatusTag.tsx';
import RepairCards from './RepairCards.tsx';

const PAGE = 20;

export default function RepairsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  // On a phone the staff read cards (status first); on a desk the table with its export.
  const phone = Grid.useBreakpoint().md === false;
  const [filters, setFilters] = useState<RepairFilters>({});
  const categories = useQuery({ queryKey: repairKeys.categories, queryFn: fetchCategories });
  const query = useInfiniteQuery({
    queryKey: repairKeys.list(filters),
    queryFn: ({ pageParam }) => fetchRepairs(filters, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<RepairItem> = [
    {
      title: t('repairs.staff.columns.category'),
      key: 'category',
      width: 150,
      render: (_, r) => (
        <Link to={`/repairs/${r.id}`} data-testid="repair-row" data-id={r.id}>
          {localName(r.categoryName, i18n.language, t)}
        </Link>
      ),
    },
    {
      title: t('repairs.staff.columns.description'),
      key: 'description',
      render: (_, r) => (
        <Typography.Text ellipsis style={{ maxWidth: 280 }}>
          {r.description}
        </Typography.Text>
      ),
    },
    { title: t('repairs.staff.columns.place'), key: 'place', width: 200, render: (_, r) => placeText(r.place) },
    {
      title: t('repairs.staff.columns.status'),
      key: 'status',
      width: 150,
      render: (_, r) => <StatusTag status={r.status} overdue={r.overdue} testId="repair-row-status" />,
    },
    { title: t('repairs.staff.columns.assignee'), key: 'assignee', width: 130, render: (_, r) => r.assignee?.displayName ?? '—' },
    { title: t('repairs.staff.columns.due'), key: 'due', width: 150, render: (_, r) => formatAt(r.dueAt, i18n.language) },
    { title: t('repairs.staff.columns.filedAt'), key: 'filedAt', width: 150, render: (_, r) => formatAt(r.createdAt, i18n.language) },
    {
      title: t('repairs.staff.columns.rating'),
      key: 'rating',
      width: 90,
      render: (_, r) => (r.stars ? t('repairs.stars', { stars: r.stars }) : '—'),
    },
  ];

  return (
    <Card title={t('repairs.staff.title')} data-testid="repairs-page">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('repairs.staff.hint')}</Typography.Text>
        <Space wrap>
          <Select
            data-testid="repairs-filter-status"
            style={{ width: 140 }}
            allowClear
            placeholder={t('repairs.staff.allStatuses')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={REPAIR_STATUSES.map((s) => ({ value: s, label: statusName(t, s) }))}
          />
          <Select
            data-testid="repairs-filter-category"
            style={{ width: 180 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('repairs.staff.allCategories')}
            value={filters.category}
            onChange={(category) => setFilters((f) => ({ ...f, category }))}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: localName(c.name, i18n.language, t) }))}
          />
          <Checkbox
            data-testid="repairs-filter-overdue"
            checked={!!filters.overdue}
            onChange={(e) => setFilters((f) => ({ ...f, overdue: e.target.checked || undefined }))}
          >
            {t('repairs.staff.overdueOnly')}
          </Checkbox>
          {can('repairs.handle') && (
            <Checkbox
              data-testid="repairs-filter-mine"
              checked={!!filters.mine}
              onChange={(e) => setFilters((f) => ({ ...f, mine: e.target.checked || undefined }))}
            >
              {t('repairs.staff.mine')}
            </Checkbox>
          )}
          <Button onClick={() => setFilters({})}>{t('common.reset')}</Button>
        </Space>
        {phone ? (
          <RepairCards query={query} rows={rows} />
        ) : (
          <CursorTable
            query={query}
            rows={rows}
            columns={columns}
            testId="repairs-table"
            emptyText={t('repairs.staff.empty')}
            scrollX={1200}
            exportName={t('repairs.staff.title')}
            exportColumns={xlsxColumnsFrom(columns, {
              category: (r) => localName(r.categoryName, i18n.language, t),
              description: (r) => r.description,
              status: (r) => `${statusName(t, r.status)}${r.overdue ? ` · ${t('repairs.overdue')}` : ''}`,
            })}
          />
        )}
      </Space>
    </Card>
  );
}
