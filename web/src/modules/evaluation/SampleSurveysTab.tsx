// 抽样调查: the city's sample surveys by an outside agency, newest first; drawing a new one
// (evaluation.manage); each opens in a drawer kept in the URL (?survey=), so a link shows it again.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import ManagedList from './ManagedList.tsx';
import { evaluationKeys, fetchSampleSurveys } from './api.ts';
import DrawSampleModal from './DrawSampleModal.tsx';
import SampleSurveyDrawer from './SampleSurveyDrawer.tsx';
import { SAMPLE_STATUS_COLORS, type SampleSurvey } from './sampleTypes.ts';
import { usePaged } from './usePaged.ts';

export default function SampleSurveysTab() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [drawing, setDrawing] = useState(false);
  const { query, rows } = usePaged(evaluationKeys.samples, fetchSampleSurveys);
  const open = (id: string | null) =>
    setParams(
      (p) => {
        if (id) p.set('survey', id);
        else p.delete('survey');
        return p;
      },
      { replace: true },
    );
  const columns: ColumnsType<SampleSurvey> = [
    {
      title: t('evaluation.sample.title'),
      key: 'title',
      render: (_, s) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0, whiteSpace: 'normal', textAlign: 'start', height: 'auto' }}
          onClick={() => open(s.id)}
          data-testid="sample-row"
          data-id={s.id}
          data-year={s.year}
          data-kind={s.kind}
        >
          {s.title}
        </Button>
      ),
    },
    { title: t('evaluation.sample.kind'), key: 'kind', width: 180, render: (_, s) => t(`evaluation.sample.kinds.${s.kind}`) },
    { title: t('evaluation.sample.year'), key: 'year', width: 80, render: (_, s) => s.year },
    { title: t('evaluation.sample.institution'), key: 'institution', width: 200, render: (_, s) => s.institution.name },
    {
      title: t('evaluation.sample.status'),
      key: 'status',
      width: 100,
      render: (_, s) => <Tag color={SAMPLE_STATUS_COLORS[s.status]}>{t(`evaluation.sample.statuses.${s.status}`)}</Tag>,
    },
    { title: t('evaluation.sample.size'), key: 'size', width: 100, align: 'right', render: (_, s) => s.totalSize },
    { title: t('evaluation.sample.frame'), key: 'frame', width: 100, align: 'right', render: (_, s) => s.frameSize },
    {
      title: t('evaluation.sample.seed'),
      key: 'seed',
      width: 200,
      render: (_, s) => <Typography.Text code>{s.seed}</Typography.Text>,
    },
  ];
  return (
    <ManagedList
      addLabel={t('evaluation.sample.draw')}
      addTestId="sample-draw"
      onAdd={() => setDrawing(true)}
      query={query}
      rows={rows}
      columns={columns}
      testId="sample-table"
      exportName={t('evaluation.sample.list')}
      emptyText={t('evaluation.sample.empty')}
      scrollX={1200}
    >
      {drawing && <DrawSampleModal onClose={() => setDrawing(false)} onDrawn={(s) => open(s.id)} />}
      <SampleSurveyDrawer id={params.get('survey')} onClose={() => open(null)} />
    </ManagedList>
  );
}
