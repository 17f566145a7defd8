// 服务订单 (/services/orders): the orders in the caller's scope, newest first, filtered by status, kind of service and
// compound, a cursor page at a time; each row opens the order's page (its timeline, offers and candidates).
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchCompounds, registryKeys } from '../registry/index.ts';
import { fetchCatalogue, fetchOrders, svcKeys, type OrderFilters, type OrderSummary } from './api.ts';
import { formatAt, localName, ORDER_STATUSES, statusName, yuan } from './labels.ts';
import StatusTag from './StatusTag.tsx';

const PAGE = 20;

/** The compounds of the account's division, for a filter or a form. */
export function useScopeCompounds() {
  const { user } = useAuth();
  const division = user?.scope.division ?? '';
  return useQuery({
    queryKey: [...registryKeys.compoundsOf(division), 'services'],
    queryFn: () => fetchCompounds({ division: division || undefined }, 500).then((p) => p.items),
    enabled: !!user,
    staleTime: 60_000,
  });
}

export default function OrdersPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<OrderFilters>({});
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const compounds = useScopeCompounds();
  const query = useInfiniteQuery({
    queryKey: svcKeys.orders(filters),
    queryFn: ({ pageParam }) => fetchOrders(filters, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const lang = i18n.language;

  const columns: ColumnsType<OrderSummary> = [
    {
      title: t('svc.order.ref'),
      key: 'ref',
      width: 140,
      render: (_, o) => (
        <Link to={`/services/orders/${o.id}`} data-testid="svc-order-row" data-id={o.id}>
          {o.ref}
        </Link>
      ),
    },
    { title: t('svc.order.kind'), key: 'kind', width: 100, render: (_, o) => localName(o.kindName, lang) },
    { title: t('svc.order.elder'), key: 'elder', width: 100, render: (_, o) => o.elderNameMasked },
    { title: t('svc.order.compound'), key: 'compound', width: 160, render: (_, o) => o.compoundName ?? '—' },
    { title: t('svc.order.startsAt'), key: 'startsAt', width: 150, render: (_, o) => formatAt(o.startsAt, lang) },
    { title: t('svc.order.status'), key: 'status', width: 130, render: (_, o) => <StatusTag status={o.status} /> },
    { title: t('svc.order.provider'), key: 'provider', width: 160, render: (_, o) => o.providerName ?? '—' },
    { title: t('svc.order.pay'), key: 'pay', width: 90, align: 'right', render: (_, o) => yuan(o.payFen) },
    { title: t('svc.order.createdAt'), key: 'createdAt', width: 150, render: (_, o) => formatAt(o.createdAt, lang) },
  ];

  return (
    <Card title={t('svc.orders.title')} data-testid="svc-orders-page">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('svc.orders.hint')}</Typography.Text>
        <Space wrap>
          <Select
            data-testid="svc-orders-status"
            style={{ width: 160 }}
            allowClear
            placeholder={t('svc.orders.allStatuses')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={ORDER_STATUSES.map((s) => ({ value: s, label: statusName(t, s) }))}
          />
          <Select
            data-testid="svc-orders-kind"
            style={{ width: 140 }}
            allowClear
            placeholder={t('svc.orders.allKinds')}
            value={filters.kind}
            onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
            options={(catalogue.data?.kinds ?? []).map((k) => ({ value: k.code, label: localName(k.name, lang) }))}
          />
          <Select
            data-testid="svc-orders-compound"
            style={{ width: 220 }}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={compounds.isPending}
            placeholder={t('svc.orders.allCompounds')}
            value={filters.compoundId}
            onChange={(compoundId) => setFilters((f) => ({ ...f, compoundId }))}
            options={(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Button onClick={() => setFilters({})}>{t('common.reset')}</Button>
        </Space>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="svc-orders-table"
          emptyText={t('svc.orders.empty')}
          scrollX={1200}
          exportName={t('svc.orders.title')}
          exportColumns={xlsxColumnsFrom(columns, {
            ref: (o) => o.ref,
            kind: (o) => localName(o.kindName, lang),
            status: (o) => statusName(t, o.status),
          })}
        />
      </Space>
    </Card>
  );
}
