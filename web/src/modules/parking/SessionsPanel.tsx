// The stays from the compound's barriers, newest first a page at a time: all, the cars inside now, or those ended. A closed
// stay shows its fee; an open one the fee so far; a payment is recorded against either while something is due.
import { useState } from 'react';
import { Button, Segmented, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { formatFen } from '../../app/money.ts';
import { cityTime } from '../../app/time.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { fetchSessions, parkingKeys, type Session, type SessionState } from './api.ts';
import PaymentModal from './PaymentModal.tsx';

const PAGE = 20;

export default function SessionsPanel({ compoundId }: { compoundId: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<SessionState>('all');
  const [paying, setPaying] = useState<Session | null>(null);
  const query = useInfiniteQuery({
    queryKey: parkingKeys.sessions(compoundId, state),
    queryFn: ({ pageParam }) => fetchSessions(compoundId, state, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const fee = (s: Session) => (s.feeFen !== null ? formatFen(s.feeFen) : t('parkingDesk.soFar', { fee: formatFen(s.quotedFen) }));

  const columns: ColumnsType<Session> = [
    {
      title: t('parkingDesk.columns.plate'),
      key: 'plate',
      width: 110,
      render: (_, s) => (
        <span data-testid="session-row" data-plate={s.plate}>
          {s.plate}
        </span>
      ),
    },
    { title: t('parkingDesk.columns.entered'), key: 'entered', width: 170, render: (_, s) => cityTime(s.enteredAt, i18n.language) },
    { title: t('parkingDesk.columns.exited'), key: 'exited', width: 170, render: (_, s) => cityTime(s.exitedAt, i18n.language) },
    {
      title: t('parkingDesk.columns.state'),
      key: 'state',
      width: 90,
      render: (_, s) => <Tag color={s.exitedAt ? 'default' : 'blue'}>{t(s.exitedAt ? 'parkingDesk.closed' : 'parkingDesk.open')}</Tag>,
    },
    {
      title: t('parkingDesk.columns.fee'),
      key: 'fee',
      width: 150,
      render: (_, s) => <span data-testid="session-fee">{fee(s)}</span>,
    },
    { title: t('parkingDesk.columns.paid'), key: 'paid', width: 100, render: (_, s) => formatFen(s.paidFen) },
    {
      title: t('parkingDesk.columns.due'),
      key: 'due',
      width: 100,
      render: (_, s) => <span data-testid="session-due">{formatFen(s.dueFen)}</span>,
    },
    {
      title: t('parkingDesk.columns.actions'),
      key: 'actions',
      width: 100,
      render: (_, s) =>
        s.dueFen > 0 ? (
          <Button size="small" onClick={() => setPaying(s)} data-testid="session-pay">
            {t('parkingDesk.recordPayment')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Segmented
        data-testid="sessions-filter"
        value={state}
        onChange={(v) => setState(v as SessionState)}
        options={[
          { value: 'all', label: t('parkingDesk.allSessions') },
          { value: 'open', label: t('parkingDesk.openSessions') },
          { value: 'closed', label: t('parkingDesk.closedSessions') },
        ]}
      />
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="sessions-table"
        emptyText={t(`parkingDesk.empty.${state}`)}
        scrollX={1000}
        exportName={t('parkingDesk.tabs.sessions')}
        exportColumns={xlsxColumnsFrom(columns, {
          plate: (s) => s.plate,
          state: (s) => t(s.exitedAt ? 'parkingDesk.closed' : 'parkingDesk.open'),
          fee: (s) => fee(s),
          due: (s) => formatFen(s.dueFen),
          actions: null,
        })}
      />
      <PaymentModal session={paying} onClose={() => setPaying(null)} />
    </Space>
  );
}
