// 我的服务订单 (/m/services/orders): my household's orders and those of the elders I am linked to, newest first.
import { Link } from 'react-router';
import { Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { formatAt } from '../format.ts';
import { fetchMyOrders, nameIn, serviceKeys, yuan } from './api.ts';

export const STATUS_COLOR: Record<string, string> = {
  requested: 'default',
  offered: 'blue',
  accepted: 'cyan',
  in_service: 'processing',
  completed: 'green',
  cancelled: 'default',
  unmatched: 'orange',
  no_show: 'red',
};

export default function MyServiceOrdersPage() {
  const { t, i18n } = useTranslation();
  const list = useQuery({ queryKey: serviceKeys.mine, queryFn: fetchMyOrders });
  if (list.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (list.isError) return <ProblemAlert title={t('services.resident.loadFailed')} error={list.error} testId="m-service-orders-problem" />;
  const items = list.data.items;
  return (
    <div data-testid="m-service-orders">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '4px 4px 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('services.resident.mine')}
        </Typography.Title>
        <Link to="/m/services">
          <Button type="primary" size="small" icon={<PlusOutlined />}>
            {t('services.resident.order')}
          </Button>
        </Link>
      </Space>
      {items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('services.resident.mineEmpty')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {items.map((o) => (
            <Link
              key={o.id}
              to={`/m/services/orders/${o.id}`}
              style={{ display: 'block', color: 'inherit' }}
              data-testid={`m-service-order-${o.id}`}
            >
              <Card size="small" hoverable>
                <Space size={6} wrap>
                  <Typography.Text strong>{nameIn(o.kindName, i18n.language, o.kind)}</Typography.Text>
                  <Tag color={STATUS_COLOR[o.status]}>{t(`services.status.${o.status}`)}</Tag>
                  <Typography.Text type="secondary">{o.elderNameMasked}</Typography.Text>
                </Space>
                <div style={{ fontSize: 12, color: '#888', marginTop: 4 }}>
                  {formatAt(o.startsAt, i18n.language)} · {o.providerName ?? t('services.resident.noProviderYet')} · ¥{yuan(o.payFen)}
                </div>
              </Card>
            </Link>
          ))}
        </Space>
      )}
    </div>
  );
}
