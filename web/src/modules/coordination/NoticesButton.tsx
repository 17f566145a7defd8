// Department liaisons' notices (a timetable moved their packages): a badge with the unread count,
// and a drawer listing them, each marked read on request. Users without notices see nothing.
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Badge, Button, Drawer, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { coordinationKeys, fetchNotices, markNoticeRead } from './api.ts';
import { useLabels } from './hooks.ts';

export default function NoticesButton() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const labels = useLabels();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const liaison = user?.role === 'department_liaison';
  const notices = useQuery({ queryKey: coordinationKeys.notices(), queryFn: fetchNotices, retry: false, refetchInterval: 60_000 });
  const read = useMutation({
    mutationFn: markNoticeRead,
    onSuccess: () => void client.invalidateQueries({ queryKey: coordinationKeys.notices() }),
  });
  // One request per unread notice (the API marks one at a time), a few at once.
  const readAll = useMutation({
    mutationFn: async (ids: string[]) => {
      for (let i = 0; i < ids.length; i += 8) await Promise.all(ids.slice(i, i + 8).map(markNoticeRead));
    },
    onSettled: () => void client.invalidateQueries({ queryKey: coordinationKeys.notices() }),
  });
  const items = notices.data ?? [];
  const unread = items.filter((n) => !n.readAt).length;
  // Only liaisons get notices; others see the button only if the server sends them some.
  if (!liaison && items.length === 0) return null;

  return (
    <>
      <Badge count={unread} size="small" data-testid="notices-badge" data-unread={unread}>
        <Button icon={<BellOutlined />} data-testid="notices-open" onClick={() => setOpen(true)}>
          {t('coordination.notices.badge')}
        </Button>
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={t('coordination.notices.title')}
        size={460}
        data-testid="notices-drawer"
        extra={
          unread > 0 && (
            <Button
              size="small"
              data-testid="notices-read-all"
              loading={readAll.isPending}
              onClick={() => readAll.mutate(items.filter((n) => !n.readAt).map((n) => n.id))}
            >
              {t('coordination.notices.markAllRead')}
            </Button>
          )
        }
      >
        {notices.isPending ? (
          <Skeleton active />
        ) : notices.isError ? (
          <Alert
            type="error"
            showIcon
            title={t('common.error')}
            description={errorMessage(notices.error)}
            action={<Button onClick={() => void notices.refetch()}>{t('common.retry')}</Button>}
          />
        ) : items.length === 0 ? (
          <Empty description={t('coordination.notices.empty')} />
        ) : (
          <List
            dataSource={items}
            renderItem={(n) => (
              <List.Item
                data-testid="notice"
                data-read={n.readAt ? 'true' : 'false'}
                actions={[
                  n.readAt ? (
                    <Typography.Text key="read" type="secondary">
                      {t('coordination.notices.read')}
                    </Typography.Text>
                  ) : (
                    <Button
                      key="mark"
                      size="small"
                      data-testid="notice-read"
                      loading={read.isPending && read.variables === n.id}
                      onClick={() => read.mutate(n.id)}
                    >
                      {t('coordination.notices.markRead')}
                    </Button>
                  ),
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space size={6}>
                      {!n.readAt && <Badge status="processing" />}
                      <Tag>{labels.department(n.department)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {new Date(n.createdAt).toLocaleString()}
                      </Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div style={{ color: 'rgba(0,0,0,0.88)' }}>{n.message}</div>
                      <Link to={`/coordination/schedules/${n.scheduleId}`} onClick={() => setOpen(false)}>
                        {t('coordination.notices.openSchedule')}
                      </Link>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
        {(read.isError || readAll.isError) && (
          <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(read.error ?? readAll.error)} />
        )}
      </Drawer>
    </>
  );
}
