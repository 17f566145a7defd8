// What may be done to a work order next: take or start it, assign it, complete it with a photo (previewed before
// it is sent), record the call-back to the resident, cancel it. Each refreshes the order on success and shows the
// server's problem (a 409 naming the state, a 415 for a file that is no photo) on failure.
import { useEffect, useState } from 'react';
import { App, Button, Form, Image, Input, Radio, Select, Space, Typography, Upload } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import {
  assignWorkOrder,
  cancelWorkOrder,
  completeWorkOrder,
  fetchAssignees,
  outcomes,
  recordCallback,
  startWorkOrder,
  takeWorkOrder,
  workOrderKeys,
  type CallbackOutcome,
  type WorkOrder,
} from './api.ts';

/** A mutation that refreshes the order (and the lists) when it succeeds. */
function useOrderChange<A>(order: WorkOrder, fn: (arg: A) => Promise<unknown>, done: string) {
  const client = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void message.success(done);
      void client.invalidateQueries({ queryKey: workOrderKeys.all });
      void client.invalidateQueries({ queryKey: workOrderKeys.one(order.id) });
    },
  });
}

export function TakeStart({ order, mine }: { order: WorkOrder; mine: boolean }) {
  const { t } = useTranslation();
  const take = useOrderChange(order, () => takeWorkOrder(order.id), t('workOrders.taken'));
  const start = useOrderChange(order, () => startWorkOrder(order.id), t('workOrders.started'));
  const failed = take.error ?? start.error;
  if (order.status !== 'open' && !(mine && order.status === 'assigned')) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {failed && <ProblemAlert title={t('workOrders.actionFailed')} error={failed} testId="workorder-take-problem" />}
      <Space wrap>
        {order.status === 'open' && (
          <Button type="primary" loading={take.isPending} onClick={() => take.mutate(undefined)} data-testid="workorder-take">
            {t('workOrders.take')}
          </Button>
        )}
        {mine && order.status === 'assigned' && (
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate(undefined)} data-testid="workorder-start">
            {t('workOrders.start')}
          </Button>
        )}
      </Space>
    </Space>
  );
}

export function AssignForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const [assignee, setAssignee] = useState<string>();
  const candidates = useQuery({ queryKey: workOrderKeys.assignees(order.compoundId), queryFn: () => fetchAssignees(order.compoundId) });
  const assign = useOrderChange(order, (to: string) => assignWorkOrder(order.id, to), t('workOrders.assigned'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('workOrders.assign')}</Typography.Text>
      {assign.isError && <ProblemAlert title={t('workOrders.actionFailed')} error={assign.error} testId="workorder-assign-problem" />}
      <Space.Compact style={{ width: '100%' }}>
        <Select
          style={{ flex: 1 }}
          placeholder={t('workOrders.pickAssignee')}
          value={assignee}
          onChange={setAssignee}
          loading={candidates.isPending}
          data-testid="workorder-assignee-select"
          options={(candidates.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          notFoundContent={t('workOrders.noAssignees')}
        />
        <Button
          disabled={!assignee}
          loading={assign.isPending}
          onClick={() => assignee && assign.mutate(assignee)}
          data-testid="workorder-assign"
        >
          {t('workOrders.assign')}
        </Button>
      </Space.Compact>
    </Space>
  );
}

export function CompleteForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  useEffect(() => {
    if (!photo) return setPreview(null);
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);
  const complete = useOrderChange(order, () => completeWorkOrder(order.id, note.trim(), photo!), t('workOrders.completed'));
  return (
    <Form layout="vertical" data-testid="workorder-complete-form">
      <Typography.Text strong>{t('workOrders.complete')}</Typography.Text>
      {complete.isError && (
        <ProblemAlert title={t('workOrders.completeFailed')} error={complete.error} testId="workorder-complete-problem" />
      )}
      <Form.Item label={t('workOrders.fields.note')} required style={{ marginTop: 8 }}>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="workorder-complete-note"
        />
      </Form.Item>
      <Form.Item label={t('workOrders.photo')} required extra={t('workOrders.photoHint')}>
        <Upload
          accept="image/png,image/jpeg,.png,.jpg,.jpeg"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            setPhoto(file);
            return false;
          }}
        >
          <Button icon={<CameraOutlined />} data-testid="workorder-photo-pick">
            {photo ? t('workOrders.photoChange') : t('workOrders.photoPick')}
          </Button>
        </Upload>
        {preview && (
          <div style={{ marginTop: 8 }}>
            <Image src={preview} width={160} alt={photo?.name} data-testid="workorder-photo-preview" />
          </div>
        )}
      </Form.Item>
      <Button
        type="primary"
        disabled={!note.trim() || !photo}
        loading={complete.isPending}
        onClick={() => complete.mutate(undefined)}
        data-testid="workorder-complete"
      >
        {t('workOrders.completeOk')}
      </Button>
    </Form>
  );
}

export function CallbackForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CallbackOutcome>();
  const [note, setNote] = useState('');
  const record = useOrderChange(order, () => recordCallback(order.id, outcome!, note.trim()), t('workOrders.callbackRecorded'));
  return (
    <Form layout="vertical" data-testid="workorder-callback-form">
      <Typography.Text strong>{t('workOrders.callbackTitle')}</Typography.Text>
      <Typography.Paragraph type="secondary">{t('workOrders.callbackHint')}</Typography.Paragraph>
      {record.isError && <ProblemAlert title={t('workOrders.actionFailed')} error={record.error} testId="workorder-callback-problem" />}
      <Form.Item label={t('workOrders.fields.outcome')} required>
        <Radio.Group
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as CallbackOutcome)}
          data-testid="workorder-callback-outcome"
        >
          {outcomes.map((o) => (
            <Radio key={o} value={o} data-testid={`workorder-outcome-${o}`}>
              {t(`workOrders.outcomes.${o}`)}
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item label={t('workOrders.fields.callbackNote')}>
        <Input.TextArea
          rows={2}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="workorder-callback-note"
        />
      </Form.Item>
      <Button
        disabled={!outcome}
        loading={record.isPending}
        onClick={() => record.mutate(undefined)}
        data-testid="workorder-callback-submit"
      >
        {t('workOrders.callbackSubmit')}
      </Button>
    </Form>
  );
}

export function CancelForm({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const cancel = useOrderChange(order, () => cancelWorkOrder(order.id, reason.trim()), t('workOrders.cancelled'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('workOrders.cancel')}</Typography.Text>
      {cancel.isError && <ProblemAlert title={t('workOrders.actionFailed')} error={cancel.error} testId="workorder-cancel-problem" />}
      <Space.Compact style={{ width: '100%' }}>
        <Input placeholder={t('workOrders.cancelReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        <Button
          danger
          disabled={!reason.trim()}
          loading={cancel.isPending}
          onClick={() => cancel.mutate(undefined)}
          data-testid="workorder-cancel"
        >
          {t('workOrders.cancel')}
        </Button>
      </Space.Compact>
    </Space>
  );
}
