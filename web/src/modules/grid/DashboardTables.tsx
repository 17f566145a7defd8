// The dashboard's tables, each in a card with its .xlsx export built from the same columns the table shows.
import type { ReactNode } from 'react';
import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import type { GridDashboard } from './dashboard.api.ts';

export interface Column<T> {
  key: string;
  title: string;
  value: (row: T) => string | number | null;
  render?: (row: T) => ReactNode;
  align?: 'left' | 'right';
}

export function TableCard<T>({
  title,
  testId,
  fileName,
  rows,
  columns,
  rowKey,
  onRow,
}: {
  title: string;
  testId: string;
  fileName: string;
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  onRow?: (row: T) => void;
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        <ExportXlsxButton
          fileName={fileName}
          columns={columns.map((c) => ({ title: c.title, value: c.value }))}
          rows={rows}
          testId={`${testId}-xlsx`}
        />
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<T>
        size="small"
        rowKey={rowKey}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gridDash.noData')} /> }}
        onRow={onRow ? (row) => ({ onClick: () => onRow(row), style: { cursor: 'pointer' } }) : undefined}
        columns={columns.map((c) => ({
          key: c.key,
          title: c.title,
          align: c.align,
          render: (_: unknown, row: T) => c.render?.(row) ?? c.value(row) ?? t('gridDash.none'),
        }))}
      />
    </Card>
  );
}

/** Seconds as words at a readable unit: "45 秒", "12 分钟", "3.5 小时", "2.1 天". */
export function useDuration() {
  const { t } = useTranslation();
  return (s: number | null | undefined): string => {
    if (s === null || s === undefined) return t('gridDash.none');
    if (s < 120) return t('gridDash.seconds', { n: s });
    if (s < 7200) return t('gridDash.minutes', { n: Math.round(s / 60) });
    if (s < 172_800) return t('gridDash.hours', { n: (s / 3600).toFixed(1) });
    return t('gridDash.daysN', { n: (s / 86_400).toFixed(1) });
  };
}

type Row<K extends keyof GridDashboard> = GridDashboard[K] extends (infer R)[] ? R : never;

/** Count columns shared by the state, category, source and level tables. */
function countColumns<T extends { count: number; open: number; overdue: number; closed: number; closedInTime: number }>(
  t: (k: string) => string,
): Column<T>[] {
  return [
    { key: 'count', title: t('gridDash.col.count'), value: (r) => r.count, align: 'right' },
    { key: 'open', title: t('gridDash.col.open'), value: (r) => r.open, align: 'right' },
    { key: 'overdue', title: t('gridDash.col.overdue'), value: (r) => r.overdue, align: 'right' },
    { key: 'closed', title: t('gridDash.col.closed'), value: (r) => r.closed, align: 'right' },
    { key: 'closedInTime', title: t('gridDash.col.closedWithinSla'), value: (r) => r.closedInTime, align: 'right' },
  ];
}

const pct = (p: string | null) => (p === null ? null : `${p}%`);

export function DashboardTables({
  data,
  childName,
  onChild,
}: {
  data: GridDashboard;
  childName: (key: string, name: string | null) => string;
  onChild?: (key: string) => void;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const where = data.name ?? data.division ?? '';
  const file = (table: string) => `${t('gridDash.title')}-${where}-${table}`;
  const childTitle = data.childLevel
    ? `${t('gridDash.tables.children')}（${t(data.childLevel === 'grid' ? 'gridDash.level.grid' : `levels.${data.childLevel}`)}）`
    : '';

  const cards: ReactNode[] = [];
  if (data.childLevel)
    cards.push(
      <TableCard<Row<'children'>>
        key="children"
        title={childTitle}
        testId="grid-dash-children"
        fileName={file(t('gridDash.tables.children'))}
        rows={data.children}
        rowKey={(r) => r.key}
        onRow={onChild && data.childLevel !== 'grid' ? (r) => onChild(r.key) : undefined}
        columns={[
          { key: 'name', title: t('gridDash.col.name'), value: (r) => childName(r.key, r.name) },
          { key: 'events', title: t('gridDash.col.events'), value: (r) => r.events, align: 'right' },
          { key: 'open', title: t('gridDash.col.open'), value: (r) => r.open, align: 'right' },
          { key: 'overdue', title: t('gridDash.col.overdue'), value: (r) => r.overdue, align: 'right' },
          { key: 'closed', title: t('gridDash.col.closed'), value: (r) => r.closed, align: 'right' },
          { key: 'sla', title: t('gridDash.col.sla'), value: (r) => pct(r.sla.percent), align: 'right' },
        ]}
      />,
    );
  cards.push(
    <TableCard<Row<'byCategory'>>
      key="categories"
      title={t('gridDash.tables.categories')}
      testId="grid-dash-categories"
      fileName={file(t('gridDash.tables.categories'))}
      rows={data.byCategory}
      rowKey={(r) => r.category}
      columns={[
        { key: 'name', title: t('gridDash.col.category'), value: (r) => r.name },
        ...countColumns<Row<'byCategory'>>(t),
        { key: 'sla', title: t('gridDash.col.sla'), value: (r) => pct(r.sla.percent), align: 'right' },
      ]}
    />,
    <TableCard<Row<'byState'>>
      key="states"
      title={t('gridDash.tables.states')}
      testId="grid-dash-states"
      fileName={file(t('gridDash.tables.states'))}
      rows={data.byState}
      rowKey={(r) => r.state}
      columns={[
        { key: 'state', title: t('gridDash.col.state'), value: (r) => t(`gridDash.state.${r.state}`) },
        ...countColumns<Row<'byState'>>(t),
      ]}
    />,
    <TableCard<Row<'bySource'>>
      key="sources"
      title={t('gridDash.tables.sources')}
      testId="grid-dash-sources"
      fileName={file(t('gridDash.tables.sources'))}
      rows={data.bySource}
      rowKey={(r) => r.source}
      columns={[
        { key: 'source', title: t('gridDash.col.source'), value: (r) => t(`gridDash.source.${r.source}`) },
        ...countColumns<Row<'bySource'>>(t),
      ]}
    />,
    <TableCard<Row<'byLevel'>>
      key="levels"
      title={t('gridDash.tables.levels')}
      testId="grid-dash-levels"
      fileName={file(t('gridDash.tables.levels'))}
      rows={data.byLevel}
      rowKey={(r) => r.level}
      columns={[
        { key: 'level', title: t('gridDash.col.level'), value: (r) => t(`gridDash.level.${r.level}`) },
        ...countColumns<Row<'byLevel'>>(t),
      ]}
    />,
    <TableCard<Row<'workers'>>
      key="workers"
      title={t('gridDash.tables.workers')}
      testId="grid-dash-workers"
      fileName={file(t('gridDash.tables.workers'))}
      rows={data.workers}
      rowKey={(r) => r.accountId}
      columns={[
        { key: 'name', title: t('gridDash.col.worker'), value: (r) => r.name ?? t('gridDash.unknownWorker') },
        { key: 'open', title: t('gridDash.col.openEvents'), value: (r) => r.open, align: 'right' },
        { key: 'assigned', title: t('gridDash.col.handled'), value: (r) => r.assigned, align: 'right' },
        { key: 'median', title: t('gridDash.col.responseMedian'), value: (r) => duration(r.medianSeconds), align: 'right' },
        { key: 'p90', title: t('gridDash.col.responseP90'), value: (r) => duration(r.p90Seconds), align: 'right' },
      ]}
    />,
    <TableCard<Row<'hotSpots'>>
      key="hotspots"
      title={t('gridDash.tables.hotSpots')}
      testId="grid-dash-hotspots"
      fileName={file(t('gridDash.tables.hotSpots'))}
      rows={data.hotSpots}
      rowKey={(r) => `${r.lat}:${r.lng}`}
      columns={[
        { key: 'lat', title: t('gridDash.col.lat'), value: (r) => (r.lat + r.sizeLatDeg / 2).toFixed(5) },
        { key: 'lng', title: t('gridDash.col.lng'), value: (r) => (r.lng + r.sizeLngDeg / 2).toFixed(5) },
        { key: 'size', title: t('gridDash.col.cellSize'), value: (r) => r.sizeM, align: 'right' },
        { key: 'count', title: t('gridDash.col.count'), value: (r) => r.count, align: 'right' },
        { key: 'open', title: t('gridDash.col.open'), value: (r) => r.open, align: 'right' },
      ]}
    />,
    <TableCard<GridDashboard['surveys']['byKind'][number]>
      key="surveys"
      title={t('gridDash.tables.surveys')}
      testId="grid-dash-surveys"
      fileName={file(t('gridDash.tables.surveys'))}
      rows={data.surveys.byKind}
      rowKey={(r) => `${r.kind}:${r.status}`}
      columns={[
        {
          key: 'kind',
          title: t('gridDash.col.kind'),
          value: (r) => t(`gridDash.surveyKind.${r.kind}`, { defaultValue: t('gridDash.surveyKind.other') }),
        },
        { key: 'status', title: t('gridDash.col.status'), value: (r) => t(`gridDash.surveyStatus.${r.status}`) },
        { key: 'surveys', title: t('gridDash.col.survey'), value: (r) => r.surveys, align: 'right' },
        { key: 'answered', title: t('gridDash.col.answered'), value: (r) => r.answered, align: 'right' },
        { key: 'refused', title: t('gridDash.col.responses'), value: (r) => r.answered + r.refused, align: 'right' },
      ]}
    />,
    <TableCard<GridDashboard['services']['byStatus'][number]>
      key="services"
      title={t('gridDash.tables.services')}
      testId="grid-dash-services"
      fileName={file(t('gridDash.tables.services'))}
      rows={data.services.byStatus}
      rowKey={(r) => r.status}
      columns={[
        { key: 'status', title: t('gridDash.col.woStatus'), value: (r) => t(`gridDash.woStatus.${r.status}`, { defaultValue: r.status }) },
        { key: 'count', title: t('gridDash.col.count'), value: (r) => r.count, align: 'right' },
      ]}
    />,
  );
  return <>{cards}</>;
}
