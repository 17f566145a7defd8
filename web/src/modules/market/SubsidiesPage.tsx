// 物业服务补助 (/property-subsidies): a month's eligible compounds with their caps, where the subdistrict applies
// (at most the cap, exact to the fen); the applications, which the district approves or rejects and finance pays
// (into the funding ledger); and the year's totals by district and month.
import { useState } from 'react';
import { App, Button, Card, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { errorMessage } from '../../app/api.ts';
import { formatFen, parseYuanToFen } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchDivisions } from '../registry/index.ts';
import {
  applySubsidy,
  approveSubsidy,
  disburseSubsidy,
  fetchEligible,
  fetchSubsidies,
  fetchTotals,
  marketKeys,
  rejectSubsidy,
  subsidyStatuses,
  thisMonth,
  today,
  type EligibleCompound,
  type Subsidy,
  type SubsidyStatus,
} from './api.ts';

const PAGE = 50;
const statusColor: Record<SubsidyStatus, string> = { applied: 'gold', approved: 'blue', rejected: 'default', disbursed: 'green' };

/** This month, the eleven before it and the next one (to see next month's caps under a rule published ahead). */
function monthOptions(): string[] {
  const [y, m] = thisMonth().split('-').map(Number) as [number, number];
  return Array.from({ length: 13 }, (_, i) => {
    const k = y * 12 + (m - 1) + 1 - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

function ApplyCell({ row, month, onDone }: { row: EligibleCompound; month: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [yuan, setYuan] = useState<string>(() => (row.capFen / 100).toFixed(2));
  const apply = useMutation({
    mutationFn: () => applySubsidy(row.compoundId, month, Number(parseYuanToFen(yuan))),
    onSuccess: () => {
      void message.success(t('market.subsidies.applied'));
      onDone();
    },
  });
  const fen = parseYuanToFen(yuan);
  return (
    <Space orientation="vertical" size={4}>
      <Space>
        <InputNumber<string>
          stringMode
          min="0.01"
          step="0.01"
          precision={2}
          value={yuan}
          onChange={(v) => setYuan(v ?? '')}
          addonAfter={t('market.yuan')}
          data-testid="subsidy-amount"
          style={{ width: 180 }}
        />
        <Button
          type="primary"
          size="small"
          disabled={fen === null || fen <= 0n}
          loading={apply.isPending}
          onClick={() => apply.mutate()}
          data-testid="subsidy-apply"
        >
          {t('market.subsidies.apply')}
        </Button>
      </Space>
      {apply.isError && <ProblemAlert title={t('market.subsidies.applyFailed')} error={apply.error} testId="subsidy-apply-problem" />}
    </Space>
  );
}

export default function SubsidiesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const [month, setMonth] = useState(thisMonth());
  const [status, setStatus] = useState<SubsidyStatus | undefined>();
  const year = Number(month.slice(0, 4));
  const refresh = () => void client.invalidateQueries({ queryKey: marketKeys.subsidies });

  const eligible = useQuery({ queryKey: marketKeys.eligible(month), queryFn: () => fetchEligible(month) });
  const list = useInfiniteQuery({
    queryKey: marketKeys.list(month, status),
    queryFn: ({ pageParam }) => fetchSubsidies(month, status, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const totals = useQuery({ queryKey: marketKeys.totals(year), queryFn: () => fetchTotals(year) });
  const applied = new Set((list.data?.pages.flatMap((p) => p.items) ?? []).map((s) => s.compoundId));

  const act = useMutation({
    mutationFn: async ({ s, action, reason }: { s: Subsidy; action: 'approve' | 'reject' | 'disburse'; reason?: string }) => {
      if (action === 'approve') return approveSubsidy(s.compoundId, s.month);
      if (action === 'reject') return rejectSubsidy(s.compoundId, s.month, reason ?? '');
      return disburseSubsidy(s.compoundId, s.month, {
        paidOn: today(),
        documentRef: t('market.subsidies.documentRef', { month: s.month }),
      });
    },
    onSuccess: () => {
      void message.success(t('market.subsidies.done'));
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});

  const eligibleColumns: ColumnsType<EligibleCompound> = [
    {
      title: t('market.subsidies.compound'),
      key: 'name',
      render: (_, c) => (
        <span data-testid="eligible-row" data-id={c.compoundId}>
          {c.compoundName}
        </span>
      ),
    },
    { title: t('market.subsidies.company'), key: 'company', render: (_, c) => c.propertyCompany },
    { title: t('market.subsidies.floorArea'), key: 'area', align: 'right', render: (_, c) => `${c.floorAreaM2} m²` },
    {
      title: t('market.subsidies.cap'),
      key: 'cap',
      align: 'right',
      render: (_, c) => <span data-testid="eligible-cap">{formatFen(c.capFen)}</span>,
    },
    ...(can('subsidies.apply') && month <= thisMonth()
      ? [
          {
            title: t('market.subsidies.apply'),
            key: 'apply',
            render: (_: unknown, c: EligibleCompound) =>
              applied.has(c.compoundId) ? (
                <Tag>{t('market.subsidies.alreadyApplied')}</Tag>
              ) : (
                <ApplyCell row={c} month={month} onDone={refresh} />
              ),
          },
        ]
      : []),
  ];

  const columns: ColumnsType<Subsidy> = [
    {
      title: t('market.subsidies.compound'),
      key: 'name',
      render: (_, s) => (
        <span data-testid="subsidy-row" data-id={s.compoundId}>
          {s.compoundName}
        </span>
      ),
    },
    { title: t('market.subsidies.month'), key: 'month', width: 100, render: (_, s) => s.month },
    { title: t('market.subsidies.amount'), key: 'amount', align: 'right', render: (_, s) => formatFen(s.amountFen) },
    { title: t('market.subsidies.cap'), key: 'cap', align: 'right', render: (_, s) => formatFen(s.capFen) },
    {
      title: t('market.subsidies.status'),
      key: 'status',
      width: 100,
      render: (_, s) => (
        <Tag color={statusColor[s.status]} data-testid="subsidy-status">
          {t(`market.subsidies.statuses.${s.status}`)}
        </Tag>
      ),
    },
    { title: t('market.subsidies.note'), key: 'note', render: (_, s) => s.decisionNote ?? '—' },
    {
      title: t('market.subsidies.actions'),
      key: 'actions',
      render: (_, s) => (
        <Space wrap>
          {s.status === 'applied' && can('subsidies.approve') && (
            <>
              <Button size="small" type="primary" onClick={() => act.mutate({ s, action: 'approve' })} data-testid="subsidy-approve">
                {t('market.subsidies.approve')}
              </Button>
              <Input
                size="small"
                style={{ width: 140 }}
                placeholder={t('market.subsidies.reason')}
                value={reasons[s.id] ?? ''}
                onChange={(e) => setReasons((r) => ({ ...r, [s.id]: e.target.value }))}
              />
              <Button
                size="small"
                danger
                disabled={!reasons[s.id]?.trim()}
                onClick={() => act.mutate({ s, action: 'reject', reason: reasons[s.id] })}
              >
                {t('market.subsidies.reject')}
              </Button>
            </>
          )}
          {s.status === 'approved' && can('funding.disburse') && (
            <Popconfirm
              title={t('market.subsidies.disburseConfirm', { amount: formatFen(s.amountFen) })}
              onConfirm={() => act.mutate({ s, action: 'disburse' })}
            >
              <Button size="small" type="primary" data-testid="subsidy-disburse">
                {t('market.subsidies.disburse')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  const totalRows = totals.data?.items.filter((i) => i.month === month) ?? [];
  // Districts by name: the city's districts the account may see (a code stands in for one it may not).
  const city = totalRows[0] ? `${totalRows[0].districtCode.slice(0, 4)}00` : null;
  const districts = useQuery({
    queryKey: ['property-subsidies', 'districts', city],
    queryFn: () => fetchDivisions(city).catch(() => []),
    enabled: !!city,
    staleTime: 10 * 60_000,
  });
  const districtName = (code: string) => districts.data?.find((d) => d.code === code)?.name ?? code;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="subsidies-page">
      <Card
        title={t('market.subsidies.title')}
        extra={
          <Select
            data-testid="subsidy-month"
            style={{ width: 140 }}
            value={month}
            onChange={setMonth}
            options={monthOptions().map((m) => ({ value: m, label: m }))}
          />
        }
      >
        <Typography.Paragraph type="secondary">
          {eligible.data ? t('market.subsidies.hint', { version: eligible.data.rule.version }) : t('market.subsidies.hintShort')}
        </Typography.Paragraph>
        {eligible.isError && <ProblemAlert title={t('market.subsidies.loadFailed')} error={eligible.error} />}
        <Table
          rowKey="compoundId"
          size="small"
          loading={eligible.isLoading}
          dataSource={eligible.data?.items ?? []}
          columns={eligibleColumns}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('market.subsidies.noneEligible') }}
          data-testid="eligible-table"
        />
      </Card>
      <Card
        title={t('market.subsidies.applications')}
        extra={
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('market.subsidies.allStatuses')}
            value={status}
            onChange={setStatus}
            options={subsidyStatuses.map((s) => ({ value: s, label: t(`market.subsidies.statuses.${s}`) }))}
          />
        }
      >
        <CursorTable
          query={list}
          rows={list.data?.pages.flatMap((p) => p.items) ?? []}
          columns={columns}
          testId="subsidy-table"
          scrollX={1000}
          emptyText={t('market.subsidies.noApplications')}
          exportName={t('market.subsidies.applications')}
          exportColumns={xlsxColumnsFrom(columns, { actions: null })}
        />
      </Card>
      <Card title={t('market.subsidies.totals', { month })}>
        <Table
          rowKey="districtCode"
          size="small"
          dataSource={totalRows}
          pagination={false}
          locale={{ emptyText: t('market.subsidies.noApplications') }}
          columns={[
            { title: t('market.subsidies.district'), key: 'd', render: (_, r) => districtName(r.districtCode) },
            { title: t('market.subsidies.compounds'), key: 'n', align: 'right', render: (_, r) => r.compounds },
            { title: t('market.subsidies.appliedFen'), key: 'a', align: 'right', render: (_, r) => formatFen(r.appliedFen) },
            { title: t('market.subsidies.approvedFen'), key: 'p', align: 'right', render: (_, r) => formatFen(r.approvedFen) },
            { title: t('market.subsidies.disbursedFen'), key: 'x', align: 'right', render: (_, r) => formatFen(r.disbursedFen) },
          ]}
        />
      </Card>
    </Space>
  );
}
