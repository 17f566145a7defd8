// 在线 / 离线 / 从未上线 (and 已吊销), as a coloured tag.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Device } from './devicesApi.ts';

export default function DeviceStatusTag({ device }: { device: Pick<Device, 'status' | 'neverSeen' | 'revoked'> }) {
  const { t } = useTranslation();
  if (device.revoked) return <Tag data-testid="device-status">{t('devices.status.revoked')}</Tag>;
  if (device.status === 'online')
    return (
      <Tag color="success" data-testid="device-status">
        {t('devices.status.online')}
      </Tag>
    );
  if (device.neverSeen)
    return (
      <Tag color="default" data-testid="device-status">
        {t('devices.status.never')}
      </Tag>
    );
  return (
    <Tag color="error" data-testid="device-status">
      {t('devices.status.offline')}
    </Tag>
  );
}
