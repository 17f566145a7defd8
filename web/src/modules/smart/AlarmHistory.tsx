// Past and present alarms of the scope shown, filtered by period (Beijing days), type, severity and status,
// a page at a time, and exported to .xlsx by the server with the same filters.
import { useState, type HTMLAttributes } from 'react';
import { App, Button, Empty, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateRangeField } from '../../app/DateTimeField.tsx';
import { downloadFile, errorMessage } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import type { AlarmNames } from './ActiveAlarms.tsx';
import { alarmsExportPath, dutyKeys, fetchAlarms, type HistoryFilters } from './dutyApi.ts';
import { alarmTypeLabel, beijingTime, personName, severityColor, severityLabel, typeLabel } from './dutyFormat.ts';
import { ALARM_STATUSES, SEVERITIES, type Alarm, type DutyScope } from './dutyTypes.ts';

const TYPES = [
  'sos.pressed',
  'fire.smoke',
  'fire.heat',
  'lift.trapped',
  'perimeter.intrusion',
  'area.intrusion',
  'throwing.detected',
  'equipment.fault',
  'lift.door_open',
  'pump.pressure_low',
  'battery.low',
  'device.offline',
];

/** A Beijing calendar day's start as an instant: 2026-12-02 → 2026-12-02T00:00:00+08:00. */
const dayStart = (day: string, plusDays = 0) => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + plusDays * 86_400_000).toISOString();

export default function AlarmHistory({ scope, names, onOpen }: { scope: DutyScope; names: AlarmNames; onOpen: (a: Alarm) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<HistoryFilters>({});
  const [exporting, setExporting] = useState(false);
  const [days, setDays] = useState<[string, string] | null>(null);
  const query = useInfiniteQuery({
    queryKey: dutyKeys.history(scope, filters),
    queryFn: ({ pageParam }) => fetchAlarms(scope, { ...filters, limit: 50 }, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: HistoryFilters) => setFilters((f) => ({ ...f, ...patch }));

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(alarmsExportPath(scope, filters), `${t('duty.history.exportName')}.xlsx`);
    } catch (err) {
      void message.error(`${t('common.exportFailed')}：${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Alarm> = [
    {
      title: t('duty.field.severity'),
      dataIndex: 'severity',
      width: 80,
      render: (s: Alarm['severity']) => <Tag color={severityColor[s]}>{severityLabel(t, s)}</Tag>,
    },
    { title: t('duty.field.type'), dataIndex: 'type', render: (_: string, a) => alarmTypeLabel(t, a) },
    { title: t('duty.field.status'), dataIndex: 'status', width: 90, render: (s: string) => t(`duty.status.${s}`) },
    { title: t('duty.field.device'), key: 'device', render: (_: unknown, a) => names.device(a), responsive: ['md'] },
    { title: t('duty.field.compound'), key: 'compound', render: (_: unknown, a) => names.compound(a), responsive: ['lg'] },
    { title: t('duty.field.count'), dataIndex: 'count', width: 70, align: 'right', responsive: ['md'] },
    { title: t('duty.field.firstAt'), dataIndex: 'firstAt', render: (at: string) => beijingTime(at), responsive: ['sm'] },
    { title: t('duty.field.lastAt'), dataIndex: 'lastAt', render: (at: string) => beijingTime(at), responsive: ['lg'] },
    { title: t('duty.field.assignee'), dataIndex: 'assignee', render: (p: Alarm['assignee']) => personName(p) ?? '', responsive: ['xl'] },
  ];

  return (
    <Flex vertical gap={12} data-testid="duty-history">
      <Flex wrap gap={8} align="center">
        <DateRangeField
          aria-label={t('duty.history.range')}
          data-testid="duty-history-range"
          value={days}
          onChange={(v) => {
            setDays(v);
            set({ from: v ? dayStart(v[0]) : undefined, to: v ? dayStart(v[1], 1) : undefined });
          }}
        />
        <Select
          allowClear
          placeholder={t('duty.history.type')}
          aria-label={t('duty.history.type')}
          style={{ minWidth: 150 }}
          data-testid="duty-history-type"
          value={filters.type}
          options={TYPES.map((v) => ({ value: v, label: typeLabel(t, v) }))}
          onChange={(type?: string) => set({ type })}
        />
        <Select
          allowClear
          placeholder={t('duty.history.severity')}
          aria-label={t('duty.history.severity')}
          style={{ minWidth: 110 }}
          data-testid="duty-history-severity"
          value={filters.severity}
          options={SEVERITIES.map((v) => ({ value: v, label: severityLabel(t, v) }))}
          onChange={(severity?: HistoryFilters['severity']) => set({ severity })}
        />
        <Select
          allowClear
          placeholder={t('duty.history.status')}
          aria-label={t('duty.history.status')}
          style={{ minWidth: 110 }}
          data-testid="duty-history-status"
          value={filters.status}
          options={ALARM_STATUSES.map((v) => ({ value: v, label: t(`duty.status.${v}`) }))}
          onChange={(status?: HistoryFilters['status']) => set({ status })}
        />
        <Button
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportXlsx()}
          data-testid="duty-history-export"
          style={{ marginInlineStart: 'auto' }}
        >
          {t('common.exportXlsx')}
        </Button>
      </Flex>
      {query.isError && rows.length === 0 ? (
        <ProblemAlert testId="duty-history-error" title={t('common.error')} error={query.error} />
      ) : (
        <Table<Alarm>
          data-testid="duty-history-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={query.isPending}
          pagination={false}
          onRow={(a) =>
            ({
              'data-testid': 'duty-history-row',
              'data-id': a.id,
              tabIndex: 0,
              onClick: () => onOpen(a),
              onKeyDown: (e: { key: string }) => {
                if (e.key === 'Enter') onOpen(a);
              },
              style: { cursor: 'pointer' },
            }) as HTMLAttributes<HTMLElement>
          }
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.history.empty')} /> }}
        />
      )}
      {rows.length > 0 && (
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text type="secondary">{t('registry.count', { count: rows.length })}</Typography.Text>
          {query.hasNextPage ? (
            <Button loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {t('common.loadMore')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('registry.noMore')}</Typography.Text>
          )}
        </Flex>
      )}
    </Flex>
  );
}
