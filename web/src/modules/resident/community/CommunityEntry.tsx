// The 社区服务 tiles on the resident's home page: notices (with how many are unread), the canteen, shops nearby.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Badge, Card, Typography } from 'antd';
import { NotificationOutlined, ShopOutlined, CoffeeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { communityKeys, fetchMyNotices } from './api.ts';

function Tile({ to, icon, label, testId, badge }: { to: string; icon: ReactNode; label: string; testId: string; badge?: number }) {
  return (
    <Link to={to} data-testid={testId} style={{ color: 'inherit' }}>
      <Card size="small" hoverable styles={{ body: { padding: '12px 4px', textAlign: 'center' } }}>
        <Badge count={badge ?? 0} size="small" offset={[6, 0]} data-testid={`${testId}-badge`} data-count={badge ?? 0}>
          <span style={{ fontSize: 24, color: '#1558b0' }}>{icon}</span>
        </Badge>
        <Typography.Text style={{ display: 'block', marginTop: 4 }}>{label}</Typography.Text>
      </Card>
    </Link>
  );
}

export default function CommunityEntry() {
  const { t } = useTranslation();
  const notices = useQuery({ queryKey: communityKeys.notices, queryFn: fetchMyNotices });
  return (
    <div data-testid="m-community" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
      <Tile
        to="/m/notices"
        icon={<NotificationOutlined />}
        label={t('community.resident.notices')}
        testId="m-community-notices"
        badge={notices.data?.unread}
      />
      <Tile to="/m/canteen" icon={<CoffeeOutlined />} label={t('community.resident.canteen')} testId="m-community-canteen" />
      <Tile to="/m/shops" icon={<ShopOutlined />} label={t('community.resident.shops')} testId="m-community-shops" />
    </div>
  );
}
