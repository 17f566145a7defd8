// One order on the provider's phone (/provide/:id): what, for whom, where and when, and big buttons for the next
// move: accept or decline an offer made to my provider; check in at the door and out after the service, each with
// the browser's position (the API records time and place, and takes no visit without a place).
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import { acceptOrder, checkIn, checkOut, declineOrder, fetchOrder, svcKeys, type Order } from './api.ts';
import { formatAt, localName, STATUS_COLOR, statusName, yuan } from './labels.ts';

/** How long a check-in waits for the position, an unanswered permission prompt included. */
const POSITION_WAIT_MS = 8000;

/** The browser's position, or null when it is refused, absent or too slow. */
function position(): Promise<{ lat: number; lng: number } | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    // The API's own timeout starts only once permission is given: a prompt nobody answers would wait forever.
    setTimeout(() => resolve(null), POSITION_WAIT_MS);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: POSITION_WAIT_MS, maximumAge: 60_000 },
    );
  });
}

class NoPosition extends Error {}

async function located<T>(call: (at: { lat: number; lng: number }) => Promise<T>): Promise<T> {
  const at = await position();
  if (!at) throw new NoPosition();
  return call(at);
}

export default function ProviderOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useQuery({ queryKey: svcKeys.order(id), queryFn: () => fetchOrder(id) });
  if (order.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (order.isError)
    return (
      <LoadFailure
        error={order.error}
        title={t('svc.provide.loadFailed')}
        notFoundTitle={t('svc.order.notFound')}
        testId="pv-order"
        onRetry={() => void order.refetch()}
      />
    );
  return <OrderView o={order.data} />;
}

function OrderView({ o }: { o: Order }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const done = (text: string) => async () => {
    void message.success(text);
    await qc.invalidateQueries({ queryKey: svcKeys.all });
  };
  const accept = useMutation({ mutationFn: () => acceptOrder(o.id), onSuccess: done(t('svc.provide.accepted')) });
  const decline = useMutation({
    mutationFn: () => declineOrder(o.id, reason.trim() || undefined),
    onSuccess: async () => {
      setDeclining(false);
      await done(t('svc.provide.declined'))();
      void navigate('/provide');
    },
  });
  const visitIn = useMutation({ mutationFn: () => located((at) => checkIn(o.id, at)), onSuccess: done(t('svc.provide.checkedIn')) });
  const visitOut = useMutation({
    mutationFn: () => located((at) => checkOut(o.id, at, note.trim() || undefined)),
    onSuccess: done(t('svc.provide.checkedOut')),
  });
  const mine = o.offers.find((x) => x.answer === 'pending');
  const failed = [accept, decline, visitIn, visitOut].find((m) => m.isError);
  const lang = i18n.language;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="pv-order" data-status={o.status}>
      <Card size="small">
        <Space size={6} wrap>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {localName(o.kindName, lang)}
          </Typography.Title>
          <Tag color={STATUS_COLOR[o.status]} data-testid="pv-order-status">
            {statusName(t, o.status)}
          </Tag>
        </Space>
        <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('svc.order.ref')}>{o.ref}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.elder')}>{o.elderNameMasked}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.compound')}>{o.compoundName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.startsAt')}>{formatAt(o.startsAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.price')}>{o.priceFen === null ? '—' : `¥${yuan(o.priceFen)}`}</Descriptions.Item>
          {o.note && <Descriptions.Item label={t('svc.order.note')}>{o.note}</Descriptions.Item>}
          {o.checkIn && <Descriptions.Item label={t('svc.order.checkIn')}>{formatAt(o.checkIn.at, lang)}</Descriptions.Item>}
          {o.checkOut && <Descriptions.Item label={t('svc.order.checkOut')}>{formatAt(o.checkOut.at, lang)}</Descriptions.Item>}
          {o.serviceNote && <Descriptions.Item label={t('svc.order.serviceNote')}>{o.serviceNote}</Descriptions.Item>}
          {o.rating && (
            <Descriptions.Item label={t('svc.order.rating')}>
              {t('svc.stars', { stars: o.rating.stars })}
              {o.rating.comment ? ` · ${o.rating.comment}` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      {failed?.error instanceof NoPosition ? (
        <Alert
          type="warning"
          showIcon
          data-testid="pv-no-position"
          title={t('svc.provide.noPosition')}
          description={t('svc.provide.noPositionHint')}
        />
      ) : failed ? (
        <ProblemAlert title={t('svc.provide.failed')} error={failed.error} testId="pv-failed" />
      ) : null}

      {o.status === 'offered' && mine && (
        <Card size="small" title={t('svc.provide.offerTitle')}>
          <Typography.Paragraph type="secondary" data-testid="pv-offer-expires">
            {t('svc.provide.offerExpires', { at: formatAt(mine.expiresAt, lang) })}
          </Typography.Paragraph>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button type="primary" size="large" block loading={accept.isPending} onClick={() => accept.mutate()} data-testid="pv-accept">
              {t('svc.provide.accept')}
            </Button>
            <Button size="large" block danger onClick={() => setDeclining(true)} data-testid="pv-decline">
              {t('svc.provide.decline')}
            </Button>
          </Space>
        </Card>
      )}
      {o.status === 'offered' && !mine && <Alert type="info" showIcon title={t('svc.provide.notYours')} data-testid="pv-not-yours" />}
      {o.status === 'accepted' && (
        <Button
          type="primary"
          size="large"
          block
          icon={<EnvironmentOutlined />}
          loading={visitIn.isPending}
          onClick={() => visitIn.mutate()}
          data-testid="pv-check-in"
        >
          {t('svc.provide.checkIn')}
        </Button>
      )}
      {o.status === 'in_service' && (
        <Card size="small" title={t('svc.provide.checkOutTitle')}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={1000}
            rows={3}
            placeholder={t('svc.provide.notePlaceholder')}
            data-testid="pv-check-out-note"
            style={{ marginBottom: 8 }}
          />
          <Button
            type="primary"
            size="large"
            block
            icon={<EnvironmentOutlined />}
            loading={visitOut.isPending}
            onClick={() => visitOut.mutate()}
            data-testid="pv-check-out"
          >
            {t('svc.provide.checkOut')}
          </Button>
        </Card>
      )}
      <Modal
        open={declining}
        title={t('svc.provide.declineTitle')}
        okText={t('svc.provide.decline')}
        cancelText={t('svc.cancel')}
        okButtonProps={{ danger: true, loading: decline.isPending, 'data-testid': 'pv-decline-ok' } as never}
        onOk={() => decline.mutate()}
        onCancel={() => setDeclining(false)}
        width={360}
      >
        <Input.TextArea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
          placeholder={t('svc.provide.declineReason')}
          data-testid="pv-decline-reason"
        />
      </Modal>
    </Space>
  );
}
