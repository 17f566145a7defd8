// The connectors: what each platform receives, where, how often it is retried; add, edit, rotate the secret.
import { useState } from 'react';
import { Alert, App, Button, Empty, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { exchangeKeys, fetchConnectors, rotateSecret, type Connector, type WithSecret } from './api.ts';
import ConnectorModal from './ConnectorModal.tsx';
import SecretOnceModal from './SecretOnceModal.tsx';

export default function ConnectorsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Connector | 'new' | null>(null);
  const [shown, setShown] = useState<WithSecret | null>(null);
  const query = useQuery({ queryKey: exchangeKeys.connectors, queryFn: fetchConnectors });
  const rotate = useMutation({
    mutationFn: rotateSecret,
    onSuccess: (r) => {
      setShown(r);
      void qc.invalidateQueries({ queryKey: exchangeKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const columns: ColumnsType<Connector> = [
    {
      title: t('exchange.columns.name'),
      key: 'name',
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong data-testid="connector-name">
            {c.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.endpointUrl}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('exchange.columns.enabled'),
      key: 'enabled',
      width: 90,
      render: (_, c) => (c.enabled ? <Tag color="green">{t('exchange.enabled')}</Tag> : <Tag>{t('exchange.disabled')}</Tag>),
    },
    {
      title: t('exchange.columns.kinds'),
      key: 'kinds',
      width: 200,
      render: (_, c) => (c.kinds.length ? c.kinds.map((k) => <Tag key={k}>{t(`exchange.kinds.${k}`)}</Tag>) : '—'),
    },
    {
      title: t('exchange.columns.categories'),
      key: 'categories',
      width: 160,
      render: (_, c) => (c.categories.length ? t('exchange.someCategories', { count: c.categories.length }) : t('exchange.allCategories')),
    },
    {
      title: t('exchange.columns.retries'),
      key: 'retries',
      width: 160,
      render: (_, c) => t('exchange.retriesText', { tries: c.maxTries, seconds: c.backoffSeconds }),
    },
    {
      title: t('exchange.columns.deliveries'),
      key: 'deliveries',
      width: 220,
      render: (_, c) => (
        <Space size={4} wrap>
          <Tag color="green">
            {t('exchange.statuses.delivered')} {c.deliveries.delivered}
          </Tag>
          {c.deliveries.pending + c.deliveries.retrying > 0 && (
            <Tag color="blue">
              {t('exchange.statuses.retrying')} {c.deliveries.pending + c.deliveries.retrying}
            </Tag>
          )}
          {c.deliveries.parked > 0 && (
            <Tag color="red">
              {t('exchange.statuses.parked')} {c.deliveries.parked}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 180,
      render: (_, c) => (
        <Space>
          <Button size="small" onClick={() => setEditing(c)} data-testid="connector-edit">
            {t('exchange.edit')}
          </Button>
          <Popconfirm title={t('exchange.rotateConfirm')} onConfirm={() => rotate.mutate(c.id)}>
            <Button size="small" loading={rotate.isPending && rotate.variables === c.id} data-testid="connector-rotate">
              {t('exchange.rotate')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">{t('exchange.connectorsHint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="connector-new">
          {t('exchange.add')}
        </Button>
      </Space>
      {query.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('exchange.loadFailed')}
          description={errorMessage(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
          data-testid="connectors-error"
        />
      ) : query.isPending ? (
        <Spin />
      ) : (
        <Table
          rowKey="id"
          size="small"
          data-testid="connectors-table"
          columns={columns}
          dataSource={query.data.items}
          pagination={false}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t('exchange.noConnectors')} /> }}
        />
      )}
      <ConnectorModal
        connector={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onCreated={(r) => setShown(r)}
      />
      <SecretOnceModal shown={shown} onClose={() => setShown(null)} />
    </Space>
  );
}
