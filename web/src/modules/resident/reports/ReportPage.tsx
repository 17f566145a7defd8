// One report (/m/reports/:id): what I reported, its photos, every step with the role that took it, and what I
// may do now: ask for it to be handled again within the rule's days, or rate the handling once it is closed.
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Image, Input, Modal, Rate, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { categoryName, EventTimeline, formatAt, StateTag } from '../../grid/index.ts';
import { fetchMyReport, fetchOptions, rateReport, reopenReport, reportKeys } from './api.ts';

export default function ReportPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const options = useQuery({ queryKey: reportKeys.options, queryFn: fetchOptions });
  const report = useQuery({ queryKey: reportKeys.one(id), queryFn: () => fetchMyReport(id) });
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');

  const done = async (text: string) => {
    void message.success(text);
    await queryClient.invalidateQueries({ queryKey: reportKeys.all });
  };
  const reopen = useMutation({
    mutationFn: () => reopenReport(id, reason.trim()),
    onSuccess: async () => {
      setReopening(false);
      setReason('');
      await done(t('gridEvents.resident.reopened'));
    },
  });
  const rate = useMutation({
    mutationFn: () => rateReport(id, stars, comment.trim()),
    onSuccess: () => done(t('gridEvents.resident.rated')),
  });

  if (report.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 404)
      return <Result status="404" title={t('gridEvents.resident.notFound')} data-testid="m-report-not-found" />;
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('gridEvents.loadFailed')} error={report.error} testId="m-report-detail-problem" />
        <Button block onClick={() => void report.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );
  }
  const r = report.data;
  const name = categoryName(options.data?.categories, r.category, i18n.language, t);
  return (
    <div data-testid="m-report-detail" data-state={r.state}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={6} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {name}
          </Typography.Title>
          <StateTag state={r.state} testId="m-report-state" />
          {r.anonymous && <Tag>{t('gridEvents.anonymous')}</Tag>}
        </Space>
        <Typography.Paragraph style={{ margin: '8px 0', whiteSpace: 'pre-wrap' }}>{r.description}</Typography.Paragraph>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('gridEvents.resident.compound')}>
            {[r.compoundName, r.buildingName].filter(Boolean).join(' ') || '—'}
          </Descriptions.Item>
        </Descriptions>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('gridEvents.resident.ref', { ref: r.ref })} ·{' '}
          {t('gridEvents.resident.reportedAt', { at: formatAt(r.reportedAt, i18n.language) })}
          {r.closedAt && ` · ${t('gridEvents.resident.closedAt', { at: formatAt(r.closedAt, i18n.language) })}`}
        </Typography.Text>
        {r.photos.length > 0 && (
          <Image.PreviewGroup>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 6, marginTop: 8 }} data-testid="m-report-photos">
              {r.photos.map((p) => (
                <Image key={p.id} src={p.url} style={{ width: '100%', aspectRatio: '1', objectFit: 'cover', borderRadius: 6 }} />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
      </Card>
      <Card size="small" title={t('gridEvents.resident.timeline')} style={{ marginBottom: 12 }}>
        <EventTimeline steps={r.steps} testId="m-timeline" />
      </Card>
      {r.rating && (
        <Card
          size="small"
          title={t('gridEvents.resident.yourRating')}
          style={{ marginBottom: 12 }}
          data-testid="m-rating"
          data-stars={r.rating.stars}
        >
          <Rate disabled value={r.rating.stars} />
          {r.rating.comment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{r.rating.comment}</Typography.Paragraph>}
        </Card>
      )}
      {r.canRate && (
        <Card size="small" title={t('gridEvents.resident.rate')} style={{ marginBottom: 12 }} data-testid="m-rate">
          <Rate value={stars} onChange={setStars} style={{ fontSize: 28 }} data-testid="m-rate-stars" />
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('gridEvents.resident.rateComment')}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 4 }}
            style={{ marginTop: 8 }}
            data-testid="m-rate-comment"
          />
          {rate.isError && <ProblemAlert title={t('gridEvents.resident.rateFailed')} error={rate.error} testId="m-rate-failed" />}
          <Button
            type="primary"
            block
            disabled={!stars}
            loading={rate.isPending}
            onClick={() => rate.mutate()}
            style={{ marginTop: 8 }}
            data-testid="m-rate-submit"
          >
            {t('gridEvents.resident.rateOk')}
          </Button>
        </Card>
      )}
      {r.reopen.allowed && (
        <Card size="small" style={{ marginBottom: 12 }}>
          {r.reopen.until && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title={t('gridEvents.resident.reopenUntil', { days: r.reopen.days, at: formatAt(r.reopen.until, i18n.language) })}
            />
          )}
          <Button block danger onClick={() => setReopening(true)} data-testid="m-reopen">
            {t('gridEvents.resident.reopen')}
          </Button>
        </Card>
      )}
      <Modal
        open={reopening}
        title={t('gridEvents.resident.reopen')}
        okText={t('gridEvents.resident.reopenOk')}
        cancelText={t('gridEvents.resident.cancel')}
        okButtonProps={{ disabled: !reason.trim(), loading: reopen.isPending, 'data-testid': 'm-reopen-ok' } as never}
        onOk={() => reopen.mutate()}
        onCancel={() => setReopening(false)}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('gridEvents.resident.reopenReason')}
          maxLength={2000}
          autoSize={{ minRows: 3, maxRows: 6 }}
          data-testid="m-reopen-reason"
        />
        {reopen.isError && <ProblemAlert title={t('gridEvents.resident.reopenFailed')} error={reopen.error} testId="m-reopen-failed" />}
      </Modal>
    </div>
  );
}
