// 小区事件公示 (/m/grid-public?compound=…): a compound's events as its residents may read them: category, state,
// dates, building and the handling note. Nobody is named and no photo is shown.
import { useSearchParams } from 'react-router';
import { Button, Card, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { categoryName, formatAt, StateTag } from '../../grid/index.ts';
import { fetchOptions, fetchPublic, reportKeys } from './api.ts';

export default function PublicEventsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const options = useQuery({ queryKey: reportKeys.options, queryFn: fetchOptions });
  const compounds = options.data?.compounds ?? [];
  const compoundId = params.get('compound') ?? compounds[0]?.id ?? '';
  const list = useInfiniteQuery({
    queryKey: reportKeys.public(compoundId),
    queryFn: ({ pageParam }) => fetchPublic(compoundId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!compoundId,
  });
  if (options.isPending || (compoundId && list.isPending)) return <Skeleton active paragraph={{ rows: 6 }} />;
  const failed = options.error ?? list.error;
  if (failed)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('gridEvents.loadFailed')} error={failed} testId="m-public-problem" />
        <Button block onClick={() => void (options.isError ? options.refetch() : list.refetch())}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div data-testid="m-public">
      <Typography.Title level={5} style={{ margin: '4px 4px 4px' }}>
        {t('gridEvents.resident.publicTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: '0 4px 8px', fontSize: 13 }}>
        {t('gridEvents.resident.publicHint')}
      </Typography.Paragraph>
      {compounds.length > 1 && (
        <Select
          style={{ width: '100%', marginBottom: 8 }}
          value={compoundId}
          onChange={(v) => setParams({ compound: v }, { replace: true })}
          options={compounds.map((c) => ({ value: c.id, label: c.name }))}
        />
      )}
      {items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridEvents.resident.publicEmpty')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {items.map((e) => (
            <Card key={e.ref} size="small" data-testid={`m-public-${e.ref}`}>
              <Space size={6} wrap>
                <Typography.Text strong>{categoryName(options.data?.categories, e.category, i18n.language, t)}</Typography.Text>
                <StateTag state={e.state} />
                {e.buildingName && <Typography.Text type="secondary">{e.buildingName}</Typography.Text>}
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('gridEvents.resident.ref', { ref: e.ref })} ·{' '}
                  {t('gridEvents.resident.reportedAt', { at: formatAt(e.reportedAt, i18n.language) })}
                  {e.closedAt && ` · ${t('gridEvents.resident.closedAt', { at: formatAt(e.closedAt, i18n.language) })}`}
                </Typography.Text>
              </div>
              {e.handlingNote && (
                <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                  {t('gridEvents.resident.handlingNote', { note: e.handlingNote })}
                </Typography.Paragraph>
              )}
            </Card>
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
