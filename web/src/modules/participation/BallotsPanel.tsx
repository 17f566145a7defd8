// 居民表决: the project's ballots, opening one (officers), and the selected ballot
// (kept in the URL as ?ballot=, so a link opens it for a colleague).
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Empty, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import type { ProjectDetail } from '../projects/index.ts';
import { fetchProjectBallots, fetchTally, participationKeys } from './api.ts';
import BallotCard from './BallotCard.tsx';
import { formatAt, percent } from './format.ts';
import OpenBallotModal from './OpenBallotModal.tsx';
import PendingKeyings from './PendingKeyings.tsx';
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

  const ballotHref = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('ballot', id);
    for (const k of ['household', 'sheet', 'list']) next.delete(k);
    return next;
  };
  const select = (id: string) => setParams(ballotHref(id), { replace: true });
  const pendingTotal = items.reduce((n, b) => n + b.pendingSecondKeying, 0);
  const showPending = can('ballots.enter_paper');
  const listTab = showPending && params.get('list') === 'pending' ? 'pending' : 'all';
  const setListTab = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === 'pending') next.set('list', 'pending');
    else next.delete('list');
    setParams(next, { replace: true });
  };

  const selected = items.find((b) => b.id === selectedId) ?? null;
  const columns: TableColumnsType<KnownBallot> = [
    {
      title: t('participation.ballots.columns.title'),
      key: 'title',
      // A link, so a ballot opens in a new tab or is sent to a colleague.
      render: (_, b) => (
        <Link to={`?${ballotHref(b.id).toString()}`} data-testid="ballot-link" onClick={(e) => e.stopPropagation()}>
          {b.title ?? t('participation.ballots.unknownTitle', { id: b.id.slice(0, 8) })}
        </Link>
      ),
    },
    {
      title: t('participation.ballots.columns.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (k: KnownBallot['kind']) => (k ? t(`participation.ballots.kinds.${k}`) : '—'),
    },
    {
      title: t('participation.officer.columns.turnout'),
      key: 'turnout',
      width: 150,
      render: (_, b) => (
        <span data-testid="ballot-row-turnout">
          {t('participation.officer.turnout', { counted: b.counted, eligible: b.eligible, rate: percent(b.counted, b.eligible) })}
        </span>
      ),
    },
    {
      title: t('participation.officer.columns.result'),
      key: 'result',
      width: 200,
      render: (_, b) => <BallotResult ballot={b} />,
    },
    {
      title: t('participation.ballots.columns.closesAt'),
      dataIndex: 'closesAt',
      width: 170,
      render: (v: string | undefined) => formatAt(v, i18n.language),
    },
    {
      title: t('participation.officer.columns.closedAt'),
      dataIndex: 'closedAt',
      width: 170,
      render: (v: string | null) => <span data-testid="ballot-row-closed-at">{formatAt(v, i18n.language)}</span>,
    },
    {
      title: t('participation.officer.columns.pending'),
      dataIndex: 'pendingSecondKeying',
      width: 110,
      render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : '—'),
    },
    { title: t('participation.ballots.columns.status'), key: 'status', width: 100, render: (_, b) => <BallotStatus id={b.id} /> },
  ];
  // Each row's status is fetched by its own cell; the sheet reads what those cells hold.
  const exportColumns = xlsxColumnsFrom(columns, {
    turnout: (b) => t('participation.officer.turnout', { counted: b.counted, eligible: b.eligible, rate: percent(b.counted, b.eligible) }),
    result: (b) => (b.result ? t(b.result.passed ? 'participation.officer.passed' : 'participation.officer.notPassed') : ''),
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
          {showPending && (
            <Tabs
              data-testid="ballot-list-tabs"
              activeKey={listTab}
              onChange={setListTab}
              items={[
                { key: 'all', label: t('participation.officer.tabs.all') },
                {
                  key: 'pending',
                  label: <span data-testid="ballot-tab-pending">{t('participation.officer.tabs.pending', { n: pendingTotal })}</span>,
                },
              ]}
            />
          )}
          {listTab === 'pending' && <PendingKeyings ballots={items} />}
          {listTab === 'all' && (
            <Table<KnownBallot>
              data-testid="ballot-list"
              rowKey="id"
              size="small"
              bordered
              pagination={false}
              dataSource={items}
              loading={list.isPending}
              scroll={{ x: 1200 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participation.ballots.none')} /> }}
              onRow={(row) => ({
                'data-testid': `ballot-row-${row.id}`,
                onClick: () => select(row.id),
                style: { cursor: 'pointer', background: row.id === selectedId ? 'rgba(22,119,255,0.06)' : undefined },
              })}
              columns={columns}
            />
          )}
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

/** Pass or fail by the rule the ballot was judged by, with the agree votes it needed (integers). */
function BallotResult({ ballot }: { ballot: KnownBallot }) {
  const { t } = useTranslation();
  const r = ballot.result;
  if (!r) return <Typography.Text type="secondary">{t('participation.officer.sealed')}</Typography.Text>;
  const needed = Math.floor((r.eligible * r.rule.numerator + r.rule.denominator - 1) / r.rule.denominator);
  return (
    <Space orientation="vertical" size={0} data-testid="ballot-row-result" data-passed={String(r.passed)}>
      <Tag color={r.passed ? 'green' : 'red'}>{t(r.passed ? 'participation.officer.passed' : 'participation.officer.notPassed')}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('participation.officer.resultDetail', { agree: r.agree, needed, numerator: r.rule.numerator, denominator: r.rule.denominator })}
      </Typography.Text>
    </Space>
  );
}
