// 审批事项清单: each step's status, its materials (✓ filed / ✗ missing, upload per material),
// the minute that simplified it, and the actions; a refused change is explained in full.
import { useState } from 'react';
import { App, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { setStepStatus } from './api.ts';
import MaterialUpload from './MaterialUpload.tsx';
import StepActions from './StepActions.tsx';
import type { Approvals, ApprovalStep, StepStatus } from './types.ts';

const STATUS_COLORS: Record<StepStatus, string> = { pending: 'default', done: 'green', simplified: 'blue' };

interface Props {
  projectId: string;
  approvals: Approvals;
  canWrite: boolean;
  closed: boolean;
  onChanged: (next?: Approvals) => void;
}

export default function StepsCard({ projectId, approvals, canWrite, closed, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const en = i18n.language === 'en';
  const stepName = (s: ApprovalStep) => (en ? s.nameEn : s.nameZh);
  const [failed, setFailed] = useState<{ step: ApprovalStep; error: unknown } | null>(null);
  const change = useMutation({
    mutationFn: (v: { step: ApprovalStep; status: StepStatus; consultationId?: string }) =>
      setStepStatus(projectId, v.step.code, v.status, v.consultationId),
    onMutate: () => setFailed(null),
    onSuccess: (next, v) => {
      onChanged(next);
      void message.success(t('approvals.stepSaved', { step: stepName(v.step), status: t(`approvals.statuses.${v.status}`) }));
    },
    onError: (error, v) => setFailed({ step: v.step, error }),
  });
  const done = approvals.steps.filter((s) => s.satisfied).length;
  const columns: TableColumnsType<ApprovalStep> = [
    {
      title: t('approvals.columns.step'),
      key: 'step',
      width: 150,
      render: (_, s) => <div>{stepName(s)}</div>,
    },
    {
      title: t('approvals.columns.status'),
      key: 'status',
      width: 120,
      render: (_, s) => (
        <Space orientation="vertical" size={2}>
          <Tag color={STATUS_COLORS[s.status]} data-testid="step-status">
            {t(`approvals.statuses.${s.status}`)}
          </Tag>
          {s.status !== 'pending' && !s.satisfied && <Tag color="warning">{t('approvals.notSatisfied')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('approvals.columns.materials'),
      key: 'materials',
      render: (_, s) => (
        <Space orientation="vertical" size={0}>
          {s.requiredMaterials.map((m) => (
            <Space key={m.type} size={4} data-testid="step-material" data-material={m.type} data-present={String(m.present)}>
              {m.present ? (
                <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('approvals.present')} />
              ) : (
                <CloseCircleFilled style={{ color: '#ff4d4f' }} aria-label={t('approvals.missing')} />
              )}
              <span>{en ? m.nameEn : m.nameZh}</span>
              {!m.present && <Typography.Text type="danger">{t('approvals.missing')}</Typography.Text>}
              {canWrite && <MaterialUpload projectId={projectId} step={s.code} materialType={m.type} onUploaded={() => onChanged()} />}
            </Space>
          ))}
        </Space>
      ),
    },
    {
      title: t('approvals.columns.basis'),
      key: 'basis',
      width: 260,
      render: (_, s) => {
        if (!s.simplifiedBy) return <Typography.Text type="secondary">—</Typography.Text>;
        const c = approvals.consultations.find((x) => x.id === s.simplifiedBy!.consultationId);
        return (
          <div data-testid="step-minute">
            <Typography.Text italic>“{s.simplifiedBy.minute}”</Typography.Text>
            {c && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('approvals.minuteOf', { date: c.date })}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    ...(canWrite && !closed
      ? [
          {
            title: t('approvals.columns.actions'),
            key: 'actions',
            width: 250,
            render: (_: unknown, s: ApprovalStep) => (
              <StepActions
                step={s}
                consultations={approvals.consultations}
                busy={change.isPending}
                onSet={(status, consultationId) => change.mutate({ step: s, status, consultationId })}
              />
            ),
          },
        ]
      : []),
  ];
  // The materials cell holds icons and upload buttons; the sheet says which are missing in words.
  const exportColumns = xlsxColumnsFrom(columns, {
    materials: (s) =>
      s.requiredMaterials
        .map((m) => `${en ? m.nameEn : m.nameZh}${m.present ? '' : `（${t('approvals.missing')}）`}`)
        .join(en ? '; ' : '、'),
    actions: null,
  });
  const missing = failed?.error instanceof ApiError ? ((failed.error.problem.missingMaterials as string[] | undefined) ?? []) : [];

  return (
    <Card
      size="small"
      title={t('approvals.checklist')}
      extra={
        <Space>
          <Typography.Text type="secondary" data-testid="approvals-progress" data-done={done}>
            {t('approvals.progress', { done, total: approvals.steps.length })}
          </Typography.Text>
          <ExportXlsxButton<ApprovalStep>
            fileName={t('approvals.checklist')}
            testId="approval-steps-export"
            columns={exportColumns}
            rows={approvals.steps}
          />
        </Space>
      }
      data-testid="approval-steps"
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{closed ? t('approvals.closed') : t('approvals.checklistHint')}</Typography.Text>
        {failed && (
          <ProblemAlert
            testId="step-error"
            title={t('approvals.stepFailed', { step: stepName(failed.step) })}
            error={failed.error}
            onClose={() => setFailed(null)}
            extra={
              missing.length > 0 && (
                <div data-testid="step-missing">
                  {t('approvals.missingMaterials', {
                    list: missing.map((m) => t(`approvals.materials.${m}`, { defaultValue: m })).join('、'),
                  })}
                </div>
              )
            }
          />
        )}
        <Table<ApprovalStep>
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={approvals.steps}
          scroll={{ x: 900 }}
          onRow={(s) => ({ 'data-testid': 'approval-step', 'data-code': s.code, 'data-status': s.status }) as object}
          columns={columns}
        />
      </Space>
    </Card>
  );
}
