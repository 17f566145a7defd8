// 服务商接单 (/provide, a phone): the orders offered to my provider to accept or decline, the accepted ones to
// visit (check in and out), and the completed ones. Each card opens the order's page with its big buttons.
import { useState } from 'react';
import { Link } from 'react-router';
import { Badge, Button, Card, Empty, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchOrders, svcKeys, type OrderStatus, type OrderSummary } from './api.ts';
import { formatAt, localName, STATUS_COLOR, statusName, yuan } from './labels.ts';

// Offered: only the offers made to my provider and not yet answered (one it declined went on to another).
const TABS = { offered: ['offered'], todo: ['accepted', 'in_service'], done: ['completed', 'no_show'] } as const;
type Tab = keyof typeof TABS;

function useOrdersIn(statuses: readonly OrderStatus[], awaiting = false) {
  return useQuery({
    queryKey: [...svcKeys.all, 'provide', awaiting, ...statuses],
    queryFn: async () => {
      const pages = await Promise.all(statuses.map((status) => fetchOrders({ status, awaiting }, 100, null)));
      return pages.flatMap((p) => p.items).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    },
    refetchInterval: 15_000,
  });
}

export default function ProviderHomePage() {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('offered');
  const offered = useOrdersIn(TABS.offered, true);
  const todo = useOrdersIn(TABS.todo);
  const done = useOrdersIn(TABS.done);
  const shown = { offered, todo, done }[tab];
  const count = (q: typeof offered) => q.data?.length ?? 0;
  return (
    <div data-testid="pv-home">
      <Segmented<Tab>
        block
        value={tab}
        onChange={setTab}
        data-testid="pv-tabs"
        style={{ marginBottom: 12 }}
        options={[
          {
            value: 'offered',
            label: (
              <span data-testid="pv-tab-offered">
                {t('svc.provide.offered')} <Badge count={count(offered)} size="small" />
              </span>
            ),
          },
          {
            value: 'todo',
            label: (
              <span data-testid="pv-tab-todo">
                {t('svc.provide.todo')} <Badge count={count(todo)} size="small" color="blue" />
              </span>
            ),
          },
          { value: 'done', label: <span data-testid="pv-tab-done">{t('svc.provide.done')}</span> },
        ]}
      />
      {shown.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : shown.isError ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <ProblemAlert title={t('svc.provide.loadFailed')} error={shown.error} testId="pv-problem" />
          <Button block onClick={() => void shown.refetch()}>
            {t('common.retry')}
          </Button>
        </Space>
      ) : shown.data.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(`svc.provide.empty.${tab}`)} data-testid="pv-empty" />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid={`pv-list-${tab}`}>
          {shown.data.map((o) => (
            <OrderCard key={o.id} o={o} language={i18n.language} />
          ))}
        </Space>
      )}
    </div>
  );
}

function OrderCard({ o, language }: { o: OrderSummary; language: string }) {
  const { t } = useTranslation();
  return (
    <Link to={`/provide/${o.id}`} style={{ display: 'block', color: 'inherit' }} data-testid={`pv-order-${o.id}`} data-status={o.status}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Space size={4} wrap>
              <Typography.Text strong>{localName(o.kindName, language)}</Typography.Text>
              <Tag color={STATUS_COLOR[o.status]}>{statusName(t, o.status)}</Tag>
            </Space>
            <div>
              <Typography.Text>
                {o.elderNameMasked} · {o.compoundName ?? '—'}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('svc.provide.when', { at: formatAt(o.startsAt, language) })}
              {o.priceFen !== null ? ` · ¥${yuan(o.priceFen)}` : ''}
            </Typography.Text>
          </div>
          <RightOutlined style={{ color: '#bfbfbf' }} />
        </div>
      </Card>
    </Link>
  );
}
