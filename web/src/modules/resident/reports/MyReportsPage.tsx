// 我的报事 (/m/reports): my reports and the events I follow, newest first, each with its state in words and a
// marker when a step came after I last opened it (a resident's notification on /m).
import { Link } from 'react-router';
import { Badge, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { categoryName, formatAt, StateTag } from '../../grid/index.ts';
import { fetchMyReports, fetchOptions, reportKeys } from './api.ts';

export default function MyReportsPage() {
  const { t, i18n } = useTranslation();
  const options = useQuery({ queryKey: reportKeys.options, queryFn: fetchOptions });
  const list = useInfiniteQuery({
    queryKey: reportKeys.mine,
    queryFn: ({ pageParam }) => fetchMyReports(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (list.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (list.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('gridEvents.loadFailed')} error={list.error} testId="m-reports-problem" />
        <Button block onClick={() => void list.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  const items = list.data.pages.flatMap((p) => p.items);
  const compound = options.data?.compounds[0];
  return (
    <div data-testid="m-reports">
      <Space style={{ width: '100%', justifyContent: 'space-between', margin: '4px 4px 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('gridEvents.resident.mine')}
        </Typography.Title>
        <Space>
          {compound && <Link to={`/m/grid-public?compound=${compound.id}`}>{t('gridEvents.resident.public')}</Link>}
          <Link to="/m/report">
            <Button type="primary" size="small" icon={<PlusOutlined />} data-testid="m-reports-new">
              {t('gridEvents.resident.report')}
            </Button>
          </Link>
        </Space>
      </Space>
      {items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridEvents.resident.mineEmpty')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {items.map((r) => (
            <Link
              key={r.id}
              to={`/m/reports/${r.id}`}
              style={{ display: 'block', color: 'inherit' }}
              data-testid={`m-report-item-${r.id}`}
              data-unread={r.unread}
            >
              <Card size="small" hoverable>
                <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Space size={6} wrap>
                      <Badge dot={r.unread} offset={[4, 0]}>
                        <Typography.Text strong>{categoryName(options.data?.categories, r.category, i18n.language, t)}</Typography.Text>
                      </Badge>
                      <StateTag state={r.state} testId="m-report-item-state" />
                      {r.relation === 'follower' && <Tag>{t('gridEvents.resident.follower')}</Tag>}
                      {r.unread && (
                        <Tag color="red" data-testid="m-report-item-unread">
                          {t('gridEvents.resident.unread')}
                        </Tag>
                      )}
                    </Space>
                    <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }}>
                      {r.description}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('gridEvents.resident.ref', { ref: r.ref })} · {formatAt(r.reportedAt, i18n.language)}
                      {r.buildingName ? ` · ${r.buildingName}` : ''}
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
