// One order for staff (/services/orders/:id): what, for whom, when and at what price, its timeline, the offers made
// and their answers, and, while it may still be offered, the ranked candidates with dispatch by hand. A worker may
// cancel it before the service or file a complaint the elder told them of.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Col, Descriptions, Input, Modal, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { cancelOrder, fetchOrder, fileComplaint, svcKeys, type Order } from './api.ts';
import CandidatesCard from './CandidatesCard.tsx';
import { answerName, formatAt, localName, yuan } from './labels.ts';
import OrderTimeline from './OrderTimeline.tsx';
import StatusTag from './StatusTag.tsx';

export default function OrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = useQuery({ queryKey: svcKeys.order(id), queryFn: () => fetchOrder(id) });
  if (order.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (order.isError)
    return (
      <LoadFailure
        error={order.error}
        title={t('svc.order.loadFailed')}
        notFoundTitle={t('svc.order.notFound')}
        testId="svc-order"
        onRetry={() => void order.refetch()}
      />
    );
  return <OrderView o={order.data} />;
}

function OrderView({ o }: { o: Order }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [complaining, setComplaining] = useState(false);
  const [text, setText] = useState('');
  const refresh = () => qc.invalidateQueries({ queryKey: svcKeys.all });
  const cancel = useMutation({
    mutationFn: () => cancelOrder(o.id),
    onSuccess: async () => {
      void message.success(t('svc.order.cancelled'));
      await refresh();
    },
  });
  const complain = useMutation({
    mutationFn: () => fileComplaint(o.id, text.trim()),
    onSuccess: async () => {
      setComplaining(false);
      setText('');
      void message.success(t('svc.order.complained'));
      await refresh();
    },
  });
  const lang = i18n.language;
  const failed = cancel.isError ? cancel.error : null;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="svc-order" data-status={o.status}>
      <Card
        title={
          <Space wrap>
            <Link to="/services/orders">{t('svc.menu.orders')}</Link>
            <span>/</span>
            <span>{o.ref}</span>
            <StatusTag status={o.status} testId="svc-order-status" />
          </Space>
        }
        extra={
          can('services.order') && (
            <Space>
              {o.actions.includes('complain') && (
                <Button onClick={() => setComplaining(true)} data-testid="svc-order-complain">
                  {t('svc.order.complain')}
                </Button>
              )}
              {o.actions.includes('cancel') && (
                <Button
                  danger
                  loading={cancel.isPending}
                  data-testid="svc-order-cancel"
                  onClick={() =>
                    Modal.confirm({
                      title: t('svc.order.cancelConfirm'),
                      okText: t('svc.order.cancel'),
                      cancelText: t('svc.cancel'),
                      okButtonProps: { danger: true },
                      onOk: () => cancel.mutateAsync(),
                    })
                  }
                >
                  {t('svc.order.cancel')}
                </Button>
              )}
            </Space>
          )
        }
      >
        {failed && <ProblemAlert title={t('svc.order.cancelFailed')} error={failed} testId="svc-order-failed" />}
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('svc.order.kind')}>{localName(o.kindName, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.elder')}>
            <Link to={`/services/care-profiles/${o.profileId}`}>{o.elderNameMasked}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.order.compound')}>{o.compoundName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.startsAt')}>
            {formatAt(o.startsAt, lang)} – {formatAt(o.endsAt, lang).slice(-5)}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.order.provider')}>
            {o.providerId ? <Link to={`/services/providers/${o.providerId}`}>{o.providerName ?? '—'}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.order.orderedAs')}>{t(`svc.orderedAs.${o.orderedAs}`)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.dispatchMode')}>{t(`svc.dispatchMode.${o.dispatchMode}`)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.price')}>{yuan(o.priceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.subsidy')}>{yuan(o.subsidyFen)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.order.pay')}>
            <span data-testid="svc-order-pay">{yuan(o.payFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.order.createdAt')}>{formatAt(o.createdAt, lang)}</Descriptions.Item>
          {o.note && <Descriptions.Item label={t('svc.order.note')}>{o.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('svc.order.timeline')}>
            <OrderTimeline o={o} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card size="small" title={t('svc.order.offers')}>
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={o.offers}
                data-testid="svc-order-offers"
                locale={{ emptyText: t('svc.order.noOffers') }}
                onRow={(x) => ({ 'data-testid': `svc-offer-${x.providerId}`, 'data-answer': x.answer }) as never}
                columns={[
                  { title: t('svc.candidates.rank'), dataIndex: 'rank', width: 60 },
                  { title: t('svc.order.provider'), key: 'p', render: (_, x) => x.providerName ?? '—' },
                  {
                    title: t('svc.order.offerAnswer'),
                    key: 'a',
                    render: (_, x) => (
                      <Space size={4}>
                        <Tag>{answerName(t, x.answer)}</Tag>
                        {x.byHand && <Tag color="purple">{t('svc.order.byHand')}</Tag>}
                      </Space>
                    ),
                  },
                  { title: t('svc.order.offeredAt'), key: 'o', render: (_, x) => formatAt(x.offeredAt, lang) },
                  { title: t('svc.order.answeredAt'), key: 'r', render: (_, x) => formatAt(x.answeredAt, lang) },
                ]}
              />
            </Card>
            {can('services.manage') && ['requested', 'offered', 'unmatched'].includes(o.status) && <CandidatesCard o={o} />}
            {o.checkIn && (
              <Card size="small" title={t('svc.order.visit')}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('svc.order.checkIn')}>
                    {formatAt(o.checkIn.at, lang)} {o.checkIn.lat !== null ? `(${o.checkIn.lat}, ${o.checkIn.lng})` : ''}
                  </Descriptions.Item>
                  {o.checkOut && (
                    <Descriptions.Item label={t('svc.order.checkOut')}>
                      {formatAt(o.checkOut.at, lang)} {o.checkOut.lat !== null ? `(${o.checkOut.lat}, ${o.checkOut.lng})` : ''}
                    </Descriptions.Item>
                  )}
                  {o.serviceNote && <Descriptions.Item label={t('svc.order.serviceNote')}>{o.serviceNote}</Descriptions.Item>}
                </Descriptions>
              </Card>
            )}
            {o.rating && (
              <Card size="small" title={t('svc.order.rating')}>
                <Typography.Text data-testid="svc-order-rating">{t('svc.stars', { stars: o.rating.stars })}</Typography.Text>
                {o.rating.comment && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{o.rating.comment}</Typography.Paragraph>}
              </Card>
            )}
          </Space>
        </Col>
      </Row>
      <Modal
        open={complaining}
        title={t('svc.order.complainTitle')}
        okText={t('svc.order.complain')}
        cancelText={t('svc.cancel')}
        okButtonProps={{ disabled: !text.trim(), loading: complain.isPending, 'data-testid': 'svc-complain-ok' } as never}
        onOk={() => complain.mutate()}
        onCancel={() => setComplaining(false)}
      >
        {complain.isError && <ProblemAlert title={t('svc.order.complainFailed')} error={complain.error} testId="svc-complain-failed" />}
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('svc.order.complainPlaceholder')}
          data-testid="svc-complain-text"
        />
      </Modal>
    </Space>
  );
}
