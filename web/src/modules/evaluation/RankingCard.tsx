// The ranking of a selection's cases: the exact mean total overall and per juror kind (ties go to
// the earlier nomination), awarding the top N (evaluation.manage), and the awards made.
import { Link } from 'react-router';
import { Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { fenToNumber, formatFen, parseYuanToFen } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { awardSelection, evaluationKeys, fetchRanking } from './api.ts';
import { JUROR_KINDS, type Award, type Mean, type RankingItem, type SelectionDetail } from './types.ts';

interface Props {
  selection: SelectionDetail;
  district: (code: string | null) => string;
  projectName: (projectId: string) => string;
}

const meanText = (m: Mean | undefined) => (m?.mean ? `${m.mean}（${m.count}）` : '—');

export default function RankingCard({ selection: s, district, projectName }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const ranking = useQuery({ queryKey: evaluationKeys.ranking(s.id), queryFn: () => fetchRanking(s.id) });
  const [form] = Form.useForm<{ top: number; amount: string }>();
  const award = useMutation({
    mutationFn: (v: { top: number; amount: string }) => awardSelection(s.id, v.top, fenToNumber(parseYuanToFen(v.amount)!)),
    onSuccess: (next) => {
      client.setQueryData(evaluationKeys.selection(s.id), next);
      void client.invalidateQueries({ queryKey: evaluationKeys.selections });
    },
  });

  const columns: ColumnsType<RankingItem> = [
    { title: t('evaluation.assessment.rank'), key: 'rank', width: 70, align: 'center', render: (_, r) => r.rank },
    {
      title: t('evaluation.exemplary.project'),
      key: 'project',
      render: (_, r) => (
        <Link to={`/projects/${r.projectId}`} data-testid="ranking-row" data-rank={r.rank}>
          {projectName(r.projectId)}
        </Link>
      ),
    },
    { title: t('evaluation.exemplary.district'), key: 'district', width: 120, render: (_, r) => district(r.districtCode) },
    {
      title: t('evaluation.exemplary.overall'),
      key: 'overall',
      width: 130,
      align: 'right',
      render: (_, r) => <strong>{meanText(r.overall)}</strong>,
    },
    ...JUROR_KINDS.map((k) => ({
      title: t(`evaluation.jurorKinds.${k}`),
      key: k,
      width: 120,
      align: 'right' as const,
      render: (_: unknown, r: RankingItem) => meanText(r.byKind[k]),
    })),
  ];
  const awardColumns: ColumnsType<Award> = [
    { title: t('evaluation.assessment.rank'), key: 'rank', width: 70, render: (_, a) => a.rank },
    {
      title: t('evaluation.exemplary.project'),
      key: 'project',
      render: (_, a) => <Link to={`/projects/${a.projectId}`}>{projectName(a.projectId)}</Link>,
    },
    { title: t('evaluation.exemplary.amount'), key: 'amount', width: 160, align: 'right', render: (_, a) => formatFen(a.amountFen) },
    { title: t('evaluation.exemplary.awardedAt'), key: 'at', width: 180, render: (_, a) => formatAt(a.awardedAt, i18n.language) },
  ];

  return (
    <Card
      size="small"
      title={t('evaluation.exemplary.ranking', { max: s.maxTotal })}
      extra={
        <ExportXlsxButton
          fileName={`${s.title} ${t('evaluation.exemplary.rankingShort')}`}
          columns={xlsxColumnsFrom(columns)}
          rows={ranking.data?.items ?? []}
          testId="ranking-export"
        />
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('evaluation.exemplary.rankingHint')}</Typography.Text>
        {ranking.isError ? (
          <ProblemAlert title={t('common.error')} error={ranking.error} testId="ranking-error" />
        ) : (
          <Table<RankingItem>
            data-testid="ranking-table"
            size="small"
            rowKey="id"
            pagination={false}
            loading={ranking.isPending}
            dataSource={ranking.data?.items}
            columns={columns}
            scroll={{ x: 1000 }}
            locale={{ emptyText: t('evaluation.exemplary.noNominations') }}
          />
        )}
        {can('evaluation.manage') && s.status === 'open' && (
          <Form form={form} layout="inline" style={{ rowGap: 8 }} initialValues={{ top: 1 }} onFinish={(v) => award.mutate(v)}>
            <Form.Item name="top" label={t('evaluation.exemplary.top')} rules={[{ required: true, message: t('evaluation.required') }]}>
              <InputNumber min={1} max={100} precision={0} />
            </Form.Item>
            <Form.Item
              name="amount"
              label={t('evaluation.exemplary.amountYuan')}
              rules={[
                { required: true, message: t('evaluation.required') },
                {
                  validator: (_, v: string) =>
                    (parseYuanToFen(v) ?? 0n) > 0n ? Promise.resolve() : Promise.reject(new Error(t('evaluation.exemplary.amountInvalid'))),
                },
              ]}
            >
              <Input style={{ width: 140 }} inputMode="decimal" />
            </Form.Item>
            <Popconfirm title={t('evaluation.exemplary.awardConfirm')} onConfirm={() => form.submit()}>
              <Button type="primary" loading={award.isPending} data-testid="award-submit">
                {t('evaluation.exemplary.award')}
              </Button>
            </Popconfirm>
          </Form>
        )}
        {award.isError && (
          <ProblemAlert
            title={t('evaluation.exemplary.awardFailed')}
            error={award.error}
            testId="award-problem"
            onClose={() => award.reset()}
          />
        )}
        {s.awards.length > 0 && (
          <>
            <Space style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('evaluation.exemplary.awards')}
              </Typography.Title>
              <ExportXlsxButton
                fileName={`${s.title} ${t('evaluation.exemplary.awards')}`}
                columns={xlsxColumnsFrom(awardColumns)}
                rows={s.awards}
                testId="awards-export"
              />
            </Space>
            <Table<Award>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={s.awards}
              columns={awardColumns}
              data-testid="award-table"
            />
          </>
        )}
      </Space>
    </Card>
  );
}
