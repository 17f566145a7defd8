// 施工编排: the timetables of a year and division, and 编排 (make one) for users with schedules.run,
// following the background job until the timetable is made.
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Empty, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { coordinationKeys, fetchSchedules, startSchedule } from './api.ts';
import { jobError, jobPhase, useJob } from './hooks.ts';
import type { ScheduleListItem, ScheduleStatus, StartedJob } from './types.ts';

const STATUS_COLOR = { running: 'processing', done: 'success', failed: 'error' } as const;

export default function TimetableTab({
  year,
  division,
  divisionName,
}: {
  year: number;
  division: string | undefined;
  divisionName: string;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [started, setStarted] = useState<StartedJob | null>(null);
  const list = useQuery({
    queryKey: coordinationKeys.schedules(year, division),
    queryFn: () => fetchSchedules(year, division),
    refetchInterval: (q) => (q.state.data?.some((s) => s.status === 'running') ? 2000 : false),
  });
  const make = useMutation({
    mutationFn: () => startSchedule(year, division),
    onSuccess: (job) => {
      setStarted(job);
      void client.invalidateQueries({ queryKey: coordinationKeys.schedules(year, division) });
    },
  });
  const job = useJob(started?.jobId ?? null);
  const phase = started ? jobPhase(job.data) : null;
  useEffect(() => {
    if (phase && phase !== 'running') void client.invalidateQueries({ queryKey: coordinationKeys.schedules(year, division) });
  }, [phase, client, year, division]);
  useEffect(() => setStarted(null), [year, division]);

  const columns: TableColumnsType<ScheduleListItem> = [
    {
      title: t('coordination.timetable.createdAt'),
      dataIndex: 'createdAt',
      render: (v: string, row: ScheduleListItem) => (
        <Link to={`/coordination/schedules/${row.id}`} data-testid="schedule-link">
          {new Date(v).toLocaleString()}
        </Link>
      ),
    },
    {
      title: t('coordination.timetable.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: ScheduleListItem['status']) => (
        <Tag color={STATUS_COLOR[s as ScheduleStatus]}>{t(`coordination.scheduleStatus.${s}`, { defaultValue: s })}</Tag>
      ),
    },
    {
      title: t('coordination.timetable.replanOf'),
      dataIndex: 'replanOf',
      width: 160,
      render: (v: string | null) => (v ? <Link to={`/coordination/schedules/${v}`}>{v.slice(0, 8)}</Link> : '—'),
    },
    {
      title: '',
      key: 'open',
      width: 100,
      render: (_: unknown, row: ScheduleListItem) => (
        <Button size="small" onClick={() => navigate(`/coordination/schedules/${row.id}`)}>
          {t('coordination.timetable.open')}
        </Button>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary">
          {t('coordination.yearN', { year })} · {divisionName}
        </Typography.Text>
        <Space>
          <ExportXlsxButton<ScheduleListItem>
            fileName={`${t('coordination.tabs.timetable')} ${t('coordination.yearN', { year })} ${divisionName}`.trim()}
            testId="schedules-export"
            columns={xlsxColumnsFrom(columns)}
            rows={list.data ?? []}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching && !list.isPending} />
          <Tooltip title={can('schedules.run') ? t('coordination.timetable.makeHint') : t('coordination.timetable.noPermission')}>
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              data-testid="make-timetable"
              disabled={!can('schedules.run') || phase === 'running'}
              loading={make.isPending || phase === 'running'}
              onClick={() => make.mutate()}
            >
              {t('coordination.timetable.make')}
            </Button>
          </Tooltip>
        </Space>
      </Space>
      {make.isError && (
        <ProblemAlert title={t('coordination.timetable.jobFailed')} error={make.error} testId="make-error" onClose={() => make.reset()} />
      )}
      {started && (
        <Alert
          data-testid="timetable-job"
          data-phase={phase ?? ''}
          data-schedule-id={started.scheduleId}
          type={phase === 'failed' ? 'error' : phase === 'succeeded' ? 'success' : 'info'}
          showIcon
          title={t(`coordination.jobStatus.${phase ?? 'running'}`)}
          description={phase === 'failed' ? jobError(job.data) : undefined}
          action={
            phase !== 'running' && (
              <Button
                size="small"
                data-testid="timetable-job-open"
                onClick={() => navigate(`/coordination/schedules/${started.scheduleId}`)}
              >
                {t('coordination.timetable.open')}
              </Button>
            )
          }
        />
      )}
      {list.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('common.error')}
          description={errorMessage(list.error)}
          action={<Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>}
        />
      ) : (
        <Table<ScheduleListItem>
          data-testid="schedules-table"
          rowKey="id"
          size="middle"
          bordered
          loading={list.isPending}
          dataSource={list.data ?? []}
          columns={columns}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          onRow={(row) => ({ 'data-testid': 'schedule-row', 'data-status': row.status, 'data-id': row.id }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('coordination.timetable.empty', { year })} /> }}
        />
      )}
    </Space>
  );
}
