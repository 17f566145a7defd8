// 重新编排: re-plan a timetable from a day (packages started or done stay put), then follow the job.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Form, Modal, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { coordinationKeys, replanSchedule } from './api.ts';
import { jobError, jobPhase, todayIso, useJob } from './hooks.ts';
import type { StartedJob } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

export default function ReplanModal({ scheduleId, open, onClose }: { scheduleId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [today, setToday] = useState(todayIso());
  const [started, setStarted] = useState<StartedJob | null>(null);
  const replan = useMutation({
    mutationFn: () => replanSchedule(scheduleId, today),
    onSuccess: (job) => setStarted(job),
  });
  const job = useJob(started?.jobId ?? null);
  const phase = started ? jobPhase(job.data) : null;
  useEffect(() => {
    if (phase && phase !== 'running') void client.invalidateQueries({ queryKey: coordinationKeys.all });
  }, [phase, client]);

  const close = () => {
    setStarted(null);
    replan.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('coordination.schedule.replanTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        started ? (
          <Space>
            <Button onClick={close}>{t('common.close')}</Button>
            <Button
              type="primary"
              data-testid="replan-open"
              disabled={phase === 'running'}
              onClick={() => {
                const id = started.scheduleId;
                close();
                navigate(`/coordination/schedules/${id}`);
              }}
            >
              {t('coordination.schedule.openNew')}
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.close')}</Button>
            <Button type="primary" data-testid="replan-submit" loading={replan.isPending} onClick={() => replan.mutate()}>
              {t('coordination.schedule.replan')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('coordination.schedule.replanHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('coordination.schedule.replanToday')} required>
          <DateField data-testid="replan-today" value={today} onChange={(v) => setToday(v ?? '')} disabled={!!started} />
        </Form.Item>
      </Form>
      {replan.isError && <ProblemAlert title={t('errors.generic')} error={replan.error} testId="replan-error" />}
      {started && (
        <Alert
          data-testid="replan-job"
          data-phase={phase ?? ''}
          type={phase === 'failed' ? 'error' : phase === 'succeeded' ? 'success' : 'info'}
          showIcon
          title={t(`coordination.jobStatus.${phase ?? 'running'}`)}
          description={phase === 'failed' ? (jobError(job.data) ?? errorOf(job.error)) : undefined}
        />
      )}
    </Modal>
  );
}

const errorOf = (e: unknown) => (e instanceof Error ? e.message : undefined);
