// One service order (/m/services/orders/:id): its status, the provider, the price with the subsidy and what is
// paid, the check-in and check-out times; cancel while not yet in service, rate once completed.
import { useState } from 'react';
import { useParams } from 'react-router';
import { App, Button, Card, Descriptions, Input, Rate, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import ProblemAlert from '../../../app/ProblemAlert.tsx';
import { formatAt } from '../format.ts';
import { cancelOrder, fetchMyOrder, nameIn, rateOrder, serviceKeys, yuan } from './api.ts';
import { STATUS_COLOR } from './MyServiceOrdersPage.tsx';

export default function ServiceOrderPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Until a provider has answered, look again now and then: the offer is being decided elsewhere.
  const order = useQuery({
    queryKey: serviceKeys.one(id),
    queryFn: () => fetchMyOrder(id),
    refetchInterval: (q) => (['requested', 'offered', 'accepted', 'in_service'].includes(q.state.data?.status ?? '') ? 5000 : false),
  });
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const done = async (text: string) => {
    void message.success(text);
    await queryClient.invalidateQueries({ queryKey: serviceKeys.all });
  };
  const cancel = useMutation({ mutationFn: () => cancelOrder(id), onSuccess: () => done(t('services.resident.cancelled')) });
  const rate = useMutation({ mutationFn: () => rateOrder(id, stars, comment.trim()), onSuccess: () => done(t('services.resident.rated')) });
  if (order.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (order.isError) {
    if (order.error instanceof ApiError && order.error.status === 404)
      return <Result status="404" title={t('services.resident.notFound')} />;
    return <ProblemAlert title={t('services.resident.loadFailed')} error={order.error} testId="m-service-order-problem" />;
  }
  const o = order.data;
  return (
    <div data-testid="m-service-order" data-status={o.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={6} wrap>
          <Typography.Text strong>{nameIn(o.kindName, i18n.language, o.kind)}</Typography.Text>
          <Tag color={STATUS_COLOR[o.status]} data-testid="m-service-order-status">
            {t(`services.status.${o.status}`)}
          </Tag>
          <Typography.Text type="secondary">{o.ref}</Typography.Text>
        </Space>
        <Descriptions column={1} size="small" style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('services.resident.elder')}>{o.elderNameMasked}</Descriptions.Item>
          <Descriptions.Item label={t('services.resident.when')}>{formatAt(o.startsAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('services.resident.provider')}>
            <span data-testid="m-service-order-provider">{o.providerName ?? t('services.resident.noProviderYet')}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('services.resident.price')}>
            ¥{yuan(o.priceFen)}
            {o.subsidyFen ? ` − ${t('services.resident.subsidy')} ¥${yuan(o.subsidyFen)}` : ''} = ¥
            <span data-testid="m-service-order-pay">{yuan(o.payFen)}</span>
          </Descriptions.Item>
          {o.checkIn && (
            <Descriptions.Item label={t('services.resident.checkIn')}>{formatAt(o.checkIn.at, i18n.language)}</Descriptions.Item>
          )}
          {o.checkOut && (
            <Descriptions.Item label={t('services.resident.checkOut')}>{formatAt(o.checkOut.at, i18n.language)}</Descriptions.Item>
          )}
          {o.note && <Descriptions.Item label={t('services.resident.note')}>{o.note}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {o.actions.includes('cancel') && (
        <Button block danger loading={cancel.isPending} onClick={() => cancel.mutate()} data-testid="m-service-order-cancel">
          {t('services.resident.cancel')}
        </Button>
      )}
      {o.rating ? (
        <Card size="small" title={t('services.resident.yourRating')}>
          <Rate disabled value={o.rating.stars} /> {o.rating.comment}
        </Card>
      ) : (
        o.actions.includes('rate') && (
          <Card size="small" title={t('services.resident.rate')} data-testid="m-service-order-rate">
            <Space orientation="vertical" style={{ width: '100%' }}>
              <div data-testid="m-service-order-stars">
                <Rate value={stars} onChange={setStars} />
              </div>
              <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} />
              {rate.isError && <ProblemAlert title={t('services.resident.rateFailed')} error={rate.error} />}
              <Button
                type="primary"
                block
                disabled={!stars}
                loading={rate.isPending}
                onClick={() => rate.mutate()}
                data-testid="m-service-order-rate-submit"
              >
                {t('services.resident.submitRating')}
              </Button>
            </Space>
          </Card>
        )
      )}
      {cancel.isError && <ProblemAlert title={t('services.resident.cancelFailed')} error={cancel.error} />}
    </div>
  );
}
