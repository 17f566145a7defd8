// The chain's length explained beside the number of votes, each kind of history entry a link to what it counts
// (issue 16, item 6): the opening and the close to the ballot's notice, the votes, the keyings that differed and the
// reconciliations to the paper sheets behind them (listed below the line, kept in the URL as ?chain=), and sheets
// waiting for a second keying to their own tab. Online votes are counted, never listed one by one.
import { Fragment, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card, Empty, Table, Typography } from 'antd';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../accounts/index.ts';
import { fetchPaperSheets, participationKeys } from './api.ts';
import { formatAt } from './format.ts';
import type { ResponseOf } from '../../api/client.ts';
import type { PaperSheet, PaperSheetStatus } from './types.ts';

/** What the chain is made of, as the verification answers it. */
export type Composition = ResponseOf<'/api/v1/ballots/{id}/verification'>['composition'];

const LISTED = ['votes', 'mismatches', 'reconciles'] as const;
type Listed = (typeof LISTED)[number];
// The sheets whose history entries each kind counts: a reconciled sheet was first keyed differently, and counts.
const sheetsOf: Record<Listed, PaperSheetStatus[]> = {
  votes: ['counted', 'reconciled'],
  mismatches: ['mismatch', 'reconciled'],
  reconciles: ['reconciled'],
};

export default function ChainEntries({ ballotId, length, composition }: { ballotId: string; length: number; composition: Composition }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params] = useSearchParams();
  const mayList = can('ballots.enter_paper');
  const shown = LISTED.find((k) => k === params.get('chain')) ?? null;
  const listHref = (kind: Listed) => {
    const next = new URLSearchParams(params);
    next.set('ballot', ballotId);
    next.set('chain', kind);
    return `?${next.toString()}`;
  };
  const notice = `/ballots/${ballotId}/notice`;
  const entry = (kind: string, text: ReactNode, to: string | null) =>
    to ? (
      <Link to={to} data-testid={`chain-entry-${kind}`}>
        {text}
      </Link>
    ) : (
      <span data-testid={`chain-entry-${kind}`}>{text}</span>
    );
  const parts: ReactNode[] = [
    entry('open', t('participation.chainEntries.open', { n: composition.open }), notice),
    entry(
      'votes',
      t('participation.chainEntries.votes', {
        n: composition.votes,
        households: composition.households,
        changed: composition.votes - composition.households,
      }),
      mayList ? listHref('votes') : null,
    ),
    entry(
      'mismatches',
      t('participation.chainEntries.mismatches', { n: composition.paperMismatches }),
      mayList ? listHref('mismatches') : null,
    ),
    entry('reconciles', t('participation.chainEntries.reconciles', { n: composition.reconciles }), mayList ? listHref('reconciles') : null),
    entry('close', t('participation.chainEntries.close', { n: composition.close }), composition.close ? notice : null),
  ];
  return (
    <>
      <span data-testid="ballot-chain-composition">
        {t('participation.chainEntries.length', { length })}
        {parts.map((p, i) => (
          <Fragment key={i}>
            {i > 0 ? ' + ' : ''}
            {p}
          </Fragment>
        ))}
      </span>
      {shown && mayList && <ChainSheets ballotId={ballotId} kind={shown} />}
    </>
  );
}

function ChainSheets({ ballotId, kind }: { ballotId: string; kind: Listed }) {
  const { t, i18n } = useTranslation();
  const queries = useQueries({
    queries: sheetsOf[kind].map((status) => ({
      queryKey: participationKeys.paper(ballotId, status),
      queryFn: () => fetchPaperSheets(ballotId, status),
    })),
  });
  const rows: (PaperSheet & { status: PaperSheetStatus })[] = sheetsOf[kind].flatMap((status, i) =>
    (queries[i]?.data ?? []).map((s) => ({ ...s, status })),
  );
  return (
    <Card size="small" type="inner" title={t(`participation.chainEntries.listTitle.${kind}`)} data-testid="chain-sheets" data-kind={kind}>
      {kind === 'votes' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('participation.chainEntries.onlineNote')}
        </Typography.Paragraph>
      )}
      {rows.length === 0 && !queries.some((q) => q.isPending) ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participation.chainEntries.noSheets')} />
      ) : (
        <Table
          size="small"
          rowKey={(r) => `${r.householdId}/${r.sheetNo}`}
          dataSource={rows}
          pagination={false}
          loading={queries.some((q) => q.isPending)}
          onRow={() => ({ 'data-testid': 'chain-sheet' }) as never}
          columns={[
            {
              title: t('participation.officer.household'),
              key: 'household',
              render: (_, r) => `${r.compound} ${t('participation.coverage.room', { building: r.building, unit: r.unit, room: r.room })}`,
            },
            { title: t('participation.officer.sheetNo'), dataIndex: 'sheetNo', width: 140 },
            {
              title: t('participation.chainEntries.sheetStatus'),
              dataIndex: 'status',
              width: 140,
              render: (s: PaperSheetStatus) => t(`participation.chainEntries.statuses.${s}`),
            },
            {
              title: t('participation.chainEntries.keyedAt'),
              dataIndex: 'lastKeyedAt',
              width: 200,
              render: (v: string) => formatAt(v, i18n.language),
            },
          ]}
        />
      )}
    </Card>
  );
}
