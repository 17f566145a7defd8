// Open311 接入 (/open311-keys): the partners (FixMyStreet installations, city apps) that report through GeoReport v2,
// each with its key. A key is shown once when issued; only its first characters are kept to tell keys apart.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { fetchCategories, fetchKeys, issueKey, open311Keys, revokeKey, type IssuedKey, type PartnerKey } from './api.ts';
import { cityTime } from '../../app/time.ts';
import TechDetails from '../../app/TechDetails.tsx';

export default function KeysPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [shown, setShown] = useState<IssuedKey | null>(null);
  const [form] = Form.useForm<{ partner: string; serviceCodes: string[] }>();
  const query = useInfiniteQuery({
    queryKey: open311Keys.all,
    queryFn: ({ pageParam }) => fetchKeys(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const categories = useQuery({ queryKey: ['grid-categories'], queryFn: fetchCategories, enabled: issuing });
  const issue = useMutation({
    mutationFn: issueKey,
    onSuccess: (k) => {
      setIssuing(false);
      form.resetFields();
      setShown(k);
      void qc.invalidateQueries({ queryKey: open311Keys.all });
    },
  });
  const revoke = useMutation({
    mutationFn: revokeKey,
    onSuccess: () => {
      void message.success(t('open311.revoked'));
      void qc.invalidateQueries({ queryKey: open311Keys.all });
    },
    onError: (e) => void message.error(`${t('open311.revokeFailed')}：${errorMessage(e)}`),
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const nameOf = (code: string) => {
    const c = categories.data?.items.find((x) => x.code === code);
    return c ? (i18n.language === 'en' ? c.name.en : c.name.zh) : code;
  };

  const columns: ColumnsType<PartnerKey> = [
    {
      title: t('open311.columns.partner'),
      key: 'partner',
      render: (_, k) => (
        <Typography.Text strong data-testid="open311-key-partner">
          {k.partner}
        </Typography.Text>
      ),
    },
    {
      title: t('open311.columns.prefix'),
      key: 'prefix',
      width: 160,
      render: (_, k) => (
        <TechDetails inline>
          <Typography.Text code>{k.keyPrefix}…</Typography.Text>
        </TechDetails>
      ),
    },
    {
      title: t('open311.columns.services'),
      key: 'services',
      width: 160,
      render: (_, k) => (k.serviceCodes ? t('open311.someServices', { count: k.serviceCodes.length }) : t('open311.allServices')),
    },
    { title: t('open311.columns.created'), key: 'created', width: 180, render: (_, k) => cityTime(k.createdAt, i18n.language) },
    {
      title: t('open311.columns.status'),
      key: 'status',
      width: 120,
      render: (_, k) =>
        k.revokedAt ? (
          <Tag data-testid="open311-key-status" data-status="revoked">
            {t('open311.revokedAt', { at: cityTime(k.revokedAt, i18n.language) })}
          </Tag>
        ) : (
          <Tag color="green" data-testid="open311-key-status" data-status="active">
            {t('open311.active')}
          </Tag>
        ),
    },
    {
      title: '',
      key: 'actions',
      width: 100,
      render: (_, k) =>
        !k.revokedAt && (
          <Popconfirm
            title={t('open311.revokeConfirm', { partner: k.partner })}
            okText={t('open311.revoke')}
            cancelText={t('open311.cancel')}
            onConfirm={() => revoke.mutate(k.id)}
            okButtonProps={{ danger: true, 'data-testid': 'open311-revoke-confirm' }}
          >
            <Button size="small" danger loading={revoke.isPending && revoke.variables === k.id} data-testid="open311-revoke">
              {t('open311.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={t('open311.title')}
      data-testid="open311-keys-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)} data-testid="open311-issue">
          {t('open311.issue')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('open311.hint', { endpoint: `${window.location.origin}/open311/v2/` })}
        </Typography.Paragraph>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="open311-keys"
          emptyText={t('open311.empty')}
          scrollX={800}
          exportName={t('open311.title')}
        />
      </Space>

      <Modal
        open={issuing}
        title={t('open311.issueTitle')}
        okText={t('open311.issue')}
        cancelText={t('open311.cancel')}
        confirmLoading={issue.isPending}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => issue.mutate({ partner: v.partner.trim(), ...(v.serviceCodes?.length ? { serviceCodes: v.serviceCodes } : {}) }))
        }
        onCancel={() => setIssuing(false)}
        okButtonProps={{ 'data-testid': 'open311-issue-submit' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="partner"
            label={t('open311.partner')}
            extra={t('open311.partnerHint')}
            rules={[
              { required: true, message: t('open311.partnerRequired') },
              { pattern: /^[a-z0-9][a-z0-9_-]{1,39}$/, message: t('open311.partnerPattern') },
            ]}
          >
            <Input maxLength={40} placeholder="fixmystreet-hz" data-testid="open311-partner" />
          </Form.Item>
          <Form.Item name="serviceCodes" label={t('open311.services')} extra={t('open311.servicesHint')}>
            <Select
              mode="multiple"
              allowClear
              loading={categories.isLoading}
              placeholder={t('open311.allServices')}
              options={(categories.data?.items ?? []).map((c) => ({ value: c.code, label: nameOf(c.code) }))}
              data-testid="open311-services"
            />
          </Form.Item>
        </Form>
        {issue.isError && <ProblemAlert title={t('open311.issueFailed')} error={issue.error} testId="open311-issue-failed" />}
      </Modal>

      <Modal
        open={shown !== null}
        title={t('open311.keyTitle')}
        closable={false}
        maskClosable={false}
        keyboard={false}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={() => setShown(null)} data-testid="open311-key-done">
            {t('open311.keyDone')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('open311.keyWarning')} style={{ marginBottom: 16 }} />
        {shown && (
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('open311.columns.partner')}>{shown.partner}</Descriptions.Item>
            <Descriptions.Item label={t('open311.key')}>
              <Typography.Text copyable code data-testid="open311-key" style={{ wordBreak: 'break-all' }}>
                {shown.apiKey}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Modal>
    </Card>
  );
}
