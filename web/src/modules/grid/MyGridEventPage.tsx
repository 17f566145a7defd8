// One event on the grid worker's phone (/grid/mine/:id): the report, its photos and steps, and big buttons for
// the moves allowed now (受理, 处理反馈 with photos, 自办自结, 上报上级).
import { useParams } from 'react-router';
import { Card, Image, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCategories, gridKeys } from './api.ts';
import EventTimeline from './EventTimeline.tsx';
import GridEventActions from './GridEventActions.tsx';
import { useGridEvent } from './GridEventPage.tsx';
import { categoryName, formatAt } from './labels.ts';
import StateTag from './StateTag.tsx';

export default function MyGridEventPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const categories = useQuery({ queryKey: gridKeys.categories, queryFn: fetchCategories });
  const event = useGridEvent(id);
  if (event.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (event.isError) {
    if (event.error instanceof ApiError && event.error.status === 404)
      return <Result status="404" title={t('gridEvents.staff.notFound')} />;
    return <ProblemAlert title={t('gridEvents.loadFailed')} error={event.error} testId="gw-event-problem" />;
  }
  const e = event.data;
  return (
    <div data-testid="gw-event" data-state={e.state}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={6} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {categoryName(categories.data?.items, e.category, i18n.language, t)}
          </Typography.Title>
          <StateTag state={e.state} testId="gw-event-state" />
          {e.overdue && <Tag color="red">{t('gridEvents.overdue')}</Tag>}
        </Space>
        <Typography.Paragraph style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{e.description}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {e.ref} · {e.addressText ?? '—'} · {t('gridEvents.worker.due', { at: formatAt(e.dueAt, i18n.language) })}
        </Typography.Text>
        {e.photos.length > 0 && (
          <Image.PreviewGroup>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6, marginTop: 8 }}>
              {e.photos.map((p) => (
                <Image key={p.id} src={p.url} style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6 }} />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card size="small" style={{ marginBottom: 12 }}>
        <GridEventActions event={e} compact />
      </Card>
      <Card size="small" title={t('gridEvents.resident.timeline')}>
        <EventTimeline
          steps={e.steps.map((s) => ({ ...s, photos: e.photos.filter((p) => p.stepId === s.id).map((p) => ({ id: p.id, url: p.url })) }))}
          testId="gw-timeline"
        />
      </Card>
    </div>
  );
}
