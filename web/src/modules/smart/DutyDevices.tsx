// The devices of the scope shown, offline first (then never seen, then online), and the compound's buildings
// with their devices. Status words and times are Beijing-time words, never codes.
import { useMemo, type HTMLAttributes } from 'react';
import { Badge, Card, Empty, Flex, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchProfiles } from './dutyApi.ts';
import { beijingTime } from './dutyFormat.ts';
import type { DeviceItem } from './dutyTypes.ts';

const statusOrder: Record<DeviceItem['status'], number> = { offline: 0, never: 1, online: 2 };
const statusColor: Record<DeviceItem['status'], 'error' | 'default' | 'success'> = {
  offline: 'error',
  never: 'default',
  online: 'success',
};

export function offlineFirst(devices: DeviceItem[]): DeviceItem[] {
  return [...devices].sort((a, b) => statusOrder[a.status] - statusOrder[b.status] || a.name.localeCompare(b.name, 'zh-CN'));
}

/** A profile's name in the interface's language, from GET /device-profiles. */
export function useProfileName(): (code: string) => string {
  const { i18n, t } = useTranslation();
  const profiles = useQuery({ queryKey: ['duty', 'profiles'], queryFn: fetchProfiles, staleTime: 30 * 60_000 });
  return (code) => {
    const p = profiles.data?.find((x) => x.code === code);
    if (!p) return t('duty.types.other');
    return typeof p.name === 'string' ? p.name : (p.name[i18n.language] ?? p.name['zh-CN'] ?? t('duty.types.other'));
  };
}

interface ListProps {
  devices: DeviceItem[] | undefined;
  loading: boolean;
  error: unknown;
  compoundName: (id: string) => string;
}

export function DeviceStatusList({ devices, loading, error, compoundName }: ListProps) {
  const { t } = useTranslation();
  const profileName = useProfileName();
  const rows = useMemo(() => offlineFirst(devices ?? []), [devices]);
  if (loading) return <Skeleton active data-testid="duty-devices-loading" />;
  if (error) return <ProblemAlert testId="duty-devices-error" title={t('common.error')} error={error} />;
  const online = rows.filter((d) => d.status === 'online').length;
  const columns: TableColumnsType<DeviceItem> = [
    {
      title: t('duty.field.status'),
      dataIndex: 'status',
      width: 96,
      render: (s: DeviceItem['status']) => <Badge status={statusColor[s]} text={t(`duty.devices.status.${s}`)} />,
    },
    { title: t('duty.devices.name'), dataIndex: 'name' },
    { title: t('duty.devices.profile'), dataIndex: 'profile', render: (p: string) => profileName(p), responsive: ['sm'] },
    { title: t('duty.field.compound'), dataIndex: 'compoundId', render: (id: string) => compoundName(id), responsive: ['md'] },
    { title: t('duty.field.location'), dataIndex: 'location', responsive: ['lg'] },
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
        onRow={(d) => ({ 'data-testid': 'duty-device-row', 'data-status': d.status }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.devices.empty')} /> }}
      />
    </Flex>
  );
}

export interface BuildingRef {
  id: string;
  name: string;
}

/** The compound's buildings, each with its devices (and the devices tied to no building last). */
export function BuildingsDevices({ buildings, devices }: { buildings: BuildingRef[]; devices: DeviceItem[] }) {
  const { t } = useTranslation();
  const groups = [
    ...buildings.map((b) => ({ key: b.id, name: b.name, items: devices.filter((d) => d.buildingId === b.id) })),
    {
      key: 'none',
      name: t('duty.devices.noBuilding'),
      items: devices.filter((d) => !d.buildingId || !buildings.some((b) => b.id === d.buildingId)),
    },
  ].filter((g) => g.key !== 'none' || g.items.length > 0);
  if (groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.devices.empty')} />;
  return (
    <Flex wrap gap={12} data-testid="duty-buildings">
      {groups.map((g) => (
        <Card key={g.key} size="small" type="inner" title={g.name} style={{ flex: '1 1 240px', maxWidth: 380 }} data-testid="duty-building">
          {g.items.length === 0 ? (
            <Typography.Text type="secondary">{t('duty.devices.empty')}</Typography.Text>
          ) : (
            <Flex wrap gap={6}>
              {offlineFirst(g.items).map((d) => (
                <Tag
                  key={d.id}
                  color={d.status === 'online' ? 'green' : d.status === 'offline' ? 'red' : 'default'}
                  style={{ marginInlineEnd: 0 }}
                >
                  {d.name} · {t(`duty.devices.status.${d.status}`)}
                </Tag>
              ))}
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}
