// The timetable as a table: one row per package, coordinated and departments-alone dates, paginated.
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import { departmentColor } from './gantt.ts';
import { useLabels } from './hooks.ts';
import type { ScheduledPackage } from './types.ts';

export default function ScheduleTable({ packages, departments }: { packages: ScheduledPackage[]; departments: string[] }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const kinds = [...new Set(packages.map((p) => p.kind))];
  const columns: ColumnsType<ScheduledPackage> = [
    {
      title: t('coordination.columns.compound'),
      dataIndex: 'compoundName',
      width: 180,
      fixed: 'left',
      sorter: (a, b) => a.compoundName.localeCompare(b.compoundName, 'zh-CN'),
    },
    {
      title: t('coordination.columns.kind'),
      dataIndex: 'kind',
      width: 120,
      filters: kinds.map((k) => ({ text: labels.kind(k), value: k })),
      onFilter: (value, row) => row.kind === value,
      render: (k: string, row) => (
        <>
          {labels.kind(k)}
          {row.opensGround && (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('coordination.columns.opensGround')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('coordination.columns.department'),
      dataIndex: 'department',
      width: 110,
      filters: departments.map((d) => ({ text: labels.department(d), value: d })),
      onFilter: (value, row) => row.department === value,
      render: (d: string) => <Tag color={departmentColor(d)}>{labels.department(d)}</Tag>,
    },
    {
      title: t('coordination.columns.start'),
      dataIndex: 'startDate',
      width: 110,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => a.start - b.start || a.compoundName.localeCompare(b.compoundName, 'zh-CN'),
    },
    { title: t('coordination.columns.end'), dataIndex: 'endDate', width: 110, sorter: (a, b) => a.end - b.end },
    { title: t('coordination.columns.baselineStart'), dataIndex: 'baselineStartDate', width: 120 },
    { title: t('coordination.columns.baselineEnd'), dataIndex: 'baselineEndDate', width: 120 },
    { title: t('coordination.columns.duration'), dataIndex: 'durationDays', width: 120, align: 'right' },
    { title: t('coordination.columns.crews'), dataIndex: 'crews', width: 80, align: 'right' },
    {
      title: t('coordination.columns.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: string) => t(`coordination.packageStatus.${s}`, { defaultValue: s }),
    },
  ];
  return (
    <Table<ScheduledPackage>
      data-testid="schedule-table"
      rowKey="packageId"
      size="small"
      bordered
      columns={columns}
      dataSource={packages}
      scroll={{ x: 1200 }}
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (n) => t('coordination.schedule.packages', { count: n }) }}
    />
  );
}
