// 通知公告 (/community/notices): a compound's notices with how many of those targeted have read each; publish one
// to the compound, some buildings or groups; open one to see the homes that read it, or withdraw it.
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Checkbox, Drawer, Empty, Form, Input, List, Modal, Progress, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCompound, fetchNotice, fetchNotices, publishNotice, staffKeys, withdrawNotice, type StaffNotice } from './api.ts';
import CompoundPicker from './CompoundPicker.tsx';
import { DateTimeField } from '../../app/DateTimeField.tsx';

const at = (iso: string, language: string) =>
  new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour12: false,
    dateStyle: 'short',
    timeStyle: 'short',
  });

interface Values {
  title: string;
  body: string;
  buildingIds?: string[];
  groups?: ('owners' | 'tenants' | 'elders')[];
  expiresAt?: string;
}

function PublishModal({ compoundId, open, onClose }: { compoundId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const compound = useQuery({ queryKey: staffKeys.compound(compoundId), queryFn: () => fetchCompound(compoundId) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      publishNotice({
        compoundId,
        title: v.title,
        body: v.body,
        buildingIds: v.buildingIds?.length ? v.buildingIds : undefined,
        groups: v.groups?.length ? v.groups : undefined,
        // The form's local time is Shanghai's.
        expiresAt: v.expiresAt || undefined,
      }),
    onSuccess: () => {
      void message.success(t('community.staff.published'));
      void queryClient.invalidateQueries({ queryKey: staffKeys.notices(compoundId) });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('community.staff.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'notice-publish-ok' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('community.staff.title')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="notice-title" />
        </Form.Item>
        <Form.Item name="body" label={t('community.staff.body')} rules={[{ required: true, max: 5000 }]}>
          <Input.TextArea rows={5} data-testid="notice-body" />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('community.staff.buildings')}>
          <Checkbox.Group
            data-testid="notice-buildings"
            options={(compound.data?.buildings ?? []).map((b) => ({
              value: b.id,
              label: <span data-testid={`notice-building-${b.name}`}>{b.name}</span>,
            }))}
          />
        </Form.Item>
        <Form.Item name="groups" label={t('community.staff.groupsLabel')}>
          <Checkbox.Group
            options={(['owners', 'tenants', 'elders'] as const).map((g) => ({ value: g, label: t(`community.groups.${g}`) }))}
          />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('community.staff.expiresAt')}>
          <DateTimeField />
        </Form.Item>
        {save.isError && <ProblemAlert title={t('community.staff.publishFailed')} error={save.error} testId="notice-publish-problem" />}
      </Form>
    </Modal>
  );
}

function NoticeDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: staffKeys.notice(id ?? ''), queryFn: () => fetchNotice(id!), enabled: !!id });
  const withdraw = useMutation({
    mutationFn: () => withdrawNotice(id!),
    onSuccess: (n) => {
      queryClient.setQueryData(staffKeys.notice(n.id), n);
      void queryClient.invalidateQueries({ queryKey: staffKeys.notices(n.compoundId) });
    },
  });
  const n = q.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={640} title={n?.title}>
      {q.isError && <ProblemAlert title={t('community.common.loadError')} error={q.error} />}
      {n && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="notice-drawer">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
          <Typography.Text data-testid="notice-receipts" data-read={n.read} data-targeted={n.targeted}>
            {t('community.staff.receipts', { read: n.read, targeted: n.targeted })}
          </Typography.Text>
          <Progress percent={n.targeted ? Math.floor((n.read * 100) / n.targeted) : 0} />
          <Typography.Title level={5}>{t('community.staff.readers')}</Typography.Title>
          <List
            size="small"
            dataSource={n.readers}
            locale={{ emptyText: t('community.staff.noReaders') }}
            renderItem={(r) => (
              <List.Item>
                {r.home} <Typography.Text type="secondary">{at(r.readAt, i18n.language)}</Typography.Text>
              </List.Item>
            )}
          />
          {n.withdrawnAt ? (
            <Tag>{t('community.staff.withdrawn')}</Tag>
          ) : (
            <Button danger onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
              {t('community.staff.withdraw')}
            </Button>
          )}
        </Space>
      )}
    </Drawer>
  );
}

export default function NoticesPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const compoundId = params.get('compound') ?? undefined;
  const [publishing, setPublishing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({ queryKey: staffKeys.notices(compoundId ?? ''), queryFn: () => fetchNotices(compoundId!), enabled: !!compoundId });
  const audience = (n: StaffNotice) =>
    [
      ...(n.buildings.length ? n.buildings.map((b) => b.name) : [t('community.staff.wholeCompound')]),
      ...n.groups.map((g) => t(`community.groups.${g}`)),
    ].join('、');
  return (
    <Card
      title={t('community.staff.noticesTitle')}
      extra={
        <Space>
          <CompoundPicker value={compoundId} onChange={(id) => setParams({ compound: id })} testId="notices-compound" />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={!compoundId}
            onClick={() => setPublishing(true)}
            data-testid="notice-new"
          >
            {t('community.staff.publish')}
          </Button>
        </Space>
      }
    >
      {!compoundId ? (
        <Empty description={t('community.common.pickCompound')} />
      ) : q.isError ? (
        <ProblemAlert title={t('community.common.loadError')} error={q.error} />
      ) : (
        <Table
          rowKey="id"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t('community.staff.noNoticesStaff') }}
          pagination={false}
          onRow={(n) => ({ onClick: () => setOpen(n.id), style: { cursor: 'pointer' }, 'data-testid': `notice-row-${n.id}` }) as object}
          columns={[
            { title: t('community.staff.title'), dataIndex: 'title' },
            { title: t('community.staff.audience'), render: (_, n) => audience(n) },
            { title: t('community.staff.published'), render: (_, n) => at(n.publishedAt, i18n.language) },
            {
              title: t('community.staff.receiptsTitle'),
              render: (_, n) =>
                n.withdrawnAt ? (
                  <Tag>{t('community.staff.withdrawn')}</Tag>
                ) : (
                  <span data-testid={`notice-count-${n.id}`} data-read={n.read} data-targeted={n.targeted}>
                    {t('community.staff.receipts', { read: n.read, targeted: n.targeted })}
                  </span>
                ),
            },
          ]}
        />
      )}
      {compoundId && <PublishModal compoundId={compoundId} open={publishing} onClose={() => setPublishing(false)} />}
      <NoticeDrawer id={open} onClose={() => setOpen(null)} />
    </Card>
  );
}
