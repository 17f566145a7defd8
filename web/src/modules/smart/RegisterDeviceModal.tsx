// 登记设备: profile (Chinese names), compound (searched), building of that compound; the answer's secret goes to SecretModal.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useFormModal } from '../../app/useFormModal.ts';
import { fetchCompounds } from '../registry/index.ts';
import { deviceKeys, fetchCompoundDevices, fetchProfiles, registerDevice, type Credentials, type NewDevice } from './devicesApi.ts';

interface Props {
  open: boolean;
  /** Registering from a compound's page: the compound is given. */
  compound?: { id: string; name: string };
  onClose: () => void;
  onRegistered: (credentials: Credentials & { id: string }) => void;
}

export default function RegisterDeviceModal({ open, compound, onClose, onRegistered }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const { form, save, modalProps } = useFormModal<NewDevice, NewDevice, Awaited<ReturnType<typeof registerDevice>>>({
    mutationFn: registerDevice,
    onDone: (created) => {
      void client.invalidateQueries({ queryKey: deviceKeys.all });
      onRegistered({ id: created.id, key: created.key, secret: created.secret });
    },
    onClose,
    submitTestId: 'device-submit',
  });
  const compoundId = Form.useWatch('compoundId', form) ?? compound?.id;
  const profiles = useQuery({ queryKey: deviceKeys.profiles(i18n.language), queryFn: fetchProfiles, enabled: open });
  const compounds = useQuery({
    queryKey: ['devices', 'compound-search', search],
    queryFn: () => fetchCompounds({ q: search || undefined }, 20),
    enabled: open && !compound,
  });
  const places = useQuery({
    queryKey: deviceKeys.ofCompound(compoundId ?? ''),
    queryFn: () => fetchCompoundDevices(compoundId!),
    enabled: open && !!compoundId,
  });
  const gateways = [...(places.data?.buildings.flatMap((b) => b.devices) ?? []), ...(places.data?.unplaced ?? [])].filter(
    (d) => !d.revoked && profiles.data?.find((p) => p.code === d.profile)?.gateway,
  );
  const required = [{ required: true, message: t('devices.form.required') }];

  return (
    <Modal {...modalProps} open={open} title={t('devices.form.title')} okText={t('devices.form.submit')}>
      {save.isError && (
        <Alert type="error" showIcon title={errorMessage(save.error)} style={{ marginBottom: 12 }} data-testid="device-error" />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ compoundId: compound?.id }}
        onFinish={(v) => save.mutate({ ...v, compoundId: compound?.id ?? v.compoundId })}
      >
        {compound ? (
          <Form.Item label={t('devices.form.compound')}>{compound.name}</Form.Item>
        ) : (
          <Form.Item name="compoundId" label={t('devices.form.compound')} rules={required}>
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder={t('devices.form.compoundPick')}
              loading={compounds.isFetching}
              options={compounds.data?.items.map((c) => ({ value: c.id, label: c.name }))}
              onChange={() => form.setFieldsValue({ buildingId: undefined, gatewayId: undefined })}
              data-testid="device-compound"
            />
          </Form.Item>
        )}
        <Form.Item name="profile" label={t('devices.form.profile')} rules={required}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={profiles.isPending}
            options={profiles.data?.map((p) => ({ value: p.code, label: p.name }))}
            data-testid="device-profile"
          />
        </Form.Item>
        <Form.Item name="name" label={t('devices.form.name')} rules={[...required, { max: 100 }]}>
          <Input data-testid="device-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="buildingId" label={t('devices.form.building')}>
          <Select
            allowClear
            placeholder={t('devices.form.buildingNone')}
            disabled={!compoundId}
            options={places.data?.buildings.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="device-building"
          />
        </Form.Item>
        <Form.Item name="location" label={t('devices.form.location')} rules={[{ max: 200 }]}>
          <Input maxLength={200} data-testid="device-location" />
        </Form.Item>
        <Form.Item name="vendor" label={t('devices.form.vendor')} rules={[{ max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="model" label={t('devices.form.model')} rules={[{ max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="serial" label={t('devices.form.serial')} rules={[{ max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        {gateways.length > 0 && (
          <Form.Item name="gatewayId" label={t('devices.form.gateway')}>
            <Select allowClear options={gateways.map((g) => ({ value: g.id, label: g.name }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
