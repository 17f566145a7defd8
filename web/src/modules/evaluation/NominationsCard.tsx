// The nominated cases of a selection: nominating a project (evaluation.manage) and entering a
// juror's scores of a case (ScoreModal).
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Form, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { ProjectPicker } from '../projects/index.ts';
import { evaluationKeys, nominate } from './api.ts';
import ScoreModal from './ScoreModal.tsx';
import type { Nomination, SelectionDetail } from './types.ts';

interface Props {
  selection: SelectionDetail;
  district: (code: string | null) => string;
  projectName: (projectId: string) => string;
}

export default function NominationsCard({ selection: s, district, projectName }: Props) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const [scoring, setScoring] = useState<Nomination | null>(null);
  const [form] = Form.useForm<{ projectId: string }>();
  const add = useMutation({
    mutationFn: (projectId: string) => nominate(s.id, projectId),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: evaluationKeys.selection(s.id) });
      void client.invalidateQueries({ queryKey: evaluationKeys.ranking(s.id) });
    },
  });
  const columns: ColumnsType<Nomination> = [
    {
      title: t('evaluation.exemplary.project'),
      key: 'project',
      render: (_, n) => (
        <Link to={`/projects/${n.projectId}`} data-testid="nomination-row" data-id={n.id}>
          {projectName(n.projectId)}
        </Link>
      ),
    },
    { title: t('evaluation.exemplary.district'), key: 'district', width: 140, render: (_, n) => district(n.districtCode) },
    { title: t('evaluation.exemplary.nominatedAt'), key: 'at', width: 180, render: (_, n) => formatAt(n.nominatedAt, i18n.language) },
    ...(s.status === 'open'
      ? [
          {
            title: t('evaluation.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, n: Nomination) => (
              <Button size="small" onClick={() => setScoring(n)} data-testid="nomination-score">
                {t('evaluation.exemplary.score')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      size="small"
      title={t('evaluation.exemplary.nominations')}
      extra={
        <ExportXlsxButton
          fileName={`${s.title} ${t('evaluation.exemplary.nominations')}`}
          columns={xlsxColumnsFrom(columns, { actions: null })}
          rows={s.nominations}
          testId="nominations-export"
        />
      }
    >
      <Table<Nomination>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={s.nominations}
        columns={columns}
        locale={{ emptyText: t('evaluation.exemplary.noNominations') }}
      />
      {can('evaluation.manage') && s.status === 'open' && (
        <Form form={form} layout="inline" style={{ marginTop: 12 }} onFinish={(v) => add.mutate(v.projectId)}>
          {/* Picked by name from the projects in scope, never a pasted id (issue 16, item 4). */}
          <Form.Item name="projectId" rules={[{ required: true, message: t('evaluation.required') }]}>
            <ProjectPicker testId="nominate-project" style={{ width: 420 }} />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={add.isPending} data-testid="nominate-submit">
              {t('evaluation.exemplary.nominate')}
            </Button>
          </Space>
        </Form>
      )}
      {add.isError && (
        <ProblemAlert
          title={t('evaluation.exemplary.nominateFailed')}
          error={add.error}
          testId="nominate-problem"
          onClose={() => add.reset()}
        />
      )}
      {scoring && (
        <ScoreModal
          selection={s}
          nomination={scoring}
          name={projectName(scoring.projectId)}
          district={district}
          onClose={() => setScoring(null)}
        />
      )}
    </Card>
  );
}
