// One grid event (/grid-events/:id): what was reported, where and from which source, its photos and every step
// (who as a role, when, the note and the step's photos), and the moves its reader may make now.
import { useParams, Link } from 'react-router';
import { Card, Col, Descriptions, Image, Rate, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCategories, fetchGridEvent, gridKeys } from './api.ts';
import EventTimeline from './EventTimeline.tsx';
import GridEventActions from './GridEventActions.tsx';
import { categoryName, formatAt } from './labels.ts';
import StateTag from './StateTag.tsx';

export function useGridEvent(id: string) {
  return useQuery({ queryKey: gridKeys.one(id), queryFn: () => fetchGridEvent(id) });
}

export default function GridEventPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const categories = useQuery({ queryKey: gridKeys.categories, queryFn: fetchCategories });
  const event = useGridEvent(id);
  if (event.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (event.isError) {
    if (event.error instanceof ApiError && event.error.status === 404)
      return (
        <Result status="404" title={t('gridEvents.staff.notFound')} extra={<Link to="/grid-events">{t('gridEvents.staff.back')}</Link>} />
      );
    return <ProblemAlert title={t('gridEvents.loadFailed')} error={event.error} testId="grid-event-problem" />;
  }
  const e = event.data;
  const stepPhotos = (stepId: string) => e.photos.filter((p) => p.stepId === stepId).map((p) => ({ id: p.id, url: p.url }));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="grid-event-page" data-state={e.state}>
      <Link to="/grid-events">{t('gridEvents.staff.back')}</Link>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card
            title={
              <Space wrap>
                {categoryName(categories.data?.items, e.category, i18n.language, t)}
                <StateTag state={e.state} testId="grid-event-state" />
                {e.overdue && <Tag color="red">{t('gridEvents.overdue')}</Tag>}
                <Tag>{t(`gridEvents.levels.${e.level}`)}</Tag>
                {e.anonymous && <Tag>{t('gridEvents.staff.anonymousReporter')}</Tag>}
              </Space>
            }
            extra={<Typography.Text type="secondary">{e.ref}</Typography.Text>}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{e.description}</Typography.Paragraph>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
              <Descriptions.Item label={t('gridEvents.staff.columns.source')}>{t(`gridEvents.sources.${e.source}`)}</Descriptions.Item>
              <Descriptions.Item label={t('gridEvents.staff.columns.place')}>{e.addressText ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('gridEvents.staff.columns.reportedAt')}>
                {formatAt(e.reportedAt, i18n.language)}
              </Descriptions.Item>
              <Descriptions.Item label={t('gridEvents.staff.columns.due')}>{formatAt(e.dueAt, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('gridEvents.staff.point')}>
                {e.lat !== null && e.lng !== null ? `${e.lat.toFixed(6)}, ${e.lng.toFixed(6)}` : '—'}
              </Descriptions.Item>
            </Descriptions>
            {e.photos.length > 0 && (
              <Image.PreviewGroup>
                <Space wrap style={{ marginTop: 12 }} data-testid="grid-event-photos">
                  {e.photos.map((p) => (
                    <Image key={p.id} src={p.url} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
            {e.rating && (
              <div style={{ marginTop: 12 }} data-testid="grid-event-rating">
                <Typography.Text strong>{t('gridEvents.staff.rating')}</Typography.Text> <Rate disabled value={e.rating.score} />
                {e.rating.comment && <Typography.Paragraph>{e.rating.comment}</Typography.Paragraph>}
              </div>
            )}
          </Card>
          <Card title={t('gridEvents.staff.actions')} style={{ marginTop: 12 }}>
            <GridEventActions event={e} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('gridEvents.resident.timeline')}>
            <EventTimeline steps={e.steps.map((s) => ({ ...s, photos: stepPhotos(s.id) }))} testId="grid-timeline" />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
