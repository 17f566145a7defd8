// One notice on /m; opening it is my read receipt, so the list's and the home page's unread counts are refreshed.
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { Card, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatAt } from '../format.ts';
import { communityKeys, openNotice } from './api.ts';
import { QueryState } from './QueryState.tsx';

export default function NoticePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: communityKeys.notice(id), queryFn: () => openNotice(id) });
  useEffect(() => {
    if (q.data) void queryClient.invalidateQueries({ queryKey: communityKeys.notices });
  }, [q.data, queryClient]);
  if (!q.data) return <QueryState pending={q.isPending} error={q.error} retry={() => void q.refetch()} testId="m-notice-problem" />;
  const n = q.data;
  return (
    <Card data-testid="m-notice-detail" data-id={n.id}>
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="m-notice-title">
        {n.title}
      </Typography.Title>
      <Space size={4} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('community.resident.publishedBy', {
            who: t(`community.roles.${n.publisherRole}`, { defaultValue: '' }),
            at: formatAt(n.publishedAt, i18n.language),
          })}
        </Typography.Text>
        {n.buildings.length > 0 && <Tag>{t('community.resident.toBuildings', { names: n.buildings.map((b) => b.name).join('、') })}</Tag>}
        {n.groups.map((g) => (
          <Tag key={g} color="blue">
            {t(`community.groups.${g}`)}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }} data-testid="m-notice-body">
        {n.body}
      </Typography.Paragraph>
    </Card>
  );
}
