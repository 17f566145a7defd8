// 施工时间表: one timetable. Coordinated against departments-alone (statistic cards), the Gantt chart
// (rows by compound or department, each compound's disturbance window as a band, baseline toggle)
// or a table; export .xlsx and per-department .ics; re-plan. A failed timetable shows the
// server's explanation (which package makes the plan impossible) first.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Dropdown,
  Empty,
  Result,
  Segmented,
  Skeleton,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { CalendarOutlined, DownloadOutlined, ReloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile, errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { calendarPath, coordinationKeys, exportXlsxPath, fetchSchedule, fetchSchedulePackages } from './api.ts';
import GanttChart from './GanttChart.tsx';
import { departmentColor, type PlanView, type RowsBy } from './gantt.ts';
import { useDivisionOptions, useKinds, useLabels } from './hooks.ts';
import NoticesButton from './NoticesButton.tsx';
import ReplanModal from './ReplanModal.tsx';
import ScheduleStats from './ScheduleStats.tsx';
import ScheduleTable from './ScheduleTable.tsx';

const STATUS_COLOR = { running: 'processing', done: 'success', failed: 'error' } as const;
const FALLBACK_DEPARTMENTS = ['housing', 'city_management', 'police', 'fire', 'civil_affairs', 'power', 'water', 'gas', 'telecom'];

export default function SchedulePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can, user } = useAuth();
  const labels = useLabels();
  const divisions = useDivisionOptions();
  const kinds = useKinds();
  // A liaison's timetable holds their own department's packages only: no other department to filter or export.
  const ownDepartment = user?.role === 'department_liaison' ? user.department : null;
  const departments = ownDepartment ? [ownDepartment] : (kinds.data?.departments ?? FALLBACK_DEPARTMENTS);
  const [view, setView] = useState<'gantt' | 'table'>('gantt');
  const [rowsBy, setRowsBy] = useState<RowsBy>('compound');
  const [plan, setPlan] = useState<PlanView>('coordinated');
  const [replanOpen, setReplanOpen] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);

  const schedule = useQuery({
    queryKey: coordinationKeys.schedule(id),
    queryFn: () => fetchSchedule(id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2000 : false),
  });
  const done = schedule.data?.status === 'done';
  const packages = useQuery({
    queryKey: coordinationKeys.schedulePackages(id),
    queryFn: () => fetchSchedulePackages(id),
    enabled: done,
  });

  /** A segmented control's options, each labelled by `${prefix}.${value}`. */
  const segments = (prefix: string, values: string[]) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

  const exportAs = async (key: string, path: string, name: string) => {
    setExporting(key);
    try {
      await downloadFile(path, name);
    } catch (err) {
      void message.error(`${t('coordination.schedule.exportFailed')}：${errorMessage(err)}`);
    } finally {
      setExporting(null);
    }
  };

  const crumbs = (
    <Breadcrumb
      style={{ marginBottom: 12 }}
      items={[
        { title: t('app.shortTitle') },
        { title: <Link to="/coordination">{t('coordination.title')}</Link> },
        { title: t('coordination.schedule.title') },
      ]}
    />
  );

  if (schedule.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (schedule.isError) {
    const missing = schedule.error instanceof ApiError && schedule.error.status === 404;
    return (
      <>
        {crumbs}
        <Result
          status={missing ? '404' : 'error'}
          data-testid="schedule-load-error"
          title={missing ? t('coordination.schedule.notFound') : t('common.error')}
          subTitle={errorMessage(schedule.error)}
          extra={
            <Space>
              <Link to="/coordination">{t('common.back')}</Link>
              {!missing && (
                <Button icon={<ReloadOutlined />} onClick={() => void schedule.refetch()}>
                  {t('common.retry')}
                </Button>
              )}
            </Space>
          }
        />
      </>
    );
  }

  const s = schedule.data;
  const summary = plan === 'coordinated' ? s.coordinated : s.baseline;
  const icsItems = departments.map((d) => ({
    key: d,
    label: (
      <span data-testid={`export-ics-${d}`}>
        <Tag color={departmentColor(d)} style={{ marginInlineEnd: 6 }} />
        {labels.department(d)}
      </span>
    ),
  }));

  return (
    <>
      {crumbs}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card
          size="small"
          data-testid="schedule-page"
          data-status={s.status}
          data-schedule-id={s.id}
          title={
            <Space wrap>
              <ScheduleOutlined />
              <span>
                {t('coordination.schedule.title')} · {t('coordination.yearN', { year: s.year })} · {divisions.nameOf(s.division)}
              </span>
              <Tag color={STATUS_COLOR[s.status]} data-testid="schedule-status">
                {t(`coordination.scheduleStatus.${s.status}`, { defaultValue: s.status })}
              </Tag>
            </Space>
          }
          extra={
            <Space wrap>
              <NoticesButton />
              <Button
                icon={<DownloadOutlined />}
                data-testid="export-xlsx"
                disabled={!done}
                loading={exporting === 'xlsx'}
                onClick={() => void exportAs('xlsx', exportXlsxPath(s.id), `schedule-${s.year}.xlsx`)}
              >
                {t('coordination.schedule.exportXlsx')}
              </Button>
              <Dropdown
                disabled={!done}
                trigger={['click']}
                menu={{
                  items: icsItems,
                  onClick: ({ key }) => void exportAs(`ics-${key}`, calendarPath(s.id, key), `schedule-${s.year}-${key}.ics`),
                }}
              >
                <Button icon={<CalendarOutlined />} data-testid="export-ics" loading={exporting?.startsWith('ics-') ?? false}>
                  {t('coordination.schedule.exportIcs')}
                </Button>
              </Dropdown>
              {can('schedules.run') && (
                <Button
                  type="primary"
                  icon={<ReloadOutlined />}
                  data-testid="replan"
                  disabled={s.status === 'running'}
                  onClick={() => setReplanOpen(true)}
                >
                  {t('coordination.schedule.replan')}
                </Button>
              )}
            </Space>
          }
        >
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('coordination.schedule.startsOn')}>{s.startsOn}</Descriptions.Item>
            {s.replanOf && (
              <Descriptions.Item label={t('coordination.timetable.replanOf')}>
                <Link to={`/coordination/schedules/${s.replanOf}`} data-testid="replan-of">
                  {s.replanOf.slice(0, 8)}
                </Link>
              </Descriptions.Item>
            )}
            {s.today !== null && s.today !== undefined && (
              <Descriptions.Item label={t('coordination.schedule.todayLabel')}>
                {t('coordination.schedule.today', { day: s.today })}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>

        {s.error && (
          <Alert
            type="error"
            showIcon
            data-testid="schedule-error"
            title={t('coordination.schedule.failed')}
            description={
              <>
                <div>{t('coordination.schedule.failedHint')}</div>
                <Typography.Paragraph strong style={{ margin: '6px 0 0', whiteSpace: 'pre-wrap' }} data-testid="schedule-error-detail">
                  {s.error}
                </Typography.Paragraph>
              </>
            }
          />
        )}
        {s.status === 'running' && (
          <Alert
            type="info"
            showIcon
            icon={<Spin size="small" />}
            data-testid="schedule-running"
            title={t('coordination.schedule.running')}
          />
        )}

        {s.coordinated && <ScheduleStats coordinated={s.coordinated} baseline={s.baseline} comparison={s.comparison} />}

        {done && (
          <Card
            size="small"
            title={
              <Segmented
                data-testid="schedule-view"
                value={view}
                onChange={(v) => setView(v as 'gantt' | 'table')}
                options={segments('coordination.schedule.view', ['gantt', 'table'])}
              />
            }
            extra={
              view === 'gantt' && (
                <Space wrap>
                  <Segmented
                    data-testid="gantt-rows"
                    value={rowsBy}
                    onChange={(v) => setRowsBy(v as RowsBy)}
                    options={segments('coordination.schedule.rowsBy', ['compound', 'department'])}
                  />
                  <Segmented
                    data-testid="gantt-plan"
                    value={plan}
                    onChange={(v) => setPlan(v as PlanView)}
                    options={segments('coordination.schedule.plan', ['coordinated', 'baseline'])}
                  />
                </Space>
              )
            }
          >
            {packages.isPending ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : packages.isError ? (
              <Alert
                type="error"
                showIcon
                title={t('common.error')}
                description={errorMessage(packages.error)}
                action={<Button onClick={() => void packages.refetch()}>{t('common.retry')}</Button>}
              />
            ) : packages.data.length === 0 ? (
              <Empty data-testid="schedule-no-packages" description={t('coordination.schedule.noPackages')} />
            ) : view === 'gantt' ? (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('coordination.schedule.legend')}
                </Typography.Text>
                <GanttChart
                  packages={packages.data}
                  windows={summary?.windows ?? []}
                  rowsBy={rowsBy}
                  plan={plan}
                  departments={departments}
                />
              </>
            ) : (
              <ScheduleTable packages={packages.data} departments={departments} />
            )}
          </Card>
        )}
      </Space>
      {can('schedules.run') && <ReplanModal scheduleId={s.id} open={replanOpen} onClose={() => setReplanOpen(false)} />}
    </>
  );
}
