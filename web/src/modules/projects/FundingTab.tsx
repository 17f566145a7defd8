// 资金: funding lines (save → 422 explains each broken rule), cost / funded / shortfall,
// the chart by source, the disbursement ledger and amendments.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Skeleton, Space, Statistic } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { fenToNumber, fenToYuanString, formatFen, parseYuanToFen } from '../../app/money.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchFunding, projectKeys, saveFunding } from './api.ts';
import FundingChart from './FundingChart.tsx';
import FundingLinesEditor, { newLineKey, type LineDraft } from './FundingLinesEditor.tsx';
import { useLiveCheck } from './fundingLive.ts';
import FundingViolations from './FundingViolations.tsx';
import type { Funding, FundingLine, Violation } from './fundingTypes.ts';
import type { Line } from '../../../../src/modules/funding/rules.ts';
import { AmendmentsCard, DisbursementsCard } from './LedgerCards.tsx';
import type { ProjectDetail } from './types.ts';

const toDrafts = (f: Funding): LineDraft[] =>
  f.lines.map((l) => ({ key: newLineKey(), source: l.source, channel: l.channel ?? null, amount: fenToYuanString(l.amountFen) }));

function toLines(drafts: LineDraft[]): FundingLine[] | null {
  const out: FundingLine[] = [];
  for (const d of drafts) {
    const fen = parseYuanToFen(d.amount);
    if (!d.source || fen === null) return null;
    out.push(
      d.source === 'resident'
        ? { source: 'resident', channel: d.channel, amountFen: fenToNumber(fen) }
        : { source: d.source as FundingLine['source'], amountFen: fenToNumber(fen) },
    );
  }
  return out;
}

// Before the plan loads there is nothing to check; a basis of zeros keeps the hook's call unconditional.
const emptyBasis: Funding['check']['basis'] = {
  costFen: 0,
  floorAreaM2: '0',
  subsidyCap: { key: 'funding.subsidy_cap_per_m2', version: '', value: 0, unit: null, source: '', name: '', valueText: '' },
  residentShare: {
    key: 'funding.resident_share_max',
    version: '',
    value: { numerator: 0, denominator: 1 },
    unit: null,
    source: '',
    name: '',
    valueText: '',
  },
};

/** The saved funding with its lines and planned amounts replaced by the edited ones, for the chart. */
function chartedDrafts(funding: Funding, lines: Line[]): Funding {
  const planned = new Map<string, bigint>();
  for (const l of lines) planned.set(l.source, (planned.get(l.source) ?? 0n) + l.amountFen);
  const sources = new Set([...funding.bySource.map((s) => s.source), ...planned.keys()]);
  return {
    ...funding,
    lines: lines.map((l) => ({
      source: l.source as FundingLine['source'],
      channel: l.channel || null,
      amountFen: fenToNumber(l.amountFen),
    })),
    bySource: [...sources].map((source) => {
      const saved = funding.bySource.find((s) => s.source === source);
      return {
        source: source as FundingLine['source'],
        plannedFen: fenToNumber(planned.get(source) ?? 0n),
        amendedFen: saved?.amendedFen ?? 0,
        disbursedFen: saved?.disbursedFen ?? 0,
      };
    }),
  };
}

export default function FundingTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const query = useQuery({ queryKey: projectKeys.funding(project.id), queryFn: () => fetchFunding(project.id) });
  const [drafts, setDrafts] = useState<LineDraft[]>([]);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (query.data && !dirty) setDrafts(toDrafts(query.data));
  }, [query.data]);

  const save = useMutation({
    mutationFn: (lines: FundingLine[]) => saveFunding(project.id, lines),
    onSuccess: (next) => {
      client.setQueryData(projectKeys.funding(project.id), next);
      setDirty(false);
      setDrafts(toDrafts(next));
      void message.success(t('funding.saved'));
    },
  });
  const live = useLiveCheck(query.data?.check.basis ?? emptyBasis, drafts);
  const problem = save.error instanceof ApiError && save.error.status === 422 ? save.error.problem : null;
  const rejected: Violation[] = (problem?.violations as Violation[] | undefined) ?? [];
  // Reasons the server gives beyond the rule violations (e.g. lines above the plan's cost).
  const ruleCodes = new Set(rejected.map((v) => v.code));
  const otherReasons = (problem?.errors ?? []).filter((e) => !e.code || !ruleCodes.has(e.code)).map((e) => e.message);

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />;

  const funding = query.data;
  const check = funding.check;
  // Totals and the chart follow the table as it is edited; saved, the same check gives the same figures.
  const figures = { cost: live.check.costFen, funded: live.check.fundedFen, shortfall: live.check.shortfallFen };
  const charted = dirty ? chartedDrafts(funding, live.lines) : funding;
  const canWrite = can('projects.write');
  const lines = toLines(drafts);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="funding-tab">
      <Row gutter={[12, 12]}>
        {[
          ['cost', figures.cost],
          ['funded', figures.funded],
          ['shortfall', figures.shortfall],
        ].map(([key, fen]) => (
          <Col xs={24} md={8} key={String(key)}>
            <Card size="small">
              <Statistic
                title={t(`funding.${String(key)}`)}
                valueRender={() => (
                  <span data-testid={`funding-${String(key)}`} data-fen={String(fen)} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatFen(fen as bigint)}
                  </span>
                )}
                valueStyle={key === 'shortfall' && Number(fen) > 0 ? { color: '#cf1322' } : undefined}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('funding.lines')}
            extra={
              canWrite && (
                <Button
                  type="primary"
                  data-testid="funding-save"
                  loading={save.isPending}
                  disabled={!dirty || lines === null}
                  onClick={() => lines && save.mutate(lines)}
                >
                  {t('funding.save')}
                </Button>
              )
            }
          >
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <FundingLinesEditor
                lines={drafts}
                editable={canWrite}
                onChange={(next) => {
                  setDrafts(next);
                  setDirty(true);
                }}
                rowErrors={canWrite ? live.rowErrors : undefined}
                planErrors={canWrite && dirty ? live.planErrors : []}
              />
              {rejected.length > 0 && <FundingViolations violations={rejected} title={t('funding.rejected')} />}
              {save.isError && (rejected.length === 0 || otherReasons.length > 0) && (
                <Alert
                  type="error"
                  showIcon
                  data-testid="funding-error"
                  title={rejected.length === 0 ? errorMessage(save.error) : t('funding.otherReasons')}
                  description={otherReasons.length > 0 ? otherReasons.join('；') : undefined}
                />
              )}
              {!save.isError && !dirty && <FundingViolations violations={check.violations} title={t('funding.currentViolations')} />}
              {check.rulesUsed.length > 0 && (
                <Alert
                  type="info"
                  data-testid="funding-rules"
                  title={t('funding.rulesUsed')}
                  description={check.rulesUsed
                    .map((r) => `${r.name ?? r.key}（${t('funding.version')} ${r.version}）：${r.source}`)
                    .join('；')}
                />
              )}
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('funding.chart.title')}>
            <FundingChart funding={charted} />
          </Card>
        </Col>
      </Row>
      <DisbursementsCard projectId={project.id} canWrite={can('funding.disburse')} rows={funding.disbursements} />
      <AmendmentsCard projectId={project.id} canWrite={can('funding.disburse')} rows={funding.amendments} />
    </Space>
  );
}
