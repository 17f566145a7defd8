// 社区通知 on /m: the notices reaching me, newest first, unread ones marked until opened.
import { Link } from 'react-router';
import { Badge, Card, Empty, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatAt } from '../format.ts';
import { communityKeys, fetchMyNotices } from './api.ts';
import { QueryState } from './QueryState.tsx';

export default function NoticesPage() {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: communityKeys.notices, queryFn: fetchMyNotices });
  if (!q.data) return <QueryState pending={q.isPending} error={q.error} retry={() => void q.refetch()} testId="m-notices-problem" />;
  return (
    <div data-testid="m-notices">
      <Typography.Title level={5} style={{ margin: '4px 4px 12px' }}>
        {t('community.resident.noticesTitle')}
      </Typography.Title>
      {q.data.items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('community.resident.noNotices')} data-testid="m-notices-empty" />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {q.data.items.map((n) => (
            <Link
              key={n.id}
              to={`/m/notices/${n.id}`}
              data-testid={`m-notice-${n.id}`}
              data-unread={String(n.unread)}
              style={{ color: 'inherit' }}
            >
              <Card size="small" hoverable>
                <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong={n.unread}>
                      {n.unread && <Badge status="error" style={{ marginInlineEnd: 6 }} />}
                      {n.title}
                    </Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatAt(n.publishedAt, i18n.language)}
                      </Typography.Text>
                    </div>
                  </div>
                  <Tag color={n.unread ? 'red' : 'default'} style={{ marginInlineEnd: 0 }}>
                    {n.unread ? t('community.resident.unread') : t('community.resident.read')}
                  </Tag>
                </Space>
              </Card>
            </Link>
          ))}
        </Space>
      )}
    </div>
  );
}
