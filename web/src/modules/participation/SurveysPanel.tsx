// 问卷调查: the project's surveys, the coverage of the selected one, its answers in aggregate,
// and the paper-entry form community workers use for the households not yet reached.
// Officers (surveys.manage) open a survey with the questionnaire builder and close one.
import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Popconfirm, Skeleton, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import type { ProjectDetail } from '../projects/index.ts';
import { closeSurvey, fetchSurveys, participationKeys } from './api.ts';
import CoverageCard from './CoverageCard.tsx';
import { formatAt } from './format.ts';
import OpenSurveyModal from './OpenSurveyModal.tsx';
import PaperResponseForm from './PaperResponseForm.tsx';
import SurveyResults from './SurveyResults.tsx';
import type { SurveySummary } from './types.ts';

export default function SurveysPanel({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const query = useQuery({ queryKey: participationKeys.surveys(project.id), queryFn: () => fetchSurveys(project.id) });
  const [chosen, setChosen] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const { message } = App.useApp();
  const client = useQueryClient();
  const close = useMutation({
    mutationFn: (id: string) => closeSurvey(id),
    onSuccess: (_, id) => {
      void client.invalidateQueries({ queryKey: participationKeys.surveys(project.id) });
      void client.invalidateQueries({ queryKey: participationKeys.survey(id) });
      void message.success(t('participation.builder.closed'));
    },
  });

  const columns: TableColumnsType<SurveySummary> = [
    { title: t('participation.surveys.columns.title'), dataIndex: 'title' },
    {
      title: t('participation.surveys.columns.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: SurveySummary['kind']) => (
        <Tag color={k === 'baseline' ? 'blue' : undefined}>{t(`participation.surveys.kinds.${k}`)}</Tag>
      ),
    },
    {
      title: t('participation.surveys.columns.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: SurveySummary['status']) => (
        <Tag color={s === 'open' ? 'green' : 'default'} data-testid="survey-status">
          {t(`participation.surveys.statuses.${s}`)}
        </Tag>
      ),
    },
    { title: t('participation.surveys.columns.responses'), dataIndex: 'responses', width: 90, align: 'right' },
    { title: t('participation.surveys.columns.refused'), dataIndex: 'refused', width: 80, align: 'right' },
    {
      title: t('participation.surveys.columns.openedAt'),
      dataIndex: 'openedAt',
      width: 170,
      render: (v: string) => formatAt(v, i18n.language),
    },
  ];

  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.isError)
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={errorMessage(query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const surveys = query.data;
  // Default: the first open baseline survey, else the first open one, else the first.
  const fallback =
    surveys.find((s) => s.status === 'open' && s.kind === 'baseline') ?? surveys.find((s) => s.status === 'open') ?? surveys[0];
  const selected = surveys.find((s) => s.id === chosen) ?? fallback;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="surveys-panel">
      <Card
        size="small"
        title={t('participation.surveys.list')}
        extra={
          <Space>
            <ExportXlsxButton<SurveySummary> fileName={t('participation.surveys.list')} columns={xlsxColumnsFrom(columns)} rows={surveys} />
            {can('surveys.manage') && selected?.status === 'open' && (
              <Popconfirm
                title={t('participation.builder.closeConfirm')}
                onConfirm={() => close.mutate(selected.id)}
                okButtonProps={{ 'data-testid': 'survey-close-confirm' }}
              >
                <Button danger icon={<StopOutlined />} loading={close.isPending} data-testid="survey-close">
                  {t('participation.builder.close')}
                </Button>
              </Popconfirm>
            )}
            {can('surveys.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)} data-testid="survey-open">
                {t('participation.builder.open')}
              </Button>
            )}
          </Space>
        }
      >
        {close.isError && (
          <div style={{ marginBottom: 12 }}>
            <ProblemAlert
              title={t('participation.builder.closeFailed')}
              error={close.error}
              testId="survey-close-problem"
              onClose={() => close.reset()}
            />
          </div>
        )}
        <Table<SurveySummary>
          data-testid="survey-list"
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          dataSource={surveys}
          scroll={{ x: 760 }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participation.surveys.none')} /> }}
          onRow={(row) => ({
            'data-testid': `survey-row-${row.id}`,
            'data-selected': String(row.id === selected?.id),
            onClick: () => setChosen(row.id),
            style: { cursor: 'pointer', background: row.id === selected?.id ? 'rgba(22,119,255,0.06)' : undefined },
          })}
          columns={columns}
        />
      </Card>
      <OpenSurveyModal
        projectId={project.id}
        open={opening}
        onClose={() => setOpening(false)}
        onOpened={(id) => {
          void client.invalidateQueries({ queryKey: participationKeys.surveys(project.id) });
          setChosen(id);
          void message.success(t('participation.builder.opened'));
        }}
      />
      {selected && (
        <div key={selected.id} data-testid="survey-selected" data-survey-id={selected.id}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <CoverageCard survey={selected} />
            {can('surveys.enter') && <PaperResponseForm project={project} survey={selected} />}
            <SurveyResults survey={selected} />
          </Space>
        </div>
      )}
    </Space>
  );
}
