// One delivery: its message id, every attempt (status code, error, duration) and the replay button (重新投递).
import { Alert, App, Button, Descriptions, Drawer, Spin, Table, Tag } from 'antd';
import { RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { formatAt } from '../participation/index.ts';
import { exchangeKeys, fetchDelivery, replayDelivery, type Delivery } from './api.ts';
import DeliveryStatusTag from './DeliveryStatusTag.tsx';

export default function DeliveryDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: exchangeKeys.delivery(id ?? ''),
    queryFn: () => fetchDelivery(id!),
    enabled: id !== null,
    // While tries are running, follow them.
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'pending' || q.state.data.status === 'retrying') ? 1000 : false),
  });
  const replay = useMutation({
    mutationFn: replayDelivery,
    onSuccess: (d) => {
      qc.setQueryData(exchangeKeys.delivery(d.id), d);
      void qc.invalidateQueries({ queryKey: exchangeKeys.all });
      void message.success(t('exchange.replayed'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const d = query.data;
  const busy = d?.status === 'pending' || d?.status === 'retrying';
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={t('exchange.deliveryTitle')}
      destroyOnHidden
      data-testid="delivery-drawer"
    >
      {query.isError ? (
        <Alert type="error" showIcon title={t('exchange.loadFailed')} description={errorMessage(query.error)} />
      ) : !d ? (
        <Spin />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('exchange.columns.platform')}>{d.connector.name}</Descriptions.Item>
            <Descriptions.Item label={t('exchange.columns.kind')}>{t(`exchange.kinds.${d.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('exchange.columns.status')}>
              <DeliveryStatusTag status={d.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('exchange.eventId')}>
              <span data-testid="delivery-event-id">{d.eventId}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('exchange.columns.attempts')}>
              {d.attempts}
              {d.replays > 0 && ` · ${t('exchange.replays', { count: d.replays })}`}
            </Descriptions.Item>
          </Descriptions>
          <Button
            type="primary"
            icon={<RedoOutlined />}
            disabled={busy}
            loading={replay.isPending}
            onClick={() => replay.mutate(d.id)}
            data-testid="delivery-replay"
            style={{ marginBottom: 16 }}
          >
            {t('exchange.replay')}
          </Button>
          <Table<Delivery['attemptLog'][number]>
            rowKey={(a) => `${a.attempt}-${a.at}`}
            size="small"
            pagination={false}
            data-testid="delivery-attempts"
            dataSource={d.attemptLog}
            locale={{ emptyText: t('exchange.notTried') }}
            columns={[
              { title: '#', key: 'n', width: 50, render: (_, a) => a.attempt },
              { title: t('exchange.columns.at'), key: 'at', width: 170, render: (_, a) => formatAt(a.at, i18n.language) },
              {
                title: t('exchange.columns.result'),
                key: 'result',
                render: (_, a) => (
                  <>
                    <Tag color={a.ok ? 'green' : 'red'}>{a.statusCode ? `HTTP ${a.statusCode}` : t('exchange.noAnswer')}</Tag>
                    {a.error && !a.statusCode && a.error}
                    {a.replay && <Tag>{t('exchange.replay')}</Tag>}
                  </>
                ),
              },
              { title: t('exchange.columns.duration'), key: 'ms', width: 90, render: (_, a) => `${a.durationMs} ms` },
            ]}
          />
        </>
      )}
    </Drawer>
  );
}
