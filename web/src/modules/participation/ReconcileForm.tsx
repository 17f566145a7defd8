// 纸质选票核对 (ballots.manage): a sheet whose two keyings differ does not count until an officer
// reads its scan and records the choice on it (one of the two keyed). The mismatched sheets come
// from GET /ballots/{id}/paper?status=mismatch (never the choices keyed); each is reconciled in its row.
import { useState } from 'react';
import { Alert, Button, Card, Radio, Space, Table, Typography, type TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import type { ProjectDetail } from '../projects/index.ts';
import { fetchHouseholds } from '../registry/index.ts';
import { fetchPaperSheets, participationKeys, reconcilePaper } from './api.ts';
import { formatAt } from './format.ts';
import { VOTE_CHOICES, type PaperSheet, type ReconcileInput, type VoteAnswer, type VoteChoice } from './types.ts';

const sheetKey = (s: { householdId: string; sheetNo: string }) => `${s.householdId}/${s.sheetNo}`;

export default function ReconcileForm({ project, ballotId }: { project: ProjectDetail; ballotId: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [choices, setChoices] = useState<Record<string, VoteChoice>>({});
  const [done, setDone] = useState<(VoteAnswer & { sheetNo: string }) | null>(null);
  const listKey = participationKeys.paper(ballotId, 'mismatch');
  const sheets = useQuery({ queryKey: listKey, queryFn: () => fetchPaperSheets(ballotId, 'mismatch') });
  const items = sheets.data ?? [];
  // Household labels: the project's compounds' households, loaded only once there is something to reconcile.
  const households = useQueries({
    queries: project.compounds.map((c) => ({
      queryKey: ['participation', 'households', c.id, null],
      queryFn: () => fetchHouseholds(c.id, 500, null),
      enabled: items.length > 0,
      staleTime: 60_000,
    })),
  });
  const labelOf = (householdId: string) => {
    for (const q of households) {
      const h = q.data?.items.find((x) => x.id === householdId);
      if (h) return t('participation.coverage.room', { building: h.building, unit: h.unit, room: h.room });
    }
    return householdId.slice(0, 8);
  };

  const save = useMutation({
    mutationFn: (body: ReconcileInput) => reconcilePaper(ballotId, body),
    onSuccess: (res, body) => {
      setDone({ ...res, sheetNo: body.sheetNo });
      setChoices(({ [sheetKey(body)]: _, ...rest }) => rest);
      client.setQueryData<PaperSheet[]>(listKey, (old = []) => old.filter((s) => sheetKey(s) !== sheetKey(body)));
      void client.invalidateQueries({ queryKey: listKey });
      void client.invalidateQueries({ queryKey: participationKeys.tally(ballotId) });
    },
  });

  const columns: TableColumnsType<PaperSheet> = [
    { title: t('participation.reconcile.household'), key: 'household', render: (_, s) => labelOf(s.householdId) },
    { title: t('participation.reconcile.sheetNo'), dataIndex: 'sheetNo', width: 120 },
    {
      title: t('participation.reconcile.scanRefs'),
      key: 'scans',
      width: 150,
      render: (_, s) => (s.scanRefs.length ? s.scanRefs.join('、') : '—'),
    },
    { title: t('participation.reconcile.keyings'), dataIndex: 'keyings', width: 80 },
    {
      title: t('participation.reconcile.lastKeyedAt'),
      key: 'at',
      width: 160,
      render: (_, s) => formatAt(s.lastKeyedAt, i18n.language),
    },
    {
      title: t('participation.reconcile.choice'),
      key: 'choice',
      width: 300,
      render: (_, s) => {
        const key = sheetKey(s);
        return (
          <Space wrap size={8}>
            <Radio.Group
              size="small"
              optionType="button"
              buttonStyle="solid"
              value={choices[key]}
              onChange={(e) => setChoices((c) => ({ ...c, [key]: e.target.value as VoteChoice }))}
            >
              {VOTE_CHOICES.map((c) => (
                <Radio.Button key={c} value={c} data-testid={`reconcile-choice-${c}`}>
                  {t(`participation.paperVote.choices.${c}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
            <Button
              size="small"
              type="primary"
              disabled={!choices[key]}
              loading={save.isPending && save.variables && sheetKey(save.variables) === key}
              onClick={() => {
                setDone(null);
                save.mutate({ householdId: s.householdId, sheetNo: s.sheetNo, choice: choices[key]! });
              }}
              data-testid="reconcile-submit"
            >
              {t('participation.reconcile.submit')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      size="small"
      title={t('participation.reconcile.title')}
      data-testid="reconcile"
      data-count={sheets.data ? String(items.length) : ''}
      extra={
        <Space>
          <ExportXlsxButton<PaperSheet>
            fileName={t('participation.reconcile.list')}
            testId="reconcile-export"
            // The choice column is the officer's input, not data.
            columns={xlsxColumnsFrom(columns, { choice: null })}
            rows={items}
          />
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={sheets.isFetching}
            onClick={() => void sheets.refetch()}
            data-testid="reconcile-refresh"
          >
            {t('participation.reconcile.refresh')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('participation.reconcile.hint')}</Typography.Paragraph>
      {sheets.isError && (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert title={t('common.error')} error={sheets.error} testId="reconcile-list-problem" />
        </div>
      )}
      {save.isError && (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert
            title={t('participation.reconcile.failed')}
            error={save.error}
            testId="reconcile-problem"
            onClose={() => save.reset()}
          />
        </div>
      )}
      {done && (
        <Alert
          style={{ marginBottom: 12 }}
          type="success"
          showIcon
          closable={{ onClose: () => setDone(null) }}
          data-testid="reconcile-done"
          data-status={done.status}
          title={`${t('participation.reconcile.done')}（${done.sheetNo}）`}
          description={done.receipt ? t('participation.paperVote.receipt', { receipt: done.receipt }) : undefined}
        />
      )}
      <Table<PaperSheet>
        data-testid="reconcile-list"
        size="small"
        bordered
        pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
        rowKey={sheetKey}
        loading={sheets.isPending}
        dataSource={items}
        title={() => t('participation.reconcile.list')}
        locale={{ emptyText: t('participation.reconcile.none') }}
        scroll={{ x: 860 }}
        onRow={(s) => ({ 'data-testid': 'reconcile-row', 'data-sheet': s.sheetNo, 'data-household': s.householdId }) as object}
        columns={columns}
      />
    </Card>
  );
}
