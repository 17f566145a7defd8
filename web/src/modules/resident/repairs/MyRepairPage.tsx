// One repair (/m/repairs/:id): what I filed and where, its photos, the status and when it is due, every step with
// the role that took it (never a person's name), the repair's result with its photos, and the rating: once, after
// the work is done, within the rule's days.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Image, Input, Rate, Result, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { formatAt, localName, RepairTimeline, StatusTag } from '../../repairs/index.ts';
import { fetchMyRepair, myRepairKeys, rateRepair, type MyRepair } from './api.ts';

function Photos({ photos, testId }: { photos: MyRepair['photos']; testId: string }) {
  if (!photos.length) return null;
  return (
    <Image.PreviewGroup>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6, marginTop: 8 }} data-testid={testId}>
        {photos.map((p) => (
          <Image key={p.id} src={p.url} alt={p.filename} style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6 }} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

export default function MyRepairPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const repair = useQuery({ queryKey: myRepairKeys.one(id), queryFn: () => fetchMyRepair(id) });
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () => rateRepair(id, stars, comment.trim()),
    onSuccess: async (updated) => {
      void message.success(t('repairs.resident.rated'));
      queryClient.setQueryData(myRepairKeys.one(id), updated);
      await queryClient.invalidateQueries({ queryKey: myRepairKeys.all });
    },
  });

  if (repair.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (repair.isError) {
    if (repair.error instanceof ApiError && repair.error.status === 404)
      return <Result status="404" title={t('repairs.notFound')} data-testid="m-repair-not-found" />;
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('repairs.loadFailed')} error={repair.error} testId="m-repair-problem" />
        <Button block onClick={() => void repair.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  }
  const r = repair.data;
  return (
    <div data-testid="m-repair" data-status={r.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={6} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {localName(r.categoryName, i18n.language, t)}
          </Typography.Title>
          <StatusTag status={r.status} overdue={r.overdue} testId="m-repair-status" />
        </Space>
        <Typography.Paragraph style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
          {r.place ? `${r.place.compoundName} ${r.place.building}${r.place.unit}${r.place.room} · ` : ''}
          {t('repairs.resident.filedAt', { at: formatAt(r.createdAt, i18n.language) })}
        </Typography.Text>
        {!r.completedAt && r.status !== 'cancelled' && (
          <Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }} data-testid="m-repair-due">
            {t('repairs.dueAt', { at: formatAt(r.dueAt, i18n.language) })}
          </Typography.Text>
        )}
        <Photos photos={r.photos} testId="m-repair-photos" />
      </Card>
      {r.completedAt && (
        <Card size="small" title={t('repairs.resident.completion')} style={{ marginBottom: 12 }} data-testid="m-repair-completion">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.completionNote}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatAt(r.completedAt, i18n.language)}
          </Typography.Text>
          <Photos photos={r.completionPhotos} testId="m-repair-completion-photos" />
        </Card>
      )}
      <Card size="small" title={t('repairs.resident.timeline')} style={{ marginBottom: 12 }}>
        <RepairTimeline steps={r.steps} testId="m-repair-timeline" />
      </Card>
      {r.rating && (
        <Card
          size="small"
          title={t('repairs.resident.yourRating')}
          style={{ marginBottom: 12 }}
          data-testid="m-repair-rating"
          data-stars={r.rating.stars}
        >
          <Rate disabled value={r.rating.stars} />
          {r.rating.comment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{r.rating.comment}</Typography.Paragraph>}
        </Card>
      )}
      {r.canRate && (
        <Card size="small" title={t('repairs.resident.rate')} style={{ marginBottom: 12 }} data-testid="m-repair-rate">
          {r.rateUntil && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('repairs.resident.rateUntil', { days: r.ratingDays, at: formatAt(r.rateUntil, i18n.language) })}
            />
          )}
          <Rate value={stars} onChange={setStars} style={{ fontSize: 28 }} data-testid="m-repair-rate-stars" />
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('repairs.resident.rateComment')}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            style={{ marginTop: 8 }}
            data-testid="m-repair-rate-comment"
          />
          {rate.isError && <ProblemAlert title={t('repairs.resident.rateFailed')} error={rate.error} testId="m-repair-rate-failed" />}
          <Button
            type="primary"
            block
            disabled={!stars}
            loading={rate.isPending}
            onClick={() => rate.mutate()}
            style={{ marginTop: 8 }}
            data-testid="m-repair-rate-submit"
          >
            {t('repairs.resident.rateOk')}
          </Button>
        </Card>
      )}
      {!r.canRate && !r.rating && r.status === 'done' && (
        <Typography.Text type="secondary" data-testid="m-repair-rate-closed">
          {t('repairs.resident.rateClosed')}
        </Typography.Text>
      )}
    </div>
  );
}
