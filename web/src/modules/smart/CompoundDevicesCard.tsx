// On a compound's page: its buildings, each with its devices and their status (offline first), and the devices
// placed in no building. Shown to those who read devices; managers register a device here too.
import { useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, List, Skeleton, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import DeviceStatusTag from './DeviceStatusTag.tsx';
import { deviceKeys, fetchCompoundDevices, type Credentials, type Device } from './devicesApi.ts';
import RegisterDeviceModal from './RegisterDeviceModal.tsx';
import SecretModal from './SecretModal.tsx';
import { cityTime } from '../../app/time.ts';

export default function CompoundDevicesCard({ compound }: { compound: { id: string; name: string } }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const [registering, setRegistering] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const query = useQuery({
    queryKey: deviceKeys.ofCompound(compound.id),
    queryFn: () => fetchCompoundDevices(compound.id),
    enabled: can('devices.read'),
  });
  if (!can('devices.read')) return null;

  const list = (devices: Device[]) =>
    devices.length === 0 ? (
      <Typography.Text type="secondary">{t('devices.card.none')}</Typography.Text>
    ) : (
      <List
        size="small"
        dataSource={devices}
        renderItem={(d) => (
          <List.Item data-testid="compound-device" extra={<DeviceStatusTag device={d} />}>
            <Space wrap>
              <Link to={`/devices/${d.id}`}>{d.name}</Link>
              <Typography.Text type="secondary">{d.profileName}</Typography.Text>
              {d.location && <Typography.Text type="secondary">{d.location}</Typography.Text>}
              <Typography.Text type="secondary">
                {d.neverSeen ? t('devices.neverSeen') : cityTime(d.lastSeenAt, i18n.language)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    );

  const data = query.data;
  const items = data
    ? [
        ...data.buildings.map((b) => ({
          key: b.id,
          label: (
            <Space data-testid="compound-building">
              <strong>{b.name}</strong>
              <Typography.Text type="secondary">{t('devices.card.counts', { online: b.online, offline: b.offline })}</Typography.Text>
            </Space>
          ),
          children: list(b.devices),
        })),
        ...(data.unplaced.length
          ? [{ key: 'unplaced', label: <strong>{t('devices.card.unplaced')}</strong>, children: list(data.unplaced) }]
          : []),
      ]
    : [];

  return (
    <Card
      title={t('devices.card.title')}
      data-testid="compound-devices"
      extra={
        <Space>
          <Link to={`/devices?compoundId=${compound.id}`}>{t('devices.card.all')}</Link>
          {can('devices.manage') && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="compound-device-register">
              {t('devices.register')}
            </Button>
          )}
        </Space>
      }
    >
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <Alert type="error" showIcon title={errorMessage(query.error)} />
      ) : items.length === 0 ? (
        <Empty description={t('devices.empty')} />
      ) : (
        <Collapse items={items} defaultActiveKey={items.map((i) => i.key)} />
      )}
      <RegisterDeviceModal open={registering} compound={compound} onClose={() => setRegistering(false)} onRegistered={setCredentials} />
      <SecretModal credentials={credentials} onClose={() => setCredentials(null)} />
    </Card>
  );
}
