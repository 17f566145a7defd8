// 待二次录入: the project's paper sheets keyed once, each with a link that opens its ballot's paper form
// with that household and sheet number filled in, for a second worker to key from the paper.
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Table, Typography, type TableColumnsType } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchPaperSheets, participationKeys } from './api.ts';
import { formatAt } from './format.ts';
import type { KnownBallot, PaperSheet } from './types.ts';

interface Row extends PaperSheet {
  ballotId: string;
  ballotTitle: string;
}

/** The link to key a sheet: its ballot opened, the form filled with the household and the sheet number. */
export function useKeyingLink() {
  const [params] = useSearchParams();
  return (ballotId: string, householdId: string, sheetNo: string) => {
    const next = new URLSearchParams(params);
    next.set('ballot', ballotId);
    next.set('household', householdId);
    next.set('sheet', sheetNo);
    next.delete('list');
    return `?${next.toString()}`;
  };
}

export default function PendingKeyings({ ballots }: { ballots: KnownBallot[] }) {
  const { t, i18n } = useTranslation();
  const link = useKeyingLink();
  const waiting = ballots.filter((b) => b.status === 'open' && b.pendingSecondKeying > 0);
  const queries = useQueries({
    queries: waiting.map((b) => ({
      queryKey: participationKeys.paper(b.id, 'pending_second_keying'),
      queryFn: () => fetchPaperSheets(b.id, 'pending_second_keying'),
    })),
  });
  const rows: Row[] = waiting.flatMap((b, i) => (queries[i]?.data ?? []).map((s) => ({ ...s, ballotId: b.id, ballotTitle: b.title })));
  const columns: TableColumnsType<Row> = [
    { title: t('participation.officer.ballot'), dataIndex: 'ballotTitle' },
    {
      title: t('participation.officer.household'),
      key: 'household',
      render: (_, r) => `${r.compound} ${t('participation.coverage.room', { building: r.building, unit: r.unit, room: r.room })}`,
    },
    { title: t('participation.officer.sheetNo'), dataIndex: 'sheetNo', width: 140 },
    {
      title: t('participation.officer.firstKeyedAt'),
      dataIndex: 'lastKeyedAt',
      width: 200,
      render: (v: string) => formatAt(v, i18n.language),
    },
    {
      key: 'key',
      width: 110,
      render: (_, r) => (
        <Link to={link(r.ballotId, r.householdId, r.sheetNo)} data-testid="pending-key-link">
          <Button size="small" type="primary">
            {t('participation.officer.keySecond')}
          </Button>
        </Link>
      ),
    },
  ];
  return (
    <>
      <Typography.Paragraph type="secondary">{t('participation.officer.pendingHint')}</Typography.Paragraph>
      {queries.some((q) => q.isError) && <Alert type="error" showIcon title={t('common.error')} />}
      <Table<Row>
        data-testid="pending-keyings"
        rowKey={(r) => `${r.ballotId}/${r.householdId}/${r.sheetNo}`}
        size="small"
        bordered
        pagination={false}
        loading={queries.some((q) => q.isPending)}
        dataSource={rows}
        columns={columns}
        onRow={() => ({ 'data-testid': 'pending-keying' }) as object}
        locale={{ emptyText: t('participation.officer.pendingNone') }}
      />
    </>
  );
}
