// The providers ranked for an order (score and its parts: distance, free capacity, rating, preferences) and why the
// others are left out; a worker may offer the order by hand to the one they choose (POST .../dispatch).
import { App, Button, Card, Collapse, Empty, Popconfirm, Skeleton, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { dispatchTo, fetchCandidates, svcKeys, type Order } from './api.ts';
import { yuan } from './labels.ts';

export default function CandidatesCard({ o }: { o: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const candidates = useQuery({ queryKey: svcKeys.candidates(o.id), queryFn: () => fetchCandidates(o.id) });
  const dispatch = useMutation({
    mutationFn: (providerId: string) => dispatchTo(o.id, providerId),
    onSuccess: async (next) => {
      void message.success(t('svc.candidates.dispatched', { provider: next.providerName ?? next.offers.at(-1)?.providerName ?? '' }));
      await qc.invalidateQueries({ queryKey: svcKeys.all });
    },
  });
  const canDispatch = o.actions.includes('offer');
  const pending = new Set(o.offers.filter((x) => x.answer === 'pending').map((x) => x.providerId));
  return (
    <Card size="small" title={t('svc.candidates.title')} data-testid="svc-candidates">
      <Typography.Paragraph type="secondary">{t('svc.candidates.hint')}</Typography.Paragraph>
      {dispatch.isError && (
        <ProblemAlert
          title={t('svc.candidates.dispatchFailed')}
          error={dispatch.error}
          testId="svc-dispatch-failed"
          onClose={() => dispatch.reset()}
        />
      )}
      {candidates.isPending ? (
        <Skeleton active />
      ) : candidates.isError ? (
        <ProblemAlert title={t('svc.candidates.loadFailed')} error={candidates.error} testId="svc-candidates-error" />
      ) : (
        <>
          <Table
            size="small"
            rowKey="providerId"
            pagination={false}
            scroll={{ x: 820 }}
            dataSource={candidates.data.items}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.candidates.none')} /> }}
            onRow={(c) => ({ 'data-testid': `svc-candidate-${c.providerId}`, 'data-rank': c.rank }) as never}
            columns={[
              { title: t('svc.candidates.rank'), dataIndex: 'rank', width: 60 },
              { title: t('svc.order.provider'), dataIndex: 'providerName' },
              { title: t('svc.candidates.score'), dataIndex: 'score', width: 70, align: 'right' },
              {
                title: t('svc.candidates.distance'),
                key: 'distance',
                width: 90,
                align: 'right',
                render: (_, c) => (c.distanceM === null ? '—' : t('svc.candidates.metres', { m: c.distanceM })),
              },
              { title: t('svc.candidates.free'), dataIndex: 'free', width: 80, align: 'right' },
              { title: t('svc.order.price'), key: 'price', width: 80, align: 'right', render: (_, c) => yuan(c.priceFen) },
              {
                title: t('svc.candidates.parts'),
                key: 'parts',
                render: (_, c) =>
                  t('svc.candidates.partsText', {
                    distance: c.parts.distance,
                    capacity: c.parts.capacity,
                    rating: c.parts.rating,
                    preference: c.parts.preference,
                  }),
              },
              {
                title: '',
                key: 'go',
                width: 130,
                render: (_, c) =>
                  pending.has(c.providerId) ? (
                    <Typography.Text type="secondary">{t('svc.candidates.offeredNow')}</Typography.Text>
                  ) : canDispatch ? (
                    <Popconfirm
                      title={t('svc.candidates.confirm', { provider: c.providerName })}
                      okText={t('svc.candidates.dispatch')}
                      cancelText={t('svc.cancel')}
                      okButtonProps={{ 'data-testid': 'svc-dispatch-ok' } as never}
                      onConfirm={() => dispatch.mutate(c.providerId)}
                    >
                      <Button size="small" type="primary" loading={dispatch.isPending} data-testid={`svc-dispatch-${c.providerId}`}>
                        {t('svc.candidates.dispatch')}
                      </Button>
                    </Popconfirm>
                  ) : null,
              },
            ]}
          />
          {candidates.data.ineligible.length > 0 && (
            <Collapse
              ghost
              style={{ marginTop: 8 }}
              items={[
                {
                  key: 'ineligible',
                  label: t('svc.candidates.ineligible', { count: candidates.data.ineligible.length }),
                  children: (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="svc-ineligible">
                      {candidates.data.ineligible.map((i) => (
                        <li key={i.providerId}>
                          {i.providerName ?? '—'}：{i.reasonText}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Card>
  );
}
