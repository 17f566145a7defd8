// 设备: the devices of one's scope, offline first, filtered; register one (its secret shown once), or import many.
import { useState } from 'react';
import { Breadcrumb, Button, Card, Flex, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { useAuth } from '../accounts/index.ts';
import DeviceStatusTag from './DeviceStatusTag.tsx';
import TechDetails from '../../app/TechDetails.tsx';
import { deviceKeys, fetchDevices, fetchProfiles, type Credentials, type Device, type DeviceFilters } from './devicesApi.ts';
import RegisterDeviceModal from './RegisterDeviceModal.tsx';
import SecretModal from './SecretModal.tsx';
import { cityTime } from '../../app/time.ts';

const PAGE_SIZE = 50;

export default function DevicesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: DeviceFilters = {
    compoundId: params.get('compoundId') ?? undefined,
    status: (params.get('status') as DeviceFilters['status']) ?? undefined,
    profile: params.get('profile') ?? undefined,
    q: params.get('q') ?? undefined,
  };
  const setFilter = (key: keyof DeviceFilters, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const [registering, setRegistering] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const profiles = useQuery({ queryKey: deviceKeys.profiles(i18n.language), queryFn: fetchProfiles });
  const query = useInfiniteQuery({
    queryKey: deviceKeys.list(filters),
    queryFn: ({ pageParam }) => fetchDevices(filters, PAGE_SIZE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const lang = i18n.language;

  const columns: ColumnsType<Device> = [
    {
      title: t('devices.col.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 180,
      render: (name: string, row) => (
        <Link to={`/devices/${row.id}`} data-testid="device-link">
          {name}
        </Link>
      ),
    },
    { title: t('devices.col.status'), key: 'status', width: 100, render: (_v, row) => <DeviceStatusTag device={row} /> },
    { title: t('devices.col.profile'), dataIndex: 'profileName', width: 130 },
    {
      title: t('devices.col.compound'),
      dataIndex: 'compoundName',
      width: 160,
      render: (name: string | null, row) => <Link to={`/compounds/${row.compoundId}`}>{name ?? '—'}</Link>,
    },
    { title: t('devices.col.building'), dataIndex: 'buildingName', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('devices.col.location'), dataIndex: 'location', ellipsis: true, render: (v: string | null) => v ?? '—' },
    {
      title: t('devices.col.lastSeen'),
      dataIndex: 'lastSeenAt',
      width: 180,
      render: (v: string | null, row) => (row.neverSeen ? t('devices.neverSeen') : cityTime(v, lang)),
    },
    {
      title: t('devices.col.key'),
      dataIndex: 'key',
      width: 200,
      render: (v: string) => (
        <TechDetails inline>
          <code>{v}</code>
        </TechDetails>
      ),
    },
  ];

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('devices.title') }]} />
      <Card
        title={t('devices.title')}
        size="small"
        extra={
          can('devices.manage') && (
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/devices/import')} data-testid="devices-import">
                {t('devices.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="device-register">
                {t('devices.register')}
              </Button>
            </Space>
          )
        }
      >
        <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
          {filters.compoundId && (
            <Tag closable onClose={() => setFilter('compoundId', undefined)} data-testid="devices-compound-filter">
              {t('devices.filters.compoundIs', { name: rows[0]?.compoundName ?? '…' })}
            </Tag>
          )}
          <Input.Search
            allowClear
            placeholder={t('devices.filters.q')}
            defaultValue={filters.q}
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            style={{ width: 280 }}
            data-testid="devices-q"
          />
          <Select
            allowClear
            placeholder={t('devices.filters.status')}
            value={filters.status}
            onChange={(v?: string) => setFilter('status', v)}
            style={{ width: 140 }}
            options={(['offline', 'never', 'online'] as const).map((s) => ({ value: s, label: t(`devices.status.${s}`) }))}
            data-testid="devices-status"
          />
          <Select
            allowClear
            placeholder={t('devices.filters.profile')}
            value={filters.profile}
            onChange={(v?: string) => setFilter('profile', v)}
            style={{ width: 180 }}
            options={profiles.data?.map((p) => ({ value: p.code, label: p.name }))}
            data-testid="devices-profile"
          />
        </Flex>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="devices-table"
          emptyText={t('devices.empty')}
          scrollX={1200}
          exportName={t('devices.title')}
        />
      </Card>
      <RegisterDeviceModal open={registering} onClose={() => setRegistering(false)} onRegistered={setCredentials} />
      <SecretModal credentials={credentials} onClose={() => setCredentials(null)} />
    </>
  );
}
