// 居民表决: the project's ballots, opening one (officers), and the selected ballot
// (kept in the URL as ?ballot=, so a link opens it for a colleague).
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import type { ProjectDetail } from '../projects/index.ts';
import { fetchProjectBallots, fetchTally, participationKeys } from './api.ts';
import BallotCard from './BallotCard.tsx';
import { formatAt } from './format.ts';
import OpenBallotModal from './OpenBallotModal.tsx';
import type { KnownBallot, Tally } from './types.ts';

export default function BallotsPanel({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: participationKeys.ballots(project.id), queryFn: () => fetchProjectBallots(project.id) });
  const items = list.data?.items ?? [];
  const [opening, setOpening] = useState(false);
  const selectedId = params.get('ballot');

  const select = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('ballot', id);
    setParams(next, { replace: true });
  };

  const selected = items.find((b) => b.id === selectedId) ?? null;
  const columns: TableColumnsType<KnownBallot> = [
    {
      title: t('participation.ballots.columns.title'),
      key: 'title',
      render: (_, b) => b.title ?? t('participation.ballots.unknownTitle', { id: b.id.slice(0, 8) }),
    },
    {
      title: t('participation.ballots.columns.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: KnownBallot['kind']) => (k ? t(`participation.ballots.kinds.${k}`) : '—'),
    },
    {
      title: t('participation.ballots.columns.closesAt'),
      dataIndex: 'closesAt',
      width: 170,
      render: (v: string | undefined) => formatAt(v, i18n.language),
    },
    { title: t('participation.ballots.columns.status'), key: 'status', width: 100, render: (_, b) => <BallotStatus id={b.id} /> },
  ];
  // Each row's status is fetched by its own cell; the sheet reads what those cells hold.
  const exportColumns = xlsxColumnsFrom(columns, {
    status: (b) => {
      const tally = queryClient.getQueryData<Tally>(participationKeys.tally(b.id));
      return tally ? t(`participation.ballots.statuses.${tally.status}`) : '';
    },
  });

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ballots-panel">
      <Card
        size="small"
        title={t('participation.ballots.list')}
        extra={
          <Space>
            <ExportXlsxButton<KnownBallot> fileName={t('participation.ballots.list')} columns={exportColumns} rows={items} />
            {can('ballots.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="ballot-open">
                {t('participation.ballots.open')}
              </Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {list.isError && <Alert type="error" showIcon title={t('common.error')} />}
          <Table<KnownBallot>
            data-testid="ballot-list"
            rowKey="id"
            size="small"
            bordered
            pagination={false}
            dataSource={items}
            loading={list.isPending}
            scroll={{ x: 720 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participation.ballots.none')} /> }}
            onRow={(row) => ({
              'data-testid': `ballot-row-${row.id}`,
              onClick: () => select(row.id),
              style: { cursor: 'pointer', background: row.id === selectedId ? 'rgba(22,119,255,0.06)' : undefined },
            })}
            columns={columns}
          />
        </Space>
      </Card>
      {selected && <BallotCard key={selected.id} project={project} ballot={selected} />}
      <OpenBallotModal
        projectId={project.id}
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(opened) => {
          void queryClient.invalidateQueries({ queryKey: participationKeys.ballots(project.id) });
          select(opened.id);
          void message.success(t('participation.ballots.opened', { eligible: opened.eligible }));
        }}
      />
    </Space>
  );
}

function BallotStatus({ id }: { id: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: participationKeys.tally(id), queryFn: () => fetchTally(id), retry: false });
  if (q.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  if (q.isError) return <Alert type="error" title={t('common.error')} style={{ padding: '0 8px' }} />;
  return <Tag color={q.data.status === 'open' ? 'green' : 'default'}>{t(`participation.ballots.statuses.${q.data.status}`)}</Tag>;
}
