// The year plan table: one row per district, projects by stage, plan total, funds by source,
// outcomes; a total row below (money added with BigInt, areas as exact decimals).
import { Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { formatDecimal, formatFen, formatFenBig, hundredthsToString, parseHundredths, sumFen } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { OUTCOME_AREAS, OUTCOME_FIELDS, useStages, type OutcomeFigures } from '../projects/index.ts';
import type { DistrictRow } from './useYearPlan.ts';

interface Props {
  rows: DistrictRow[];
  sources: string[];
  outcomesTotal: (OutcomeFigures & { projectCount: number }) | null;
}

const isArea = (f: string) => (OUTCOME_AREAS as readonly string[]).includes(f);
const num = { textAlign: 'right' as const, fontVariantNumeric: 'tabular-nums' as const };

export default function YearPlanTable({ rows, sources, outcomesTotal }: Props) {
  const { t, i18n } = useTranslation();
  const { stages, name } = useStages();
  const lang = i18n.language;
  const money = (fen: bigint | null) => (
    <span data-fen={fen === null ? '' : String(fen)} title={fen === null ? undefined : String(fen)}>
      {formatFenBig(fen, lang)}
    </span>
  );
  const outcome = (o: OutcomeFigures | null, f: (typeof OUTCOME_FIELDS)[number]) =>
    o === null ? '—' : isArea(f) ? formatDecimal(String(o[f])) : String(o[f]);

  const columns: TableColumnsType<DistrictRow> = [
    { title: t('yearPlan.columns.district'), dataIndex: 'name', fixed: 'left', width: 110 },
    { title: t('yearPlan.columns.projects'), dataIndex: 'projects', width: 80, align: 'right' },
    {
      title: t('yearPlan.columns.byStage'),
      children: stages.map((s) => ({
        title: <span style={{ fontSize: 12 }}>{name(s.stage)}</span>,
        key: `stage-${s.stage}`,
        width: 64,
        align: 'right' as const,
        render: (_: unknown, r: DistrictRow) => r.byStage[s.stage] ?? <Typography.Text type="secondary">0</Typography.Text>,
      })),
    },
    { title: t('yearPlan.columns.planTotal'), key: 'plan', width: 130, align: 'right', render: (_, r) => money(r.planTotalFen) },
    {
      title: t('yearPlan.columns.funds'),
      children: [
        {
          title: t('yearPlan.columns.fundsTotal'),
          key: 'funds',
          width: 120,
          align: 'right' as const,
          render: (_: unknown, r: DistrictRow) => money(r.fundsFen),
        },
        ...sources.map((s) => ({
          title: <span style={{ fontSize: 12 }}>{t(`funding.sources.${s}`, { defaultValue: s })}</span>,
          key: `src-${s}`,
          width: 110,
          align: 'right' as const,
          render: (_: unknown, r: DistrictRow) => money(r.bySource[s] ?? 0n),
        })),
      ],
    },
    {
      title: t('yearPlan.columns.outcomes'),
      children: OUTCOME_FIELDS.map((f) => ({
        title: <span style={{ fontSize: 12 }}>{t(`outcomes.fields.${f}`)}</span>,
        key: `o-${f}`,
        width: 110,
        align: 'right' as const,
        render: (_: unknown, r: DistrictRow) => outcome(r.outcomes, f),
      })),
    },
  ];

  const total = {
    projects: rows.reduce((a, r) => a + r.projects, 0),
    plan: rows.some((r) => r.planTotalFen !== null) ? sumFen(rows.map((r) => r.planTotalFen ?? 0n)) : null,
    funds: sumFen(rows.map((r) => r.fundsFen)),
    stage: (s: string) => rows.reduce((a, r) => a + (r.byStage[s] ?? 0), 0),
    source: (s: string) => sumFen(rows.map((r) => r.bySource[s] ?? 0n)),
  };
  // The outcome totals come from the server; areas re-checked as exact decimals for display.
  const outcomeTotal = (f: (typeof OUTCOME_FIELDS)[number]) =>
    outcomesTotal
      ? isArea(f)
        ? formatDecimal(hundredthsToString(parseHundredths(String(outcomesTotal[f])) ?? 0n))
        : String(outcomesTotal[f])
      : '—';
  const cells = [
    total.projects,
    ...stages.map((s) => total.stage(s.stage)),
    money(total.plan),
    money(total.funds),
    ...sources.map((s) => money(total.source(s))),
    ...OUTCOME_FIELDS.map(outcomeTotal),
  ];

  // The sheet: exact yuan rather than 万元, counts as numbers, and the total row as a last row.
  const exportColumns = xlsxColumnsFrom(columns, {
    plan: (r) => formatFen(r.planTotalFen),
    funds: (r) => formatFen(r.fundsFen),
    ...Object.fromEntries(stages.map((s) => [`stage-${s.stage}`, (r: DistrictRow) => r.byStage[s.stage] ?? 0])),
    ...Object.fromEntries(sources.map((s) => [`src-${s}`, (r: DistrictRow) => formatFen(r.bySource[s] ?? 0n)])),
    ...Object.fromEntries(
      OUTCOME_FIELDS.map((f) => [
        `o-${f}`,
        (r: DistrictRow) => (r.outcomes === null || isArea(f) ? outcome(r.outcomes, f) : r.outcomes[f]),
      ]),
    ),
  });
  const totalRow: DistrictRow = {
    code: '',
    name: t('yearPlan.total'),
    projects: total.projects,
    byStage: Object.fromEntries(stages.map((s) => [s.stage, total.stage(s.stage)])),
    planTotalFen: total.plan,
    fundsFen: total.funds,
    bySource: Object.fromEntries(sources.map((s) => [s, total.source(s)])),
    outcomes: outcomesTotal,
  };

  return (
    <Flex vertical gap={8}>
      <Flex justify="end">
        <ExportXlsxButton<DistrictRow> fileName={t('yearPlan.title')} columns={exportColumns} rows={[...rows, totalRow]} />
      </Flex>
      <Table<DistrictRow>
        size="small"
        bordered
        rowKey="code"
        pagination={false}
        dataSource={rows}
        columns={columns}
        scroll={{ x: 'max-content' }}
        data-testid="year-plan-table"
        onRow={(r) => ({ 'data-testid': 'year-plan-row', 'data-code': r.code }) as object}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row data-testid="year-plan-total">
              <Table.Summary.Cell index={0}>
                <strong>{t('yearPlan.total')}</strong>
              </Table.Summary.Cell>
              {cells.map((c, i) => (
                <Table.Summary.Cell index={i + 1} key={i}>
                  <div style={num}>
                    <strong>{c}</strong>
                  </div>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
    </Flex>
  );
}
