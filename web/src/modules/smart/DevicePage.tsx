// One device: where it is, its status and last seen time, and its credentials (rotate, revoke) for managers.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import DeviceStatusTag from './DeviceStatusTag.tsx';
import TechDetails from '../../app/TechDetails.tsx';
import { deviceKeys, fetchDevice, revokeDevice, rotateCredentials, type Credentials } from './devicesApi.ts';
import SecretModal from './SecretModal.tsx';
import { cityTime } from '../../app/time.ts';

export default function DevicePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const query = useQuery({ queryKey: deviceKeys.one(id), queryFn: () => fetchDevice(id), enabled: !!id });
  const refresh = () => void client.invalidateQueries({ queryKey: deviceKeys.all });
  const rotate = useMutation({ mutationFn: () => rotateCredentials(id), onSuccess: (c) => (setCredentials(c), refresh()) });
  const revoke = useMutation({ mutationFn: () => revokeDevice(id), onSuccess: refresh });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/devices')}>
      {t('devices.detail.back')}
    </Button>
  );
  if (query.isPending)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Card>
          <Result status="404" title={t('devices.detail.notFound')} extra={back} />
        </Card>
      );
    return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} action={back} />;
  }
  const d = query.data;
  const confirm = (content: string, run: () => void) =>
    modal.confirm({ title: t('devices.detail.confirmTitle'), content, onOk: run, okButtonProps: { danger: true } });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <span data-testid="device-name">{d.name}</span>
            <DeviceStatusTag device={d} />
            {!d.credentialsIssued && !d.revoked && <Tag color="warning">{t('devices.status.noCredentials')}</Tag>}
          </Space>
        }
        extra={back}
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('devices.col.profile')}>{d.profileName}</Descriptions.Item>
          <Descriptions.Item label={t('devices.col.compound')}>
            <Link to={`/compounds/${d.compoundId}`}>{d.compoundName ?? '—'}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.col.building')}>{d.buildingName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.col.location')}>{d.location ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.col.lastSeen')}>
            {d.neverSeen ? t('devices.neverSeen') : cityTime(d.lastSeenAt, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.col.key')}>
            <TechDetails inline>
              <code data-testid="device-key">{d.key}</code>
            </TechDetails>
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.col.vendor')}>{d.vendor ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.col.model')}>{d.model ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.col.serial')}>{d.serial ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('devices.col.created')}>{cityTime(d.createdAt, i18n.language)}</Descriptions.Item>
        </Descriptions>
        {(rotate.isError || revoke.isError) && (
          <Alert type="error" showIcon style={{ marginTop: 12 }} title={errorMessage(rotate.error ?? revoke.error)} />
        )}
        {can('devices.manage') && !d.revoked && (
          <Space style={{ marginTop: 16 }}>
            <Button
              loading={rotate.isPending}
              onClick={() => confirm(t('devices.detail.rotateConfirm'), () => rotate.mutate())}
              data-testid="device-rotate"
            >
              {d.credentialsIssued ? t('devices.detail.rotate') : t('devices.detail.issue')}
            </Button>
            <Button
              danger
              loading={revoke.isPending}
              onClick={() => confirm(t('devices.detail.revokeConfirm'), () => revoke.mutate())}
              data-testid="device-revoke"
            >
              {t('devices.detail.revoke')}
            </Button>
          </Space>
        )}
      </Card>
      <SecretModal credentials={credentials} onClose={() => setCredentials(null)} />
    </Space>
  );
}
