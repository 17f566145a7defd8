// 代下单: a community worker orders a service for an elder from the care profile: the kind, the time, a note, and
// whether the platform offers it at once to the best-ranked provider (automatic) or waits for a worker to choose.
import { App, Form, Input, Modal, Radio, Select, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { createOrder, fetchCatalogue, svcKeys, type Order } from './api.ts';
import { localName } from './labels.ts';

interface Values {
  kind: string;
  day: string;
  time: string;
  note?: string;
  dispatch: 'auto' | 'manual';
}
type Body = Parameters<typeof createOrder>[0];

/** The next fortnight's days in Shanghai (yyyy-mm-dd), today first: services are booked days ahead, not months. */
function days(): string[] {
  const now = Date.now() + 8 * 3_600_000;
  return Array.from({ length: 14 }, (_, i) => new Date(now + i * 86_400_000).toISOString().slice(0, 10));
}
/** Half hours from 07:00 to 20:00, when services are done. */
const TIMES = Array.from({ length: 27 }, (_, i) => `${String(7 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

export default function OrderForElderModal({ profileId, open, onClose }: { profileId: string; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const { form, save, modalProps } = useFormModal<Values, Body, Order>({
    mutationFn: createOrder,
    onDone: (o) => {
      void message.success(t('svc.orderFor.placed', { ref: o.ref }));
      void qc.invalidateQueries({ queryKey: svcKeys.all });
      void navigate(`/services/orders/${o.id}`);
    },
    onClose,
    submitTestId: 'svc-order-for-submit',
  });
  return (
    <Modal {...modalProps} open={open} title={t('svc.orderFor.title')} okText={t('svc.orderFor.submit')} cancelText={t('svc.cancel')}>
      {save.isError && <ProblemAlert title={t('svc.orderFor.failed')} error={save.error} testId="svc-order-for-failed" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ dispatch: 'auto' }}
        data-testid="svc-order-for-form"
        onFinish={(v) =>
          save.mutate({
            profileId,
            kind: v.kind,
            startsAt: `${v.day}T${v.time}:00+08:00`,
            note: v.note?.trim() || undefined,
            dispatch: v.dispatch,
          })
        }
      >
        <Form.Item name="kind" label={t('svc.order.kind')} rules={[{ required: true }]}>
          <Select
            data-testid="svc-order-for-kind"
            options={(catalogue.data?.kinds ?? []).map((k) => ({ value: k.code, label: localName(k.name, i18n.language) }))}
          />
        </Form.Item>
        <Form.Item label={t('svc.order.startsAt')} required>
          <Space.Compact block>
            <Form.Item name="day" noStyle rules={[{ required: true }]}>
              <Select
                showSearch
                style={{ width: '60%' }}
                placeholder={t('svc.orderFor.day')}
                options={days().map((d) => ({ value: d, label: d }))}
                data-testid="svc-order-for-day"
              />
            </Form.Item>
            <Form.Item name="time" noStyle rules={[{ required: true }]}>
              <Select
                showSearch
                style={{ width: '40%' }}
                placeholder={t('svc.orderFor.time')}
                options={TIMES.map((x) => ({ value: x, label: x }))}
                data-testid="svc-order-for-time"
              />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        <Form.Item name="note" label={t('svc.order.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} data-testid="svc-order-for-note" />
        </Form.Item>
        <Form.Item name="dispatch" label={t('svc.order.dispatchMode')}>
          <Radio.Group
            data-testid="svc-order-for-dispatch"
            options={[
              { value: 'auto', label: t('svc.dispatchMode.auto') },
              { value: 'manual', label: t('svc.dispatchMode.manual') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
