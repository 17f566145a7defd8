// Raising a work order by hand: the compound (searched), what and where, urgency, a due time, and an assignee now
// or open for taking. An order for a resident's call for help asks for the call-back before it closes.
import { useState } from 'react';
import { Checkbox, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCompounds, registryKeys } from '../registry/index.ts';
import { createWorkOrder, fetchAssignees, priorities, workOrderKeys, type WorkOrderPriority } from './api.ts';
import { DateTimeField } from '../../app/DateTimeField.tsx';

interface Values {
  compoundId: string;
  title: string;
  description?: string;
  priority: WorkOrderPriority;
  due?: string;
  assigneeId?: string;
  callbackRequired?: boolean;
}

export default function NewWorkOrderModal({
  open,
  onClose,
  onRaised,
}: {
  open: boolean;
  onClose: () => void;
  onRaised: (id: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [q, setQ] = useState('');
  const compoundId = Form.useWatch('compoundId', form);
  const compounds = useQuery({
    queryKey: [...registryKeys.compounds({ q: q || undefined }), 'workorder-pick'],
    queryFn: () => fetchCompounds({ q: q || undefined }, 20),
    enabled: open,
  });
  const assignees = useQuery({
    queryKey: workOrderKeys.assignees(compoundId ?? ''),
    queryFn: () => fetchAssignees(compoundId!),
    enabled: !!compoundId,
  });
  const raise = useMutation({
    mutationFn: (v: Values) =>
      createWorkOrder({
        compoundId: v.compoundId,
        title: v.title,
        description: v.description,
        priority: v.priority,
        dueAt: v.due ? new Date(v.due).toISOString() : null,
        assigneeId: v.assigneeId ?? null,
        callbackRequired: v.callbackRequired ?? false,
      }),
    onSuccess: (order) => {
      void client.invalidateQueries({ queryKey: workOrderKeys.all });
      form.resetFields();
      onRaised(order.id);
    },
  });
  return (
    <Modal
      open={open}
      title={t('workOrders.raise')}
      onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => raise.mutate(v))}
      okText={t('workOrders.raiseOk')}
      okButtonProps={{ loading: raise.isPending, 'data-testid': 'workorder-new-submit' }}
      destroyOnHidden
    >
      {raise.isError && <ProblemAlert title={t('workOrders.raiseFailed')} error={raise.error} testId="workorder-new-problem" />}
      <Form form={form} layout="vertical" initialValues={{ priority: 'normal' }} data-testid="workorder-new-form">
        <Form.Item
          name="compoundId"
          label={t('workOrders.fields.compound')}
          rules={[{ required: true, message: t('workOrders.required') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            data-testid="workorder-new-compound"
            loading={compounds.isFetching}
            options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            onChange={() => form.setFieldValue('assigneeId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('workOrders.fields.title')}
          rules={[{ required: true, whitespace: true, message: t('workOrders.required') }]}
        >
          <Input maxLength={200} data-testid="workorder-new-title" />
        </Form.Item>
        <Form.Item name="description" label={t('workOrders.fields.description')}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="workorder-new-description" />
        </Form.Item>
        <Form.Item name="priority" label={t('workOrders.fields.priority')}>
          <Select
            options={priorities.map((p) => ({ value: p, label: t(`workOrders.priorities.${p}`) }))}
            data-testid="workorder-new-priority"
          />
        </Form.Item>
        <Form.Item name="due" label={t('workOrders.fields.due')}>
          <DateTimeField />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('workOrders.fields.assignee')} extra={t('workOrders.assigneeHint')}>
          <Select
            allowClear
            disabled={!compoundId}
            data-testid="workorder-new-assignee"
            options={(assignees.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          />
        </Form.Item>
        <Form.Item name="callbackRequired" valuePropName="checked">
          <Checkbox data-testid="workorder-new-callback">{t('workOrders.fields.callbackRequired')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
