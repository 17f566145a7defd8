// 服务投诉 (/services/complaints): complaints about service orders in the division, oldest first, by status; each
// is followed up (handling, resolved or closed, with a note) and keeps its steps.
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Empty, Form, Input, Modal, Select, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import { fetchComplaints, followUpComplaint, svcKeys, type Complaint, type ComplaintStatus } from './api.ts';
import { COMPLAINT_COLOR, COMPLAINT_STATUSES, complaintStatusName, formatAt } from './labels.ts';

/** The statuses a complaint may move to from its own (the server's lifecycle, for the form's choices). */
const NEXT: Record<ComplaintStatus, ComplaintStatus[]> = {
  open: ['handling', 'resolved', 'closed'],
  handling: ['resolved', 'closed'],
  resolved: ['handling', 'closed'],
  closed: [],
};

function FollowUp({ c, onClose }: { c: Complaint; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ status: ComplaintStatus; note?: string }>();
  const save = useMutation({
    mutationFn: (v: { status: ComplaintStatus; note?: string }) => followUpComplaint(c.id, v.status, v.note?.trim() || undefined),
    onSuccess: async () => {
      void message.success(t('svc.complaints.saved'));
      await qc.invalidateQueries({ queryKey: svcKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('svc.complaints.followUp')}
      okText={t('svc.save')}
      cancelText={t('svc.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'svc-complaint-save' } as never}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.text}</Typography.Paragraph>
      {save.isError && <ProblemAlert title={t('svc.complaints.saveFailed')} error={save.error} testId="svc-complaint-failed" />}
      <Form form={form} layout="vertical" initialValues={{ status: NEXT[c.status][0] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="status" label={t('svc.complaints.next')} rules={[{ required: true }]}>
          <Select
            data-testid="svc-complaint-status"
            options={NEXT[c.status].map((s) => ({ value: s, label: complaintStatusName(t, s) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('svc.complaints.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="svc-complaint-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function ComplaintsPage() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ComplaintStatus | undefined>();
  const [open, setOpen] = useState<Complaint | null>(null);
  const list = useQuery({ queryKey: svcKeys.complaints(status), queryFn: () => fetchComplaints(status) });
  const lang = i18n.language;
  return (
    <Card title={t('svc.complaints.title')} data-testid="svc-complaints-page">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('svc.complaints.hint')}</Typography.Text>
        <Select
          data-testid="svc-complaints-status"
          style={{ width: 160 }}
          allowClear
          placeholder={t('svc.orders.allStatuses')}
          value={status}
          onChange={setStatus}
          options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: complaintStatusName(t, s) }))}
        />
        {list.isPending ? (
          <Skeleton active />
        ) : list.isError ? (
          <LoadFailure
            error={list.error}
            title={t('svc.complaints.loadFailed')}
            notFoundTitle={t('svc.complaints.loadFailed')}
            testId="svc-complaints"
            onRetry={() => void list.refetch()}
          />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={list.data.items}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.complaints.empty')} /> }}
            onRow={(c) => ({ 'data-testid': `svc-complaint-${c.id}`, 'data-status': c.status }) as never}
            expandable={{
              expandedRowRender: (c) => (
                <Timeline
                  items={c.steps.map((s, i) => ({
                    key: i,
                    content: (
                      <div>
                        <Typography.Text strong>{complaintStatusName(t, s.status)}</Typography.Text>{' '}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatAt(s.at, lang)}
                        </Typography.Text>
                        {s.note && <div style={{ whiteSpace: 'pre-wrap' }}>{s.note}</div>}
                      </div>
                    ),
                  }))}
                />
              ),
            }}
            columns={[
              { title: t('svc.complaints.filedAt'), key: 'f', width: 150, render: (_, c) => formatAt(c.filedAt, lang) },
              {
                title: t('svc.complaints.text'),
                key: 'x',
                render: (_, c) => (
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                    {c.text}
                  </Typography.Paragraph>
                ),
              },
              {
                title: t('svc.order.status'),
                key: 's',
                width: 100,
                render: (_, c) => <Tag color={COMPLAINT_COLOR[c.status]}>{complaintStatusName(t, c.status)}</Tag>,
              },
              { title: t('svc.complaints.updatedAt'), key: 'u', width: 150, render: (_, c) => formatAt(c.updatedAt, lang) },
              {
                title: '',
                key: 'go',
                width: 180,
                render: (_, c) => (
                  <Space>
                    <Link to={`/services/orders/${c.orderId}`}>{t('svc.complaints.order')}</Link>
                    {NEXT[c.status].length > 0 && (
                      <Button size="small" onClick={() => setOpen(c)} data-testid={`svc-complaint-follow-${c.id}`}>
                        {t('svc.complaints.followUp')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Space>
      {open && <FollowUp c={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
