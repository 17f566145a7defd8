// 样本住户: the drawn households by district and draw order — where each is, never who lives
// there — with the agency's answer per household. Accounts with sample.answer or
// evaluation.manage enter or change answers until the survey is closed; the results above follow.
import { useState } from 'react';
import { Card, Radio, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { answerSampledHousehold, evaluationKeys, fetchSampledHouseholds, type HouseholdFilter } from './api.ts';
import { SAMPLE_ANSWERS, type SampleAnswer, type SampledHousehold, type SampleSurveyDetail } from './sampleTypes.ts';

type Row = SampledHousehold & { id: string };
const PAGE = 50;

export default function SampleHouseholds({ survey }: { survey: SampleSurveyDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const [filter, setFilter] = useState<HouseholdFilter>({});
  const editable = (can('sample.answer') || can('evaluation.manage')) && survey.status !== 'closed';
  // Not usePaged: the page is larger (an agency works through a district at a time) and filtered.
  const query = useInfiniteQuery({
    queryKey: evaluationKeys.sampleHouseholds(survey.id, filter),
    queryFn: ({ pageParam }) => fetchSampledHouseholds(survey.id, { ...filter, limit: PAGE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const answer = useMutation({
    mutationFn: (v: { householdId: string; answer: SampleAnswer }) => answerSampledHousehold(survey.id, v.householdId, v.answer),
    // The survey's key is the prefix of its households' keys: both the results and the list refresh.
    // Awaited, so the row stays disabled until it shows the saved answer.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: evaluationKeys.sample(survey.id) }),
        client.invalidateQueries({ queryKey: evaluationKeys.samples, exact: true }),
      ]),
  });
  const answerLabel = (a: SampleAnswer | null) => (a ? t(`evaluation.sample.answers.${a}`) : t('evaluation.sample.pending'));
  const districtName = (code: string) => survey.results.strata.find((s) => s.districtCode === code)?.name ?? code;
  const columns: ColumnsType<Row> = [
    { title: t('evaluation.sample.drawOrder'), key: 'order', width: 84, align: 'right', render: (_, h) => h.drawOrder },
    { title: t('evaluation.sample.district'), key: 'district', width: 90, render: (_, h) => districtName(h.districtCode) },
    { title: t('evaluation.sample.compound'), key: 'compound', width: 140, render: (_, h) => h.compound ?? '—' },
    { title: t('evaluation.sample.address'), key: 'address', render: (_, h) => h.address ?? '—' },
    {
      title: t('evaluation.sample.door'),
      key: 'door',
      width: 110,
      render: (_, h) => [h.building, h.unit, h.room].filter(Boolean).join('-') || '—',
    },
    {
      title: t('evaluation.sample.answer'),
      key: 'answer',
      width: editable ? 300 : 110,
      render: (_, h) =>
        editable ? (
          <Radio.Group
            size="small"
            optionType="button"
            buttonStyle="solid"
            value={h.answer}
            disabled={answer.isPending && answer.variables.householdId === h.householdId}
            onChange={(e) => answer.mutate({ householdId: h.householdId, answer: e.target.value as SampleAnswer })}
            options={SAMPLE_ANSWERS.map((a) => ({ value: a, label: answerLabel(a) }))}
            data-testid="household-answer"
            data-id={h.householdId}
            data-answer={h.answer ?? 'pending'}
          />
        ) : (
          <Tag data-testid="household-answer" data-id={h.householdId} data-answer={h.answer ?? 'pending'}>
            {answerLabel(h.answer)}
          </Tag>
        ),
    },
    { title: t('evaluation.sample.enteredBy'), key: 'by', width: 100, render: (_, h) => h.enteredBy ?? '—' },
  ];
  return (
    <Card
      size="small"
      title={t('evaluation.sample.households')}
      extra={<Typography.Text type="secondary">{t('evaluation.sample.privacy')}</Typography.Text>}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 160 }}
          value={filter.districtCode ?? ''}
          onChange={(code: string) => setFilter((f) => ({ ...f, districtCode: code || undefined }))}
          options={[
            { value: '', label: t('evaluation.sample.allDistricts') },
            ...survey.results.strata.map((s) => ({ value: s.districtCode, label: s.name ?? s.districtCode })),
          ]}
          data-testid="household-district-filter"
        />
        <Select
          style={{ width: 140 }}
          value={filter.answer ?? ''}
          onChange={(a: HouseholdFilter['answer'] | '') => setFilter((f) => ({ ...f, answer: a || undefined }))}
          options={[
            { value: '', label: t('evaluation.sample.allAnswers') },
            ...[...SAMPLE_ANSWERS, 'pending' as const].map((a) => ({ value: a, label: answerLabel(a === 'pending' ? null : a) })),
          ]}
          data-testid="household-answer-filter"
        />
      </Space>
      {answer.isError && (
        <ProblemAlert
          title={t('evaluation.sample.answerFailed')}
          error={answer.error}
          testId="household-answer-problem"
          onClose={() => answer.reset()}
        />
      )}
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="household-table"
        exportName={`${survey.title} ${t('evaluation.sample.households')}`}
        exportColumns={xlsxColumnsFrom(columns, { answer: (h) => answerLabel(h.answer) })}
        emptyText={t('evaluation.sample.noHouseholds')}
        scrollX={editable ? 960 : 780}
      />
    </Card>
  );
}
