// The 居家服务 card on the resident's home page: order a service for myself or an elder I am linked to, my orders.
import { Link } from 'react-router';
import { Button, Card, Space, Typography } from 'antd';
import { HeartOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchElders, serviceKeys } from './api.ts';

export default function ServicesEntry() {
  const { t } = useTranslation();
  const elders = useQuery({ queryKey: serviceKeys.elders, queryFn: fetchElders });
  if (!elders.data?.elders.length) return null;
  // Shown only to residents with an elder to order for (themselves, or as family).
  return (
    <section data-testid="m-services" style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
        {t('services.resident.entryTitle')}
      </Typography.Title>
      <Card size="small" data-testid="m-services-entry">
        <Space align="start">
          <HeartOutlined style={{ fontSize: 20, color: '#c0392b', marginTop: 3 }} />
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('services.resident.entryHint')}
          </Typography.Text>
        </Space>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 10 }}>
          <Link to="/m/services">
            <Button type="primary" block data-testid="m-services-order">
              {t('services.resident.order')}
            </Button>
          </Link>
          <Link to="/m/services/orders">
            <Button block data-testid="m-services-mine">
              {t('services.resident.mine')}
            </Button>
          </Link>
        </div>
      </Card>
    </section>
  );
}
