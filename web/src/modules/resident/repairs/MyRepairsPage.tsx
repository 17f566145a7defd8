// 我的报修 (/m/repairs): my households' repair requests, newest first, each with its category, status (and overdue
// mark) and home, and a button to request another.
import { Link } from 'react-router';
import { Button, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { formatAt, localName, StatusTag } from '../../repairs/index.ts';
import { fetchMyRepairs, myRepairKeys } from './api.ts';

export default function MyRepairsPage() {
  const { t, i18n } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: myRepairKeys.mine,
    queryFn: ({ pageParam }) => fetchMyRepairs(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (list.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (list.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('repairs.loadFailed')} error={list.error} testId="m-repairs-problem" />
        <Button block onClick={() => void list.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  const items = list.data.pages.flatMap((p) => p.items);
  return (
    <div data-testid="m-repairs">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '4px 4px 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('repairs.resident.mine')}
        </Typography.Title>
        <Link to="/m/repair">
          <Button type="primary" size="small" icon={<PlusOutlined />} data-testid="m-repairs-new">
            {t('repairs.resident.file')}
          </Button>
        </Link>
      </Space>
      {items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairs.resident.mineEmpty')} data-testid="m-repairs-empty" />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {items.map((r) => (
            <Link key={r.id} to={`/m/repairs/${r.id}`} style={{ display: 'block', color: 'inherit' }} data-testid={`m-repair-item-${r.id}`}>
              <Card size="small" hoverable>
                <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Space size={6} wrap>
                      <Typography.Text strong>{localName(r.categoryName, i18n.language, t)}</Typography.Text>
                      <StatusTag status={r.status} overdue={r.overdue} testId="m-repair-item-status" />
                    </Space>
                    <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }}>
                      {r.description}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('repairs.resident.filedAt', { at: formatAt(r.createdAt, i18n.language) })}
                      {r.place ? ` · ${r.place.building}${r.place.unit}${r.place.room}` : ''}
                    </Typography.Text>
                  </div>
                  <RightOutlined style={{ color: '#bfbfbf' }} />
                </div>
              </Card>
            </Link>
          ))}
          {list.hasNextPage && (
            <Button block loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          )}
        </Space>
      )}
    </div>
  );
}
