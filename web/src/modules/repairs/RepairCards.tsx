// The staff's repair list on a phone: one card a request (category, status and overdue mark, what is wrong, the home,
// the due time and the repairer), "load more" for the next page, and the empty and error states of the table.
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Space, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import type { RepairItem, RepairList } from './api.ts';
import { formatAt, localName, placeText } from './labels.ts';
import StatusTag from './StatusTag.tsx';

export default function RepairCards({
  query,
  rows,
}: {
  query: Pick<
    UseInfiniteQueryResult<InfiniteData<RepairList>>,
    'isPending' | 'isError' | 'error' | 'refetch' | 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'
  >;
  rows: RepairItem[];
}) {
  const { t, i18n } = useTranslation();
  if (query.isError && !rows.length)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={errorMessage(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
        data-testid="repairs-cards-error"
      />
    );
  if (query.isPending) return <Card loading size="small" />;
  if (!rows.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairs.staff.empty')} data-testid="repairs-cards-empty" />;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="repairs-cards">
      {rows.map((r) => (
        <Link key={r.id} to={`/repairs/${r.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="repair-card" data-id={r.id}>
          <Card size="small" hoverable>
            <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={6} wrap>
                  <Typography.Text strong>{localName(r.categoryName, i18n.language, t)}</Typography.Text>
                  <StatusTag status={r.status} overdue={r.overdue} />
                </Space>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>
                  {r.description}
                </Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {placeText(r.place)}
                </Typography.Text>
                <Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {t('repairs.dueAt', { at: formatAt(r.dueAt, i18n.language) })}
                  {r.assignee ? ` · ${r.assignee.displayName}` : ''}
                </Typography.Text>
              </div>
              <RightOutlined style={{ color: '#bfbfbf' }} />
            </div>
          </Card>
        </Link>
      ))}
      {query.hasNextPage && (
        <Button block loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </Space>
  );
}
