// The devices of the scope shown, offline first (then never heard from, then online), each linking to its page.
// Status words and times in Beijing time, never codes.
import { useMemo, type HTMLAttributes } from 'react';
import { Empty, Flex, Skeleton, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import DeviceStatusTag from './DeviceStatusTag.tsx';
import { beijingTime } from './dutyFormat.ts';
import { deviceState, type DeviceItem, type DeviceState } from './dutyTypes.ts';

const stateOrder: Record<DeviceState, number> = { offline: 0, never: 1, online: 2 };

export function offlineFirst<T extends Pick<DeviceItem, 'status' | 'neverSeen' | 'name'>>(devices: T[]): T[] {
  return [...devices].sort((a, b) => stateOrder[deviceState(a)] - stateOrder[deviceState(b)] || a.name.localeCompare(b.name, 'zh-CN'));
}

interface ListProps {
  devices: DeviceItem[] | undefined;
  loading: boolean;
  error: unknown;
  compoundName: (id: string) => string;
}

export function DeviceStatusList({ devices, loading, error, compoundName }: ListProps) {
  const { t } = useTranslation();
  const rows = useMemo(() => offlineFirst(devices ?? []), [devices]);
  if (loading) return <Skeleton active data-testid="duty-devices-loading" />;
  if (error) return <ProblemAlert testId="duty-devices-error" title={t('common.error')} error={error} />;
  const online = rows.filter((d) => deviceState(d) === 'online').length;
  const columns: TableColumnsType<DeviceItem> = [
    {
      title: t('duty.field.status'),
      key: 'status',
      width: 96,
      render: (_: unknown, d) => <DeviceStatusTag device={d} />,
    },
    { title: t('duty.devices.name'), dataIndex: 'name', render: (name: string, d) => <Link to={`/devices/${d.id}`}>{name}</Link> },
    { title: t('duty.devices.profile'), dataIndex: 'profileName', responsive: ['sm'] },
    {
      title: t('duty.field.compound'),
      key: 'compound',
      render: (_: unknown, d) => d.compoundName ?? compoundName(d.compoundId),
      responsive: ['md'],
    },
    { title: t('duty.field.building'), dataIndex: 'buildingName', responsive: ['lg'] },
    { title: t('duty.field.location'), dataIndex: 'location', responsive: ['xl'] },
    { title: t('duty.devices.lastSeen'), dataIndex: 'lastSeenAt', render: (at: string | null) => beijingTime(at), responsive: ['sm'] },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text data-testid="duty-devices-online" data-online={online} data-total={rows.length}>
        {t('duty.devices.online', { online, total: rows.length })}
      </Typography.Text>
      <Table<DeviceItem>
        data-testid="duty-devices"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={(d) => ({ 'data-testid': 'duty-device-row', 'data-status': deviceState(d) }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.devices.empty')} /> }}
      />
    </Flex>
  );
}
