// One repair request (/repairs/:id) for the property staff: what the resident filed and where, its photos, the
// status and due time, the moves allowed now, every step with who took it, the completion with its photos, the
// follow-up calls and the resident's rating. One column on a phone, two on a desk.
import { Link, useParams } from 'react-router';
import { Button, Card, Col, Descriptions, Empty, Image, Rate, Result, Row, Skeleton, Space, Typography } from 'antd';
import { LeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchRepair, repairKeys, type Repair } from './api.ts';
import { formatAt, localName, outcomeName, placeText } from './labels.ts';
import RepairActions from './RepairActions.tsx';
import RepairTimeline from './RepairTimeline.tsx';
import StatusTag from './StatusTag.tsx';

function Photos({ photos, testId }: { photos: Repair['photos']; testId: string }) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <div
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))', gap: 6, marginTop: 8 }}
        data-testid={testId}
      >
        {photos.map((p) => (
          <Image key={p.id} src={p.url} alt={p.filename} style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6 }} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

export default function RepairPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const repair = useQuery({ queryKey: repairKeys.one(id), queryFn: () => fetchRepair(id) });

  if (repair.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (repair.isError) {
    if (repair.error instanceof ApiError && repair.error.status === 404)
      return <Result status="404" title={t('repairs.notFound')} data-testid="repair-not-found" />;
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('repairs.loadFailed')} error={repair.error} testId="repair-problem" />
        <Button onClick={() => void repair.refetch()}>{t('common.retry')}</Button>
      </Space>
    );
  }
  const r = repair.data;
  return (
    <div data-testid="repair-page" data-status={r.status}>
      <Link to="/repairs" style={{ display: 'inline-block', marginBottom: 8 }}>
        <LeftOutlined /> {t('repairs.staff.back')}
      </Link>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={
              <Space wrap>
                {localName(r.categoryName, i18n.language, t)}
                <StatusTag status={r.status} overdue={r.overdue} testId="repair-status" />
              </Space>
            }
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
            <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
              <Descriptions.Item label={t('repairs.staff.place')}>{placeText(r.place)}</Descriptions.Item>
              <Descriptions.Item label={t('repairs.staff.filedAt')}>{formatAt(r.createdAt, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('repairs.staff.columns.due')}>{formatAt(r.dueAt, i18n.language)}</Descriptions.Item>
              <Descriptions.Item label={t('repairs.staff.assignee')}>
                <span data-testid="repair-assignee">{r.assignee?.displayName ?? t('repairs.staff.none')}</span>
              </Descriptions.Item>
            </Descriptions>
            <Photos photos={r.photos} testId="repair-photos" />
            <div style={{ marginTop: 12 }}>
              <RepairActions repair={r} />
            </div>
          </Card>
          {r.completedAt && (
            <Card size="small" title={t('repairs.resident.completion')} style={{ marginTop: 12 }} data-testid="repair-completion">
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.completionNote}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatAt(r.completedAt, i18n.language)}
              </Typography.Text>
              <Photos photos={r.completionPhotos} testId="repair-completion-photos" />
            </Card>
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('repairs.resident.timeline')}>
            <RepairTimeline steps={r.steps} testId="repair-timeline" />
          </Card>
          <Card size="small" title={t('repairs.staff.followUps')} style={{ marginTop: 12 }}>
            {r.followUps.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }} data-testid="repair-follow-ups">
                {r.followUps.map((c) => (
                  <div key={c.id}>
                    <Typography.Text strong>{outcomeName(t, c.outcome)}</Typography.Text>
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {c.caller.displayName} · {formatAt(c.calledAt, i18n.language)}
                    </Typography.Text>
                    {c.note && <div>{c.note}</div>}
                  </div>
                ))}
              </Space>
            )}
          </Card>
          <Card size="small" title={t('repairs.staff.rating')} style={{ marginTop: 12 }} data-testid="repair-rating">
            {r.rating ? (
              <div data-stars={r.rating.stars} data-testid="repair-rating-stars">
                <Rate disabled value={r.rating.stars} />
                {r.rating.comment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{r.rating.comment}</Typography.Paragraph>}
              </div>
            ) : (
              <Typography.Text type="secondary">{t('repairs.staff.noRating')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
