// The devices of the scope shown, offline first (then never heard from, then online), and the compound's
// buildings with their devices. Status words and times are Beijing-time words, never codes.
import { useMemo, type HTMLAttributes } from 'react';
import { Badge, Card, Empty, Flex, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { dutyKeys, fetchCompoundDevices } from './dutyApi.ts';
import { beijingTime } from './dutyFormat.ts';
import { deviceState, type DeviceItem, type DeviceState } from './dutyTypes.ts';

const stateOrder: Record<DeviceState, number> = { offline: 0, never: 1, online: 2 };
const stateBadge: Record<DeviceState, 'error' | 'default' | 'success'> = { offline: 'error', never: 'default', online: 'success' };
const stateTag: Record<DeviceState, string> = { offline: 'red', never: 'default', online: 'green' };

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
      render: (_: unknown, d) => <Badge status={stateBadge[deviceState(d)]} text={t(`duty.devices.status.${deviceState(d)}`)} />,
    },
    { title: t('duty.devices.name'), dataIndex: 'name' },
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

/** The compound's buildings, each with its devices (offline first), and the devices placed in no building last. */
export function BuildingsDevices({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: dutyKeys.compoundDevices(compoundId), queryFn: () => fetchCompoundDevices(compoundId) });
  if (q.isLoading) return <Skeleton active />;
  if (q.error) return <ProblemAlert testId="duty-buildings-error" title={t('common.error')} error={q.error} />;
  if (!q.data) return null;
  const groups = [
    ...q.data.buildings.map((b) => ({ key: b.id, name: b.name, items: b.devices })),
    ...(q.data.unplaced.length > 0 ? [{ key: 'none', name: t('duty.devices.noBuilding'), items: q.data.unplaced }] : []),
  ];
  if (groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.devices.empty')} />;
  return (
    <Flex wrap gap={12} data-testid="duty-buildings">
      {groups.map((g) => {
        const online = g.items.filter((d) => deviceState(d) === 'online').length;
        return (
          <Card
            key={g.key}
            size="small"
            type="inner"
            title={g.name}
            extra={
              g.items.length > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('duty.devices.online', { online, total: g.items.length })}
                </Typography.Text>
              )
            }
            style={{ flex: '1 1 260px', maxWidth: 420 }}
            data-testid="duty-building"
          >
            {g.items.length === 0 ? (
              <Typography.Text type="secondary">{t('duty.devices.empty')}</Typography.Text>
            ) : (
              <Flex wrap gap={6}>
                {offlineFirst(g.items).map((d) => (
                  <Tag
                    key={d.id}
                    color={stateTag[deviceState(d)]}
                    style={{ marginInlineEnd: 0 }}
                    data-testid="duty-building-device"
                    data-status={deviceState(d)}
                  >
                    {d.name} · {t(`duty.devices.status.${deviceState(d)}`)}
                  </Tag>
                ))}
              </Flex>
            )}
          </Card>
        );
      })}
    </Flex>
  );
}
