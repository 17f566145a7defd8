// The provider page's small forms: the provider itself (name, dialects, base, active), a qualification with its expiry, an offering at a price, and an offering's time
// slots with their capacity (listed soonest first, with the places already booked).
import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { parseYuanToFen } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import {
  addOffering,
  addQualification,
  addSlots,
  fetchCatalogue,
  fetchSlots,
  svcKeys,
  updateProvider,
  type Provider,
  type ProviderChange,
} from './api.ts';
import { formatAt, localName } from './labels.ts';
import { DateField, DateRangeField } from '../../app/DateTimeField.tsx';

/** A modal form behind a small button; the mutation's failure is shown in it, a success closes it. */
function useModalForm<V>(submit: (v: V) => Promise<unknown>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<V>();
  const save = useMutation({
    mutationFn: submit,
    onSuccess: async () => {
      setOpen(false);
      form.resetFields();
      void message.success(t('svc.provider.saved'));
      await qc.invalidateQueries({ queryKey: svcKeys.all });
    },
  });
  return { open, setOpen, form, save };
}

export function AddQualification({ providerId }: { providerId: string }) {
  const { t, i18n } = useTranslation();
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const m = useModalForm<{ code: string; ref?: string; validUntil: string }>((v) =>
    addQualification(providerId, { code: v.code, ref: v.ref?.trim() || undefined, validUntil: v.validUntil }),
  );
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => m.setOpen(true)} data-testid="svc-qual-add">
        {t('svc.provider.addQualification')}
      </Button>
      <Modal
        open={m.open}
        title={t('svc.provider.addQualification')}
        okText={t('svc.save')}
        cancelText={t('svc.cancel')}
        onOk={() => m.form.submit()}
        onCancel={() => m.setOpen(false)}
        okButtonProps={{ loading: m.save.isPending, 'data-testid': 'svc-qual-save' } as never}
        destroyOnHidden
      >
        {m.save.isError && <ProblemAlert title={t('svc.provider.saveFailed')} error={m.save.error} testId="svc-qual-failed" />}
        <Form form={m.form} layout="vertical" onFinish={(v) => m.save.mutate(v)}>
          <Form.Item name="code" label={t('svc.provider.qualification')} rules={[{ required: true }]}>
            <Select
              options={(catalogue.data?.qualifications ?? []).map((q) => ({ value: q.code, label: localName(q.name, i18n.language) }))}
            />
          </Form.Item>
          <Form.Item name="ref" label={t('svc.provider.ref')} rules={[{ max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="validUntil" label={t('svc.provider.validUntil')} rules={[{ required: true }]}>
            <DateField />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function AddOffering({ providerId }: { providerId: string }) {
  const { t, i18n } = useTranslation();
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const m = useModalForm<{ kind: string; name: string; price: string }>((v) =>
    addOffering(providerId, { kind: v.kind, name: v.name.trim(), priceFen: Number(parseYuanToFen(v.price) ?? 0n) }),
  );
  return (
    <>
      <Button size="small" icon={<PlusOutlined />} onClick={() => m.setOpen(true)} data-testid="svc-offering-add">
        {t('svc.provider.addOffering')}
      </Button>
      <Modal
        open={m.open}
        title={t('svc.provider.addOffering')}
        okText={t('svc.save')}
        cancelText={t('svc.cancel')}
        onOk={() => m.form.submit()}
        onCancel={() => m.setOpen(false)}
        okButtonProps={{ loading: m.save.isPending, 'data-testid': 'svc-offering-save' } as never}
        destroyOnHidden
      >
        {m.save.isError && <ProblemAlert title={t('svc.provider.saveFailed')} error={m.save.error} testId="svc-offering-failed" />}
        <Form form={m.form} layout="vertical" onFinish={(v) => m.save.mutate(v)}>
          <Form.Item name="kind" label={t('svc.order.kind')} rules={[{ required: true }]}>
            <Select options={(catalogue.data?.kinds ?? []).map((k) => ({ value: k.code, label: localName(k.name, i18n.language) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('svc.provider.offeringName')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="price"
            label={t('svc.provider.priceYuan')}
            rules={[{ required: true, pattern: /^\d{1,6}(\.\d{1,2})?$/, message: t('svc.provider.priceInvalid') }]}
          >
            <Input inputMode="decimal" placeholder="16.00" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function OfferingSlots({ offeringId }: { offeringId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const slots = useQuery({ queryKey: svcKeys.slots(offeringId), queryFn: () => fetchSlots(offeringId) });
  const m = useModalForm<{ range: [string, string]; capacity: number }>((v) =>
    addSlots(offeringId, [
      { startsAt: new Date(v.range[0]).toISOString(), endsAt: new Date(v.range[1]).toISOString(), capacity: v.capacity },
    ]),
  );
  const lang = i18n.language;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`svc-slots-${offeringId}`}>
      {slots.isError && <ProblemAlert title={t('svc.provider.slotsFailed')} error={slots.error} testId="svc-slots-error" />}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={slots.isPending}
        dataSource={slots.data?.items ?? []}
        locale={{ emptyText: t('svc.provider.noSlots') }}
        columns={[
          {
            title: t('svc.provider.slot'),
            key: 's',
            render: (_, s) => `${formatAt(s.startsAt, lang)} – ${formatAt(s.endsAt, lang).slice(-5)}`,
          },
          { title: t('svc.provider.capacity'), dataIndex: 'capacity', align: 'right' },
          { title: t('svc.provider.booked'), dataIndex: 'booked', align: 'right' },
          {
            title: t('svc.provider.free'),
            key: 'f',
            align: 'right',
            render: (_, s) => (
              <Typography.Text type={s.capacity - s.booked ? undefined : 'danger'}>{s.capacity - s.booked}</Typography.Text>
            ),
          },
        ]}
      />
      {can('services.manage') && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => m.setOpen(true)} data-testid="svc-slot-add">
          {t('svc.provider.addSlot')}
        </Button>
      )}
      <Modal
        open={m.open}
        title={t('svc.provider.addSlot')}
        okText={t('svc.save')}
        cancelText={t('svc.cancel')}
        onOk={() => m.form.submit()}
        onCancel={() => m.setOpen(false)}
        okButtonProps={{ loading: m.save.isPending, 'data-testid': 'svc-slot-save' } as never}
        destroyOnHidden
      >
        {m.save.isError && <ProblemAlert title={t('svc.provider.saveFailed')} error={m.save.error} testId="svc-slot-failed" />}
        <Form form={m.form} layout="vertical" initialValues={{ capacity: 5 }} onFinish={(v) => m.save.mutate(v)}>
          <Form.Item name="range" label={t('svc.provider.slot')} rules={[{ required: true }]}>
            <DateRangeField time minuteStep={15} />
          </Form.Item>
          <Form.Item name="capacity" label={t('svc.provider.capacity')} rules={[{ required: true }]}>
            <InputNumber min={1} max={10000} precision={0} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export function EditProvider({ p }: { p: Provider }) {
  const { t, i18n } = useTranslation();
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const m = useModalForm<ProviderChange>((v) => updateProvider(p.id, { ...v, name: v.name.trim(), gender: v.gender ?? null }));
  return (
    <>
      <Button onClick={() => m.setOpen(true)} data-testid="svc-provider-edit">
        {t('svc.provider.edit')}
      </Button>
      <Modal
        open={m.open}
        title={t('svc.provider.editTitle')}
        okText={t('svc.save')}
        cancelText={t('svc.cancel')}
        onOk={() => m.form.submit()}
        onCancel={() => m.setOpen(false)}
        okButtonProps={{ loading: m.save.isPending, 'data-testid': 'svc-provider-edit-save' } as never}
        destroyOnHidden
      >
        {m.save.isError && <ProblemAlert title={t('svc.provider.saveFailed')} error={m.save.error} testId="svc-provider-edit-failed" />}
        <Form
          form={m.form}
          layout="vertical"
          initialValues={{ name: p.name, gender: p.gender, dialects: p.dialects, lat: p.lat, lng: p.lng, active: p.active }}
          onFinish={(v) => m.save.mutate(v)}
        >
          <Form.Item name="name" label={t('svc.provider.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="svc-provider-edit-name" />
          </Form.Item>
          {p.kind === 'individual' && (
            <Form.Item name="gender" label={t('svc.provider.gender')}>
              <Select allowClear options={['female', 'male'].map((g) => ({ value: g, label: t(`svc.gender.${g}`) }))} />
            </Form.Item>
          )}
          <Form.Item name="dialects" label={t('svc.profile.dialect')}>
            <Select
              mode="multiple"
              options={(catalogue.data?.dialects ?? []).map((d) => ({ value: d.code, label: localName(d.name, i18n.language) }))}
            />
          </Form.Item>
          <Form.Item name="lat" label={t('svc.provider.lat')} rules={[{ required: true }]}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={t('svc.provider.lng')} rules={[{ required: true }]}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="active" label={t('svc.provider.activeHint')} valuePropName="checked">
            <Switch data-testid="svc-provider-edit-active" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
