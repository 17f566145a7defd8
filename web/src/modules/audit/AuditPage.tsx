// 审计日志 (/audit): who did what and when, newest first; a full read of personal data shows its reason. The server
// puts actions into words and masks personal values; codes and ids stay in the technical-details fold.
import TechDetails from '../../app/TechDetails.tsx';
import { useState } from 'react';
import { Button, Card, Collapse, Form, Input, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { DateTimeField } from '../../app/DateTimeField.tsx';
import { formatAt } from '../../app/time.ts';
import { auditKeys, fetchAudit, type AuditEntry, type AuditFilters } from './api.ts';

const clean = (f: AuditFilters): AuditFilters =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as AuditFilters;

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<AuditFilters>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const query = useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) => fetchAudit(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: ColumnsType<AuditEntry> = [
    { title: t('forms.audit.at'), key: 'at', width: 170, render: (_, e) => formatAt(e.at, i18n.language) },
    {
      title: t('forms.audit.actor'),
      key: 'actor',
      width: 140,
      render: (_, e) => e.actorName ?? (e.actor ? <TechDetails inline>{e.actor}</TechDetails> : '—'),
    },
    {
      title: t('forms.audit.action'),
      key: 'action',
      width: 220,
      render: (_, e) => <span data-testid="audit-action">{e.actionWords}</span>,
    },
    {
      title: t('forms.audit.subject'),
      key: 'subject',
      width: 180,
      render: (_, e) => (
        <span data-testid="audit-subject">
          {e.entityWords}
          {e.subject ? ` ${e.subject}` : ''}
        </span>
      ),
    },
    {
      title: t('forms.audit.reason'),
      key: 'reason',
      width: 200,
      render: (_, e) => <span data-testid="audit-reason">{e.reason ?? '—'}</span>,
    },
    {
      title: t('forms.audit.technical'),
      key: 'technical',
      render: (_, e) => (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 't',
              label: t('forms.audit.technical'),
              children: (
                <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
                  {e.action} · {e.entity} {e.entityId ?? ''} · {JSON.stringify(e.detail)}
                </Typography.Text>
              ),
            },
          ]}
        />
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="audit-page">
      <Card title={t('forms.audit.title')}>
        <Typography.Paragraph type="secondary">{t('forms.audit.intro')}</Typography.Paragraph>
        <Form form={form} layout="inline" onFinish={(v) => setFilters(clean(v))} style={{ rowGap: 12 }}>
          <Form.Item name="actor" label={t('forms.audit.actor')}>
            <Input allowClear style={{ width: 150 }} data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('forms.audit.action')}>
            <Select
              allowClear
              style={{ width: 190 }}
              placeholder={t('forms.audit.anyAction')}
              options={[{ value: 'personal.read', label: t('forms.audit.personalRead') }]}
              data-testid="audit-filter-action"
            />
          </Form.Item>
          <Form.Item name="subject" label={t('forms.audit.subjectId')}>
            <Input allowClear style={{ width: 200 }} data-testid="audit-filter-subject" />
          </Form.Item>
          <Form.Item name="from" label={t('forms.audit.from')}>
            <DateTimeField data-testid="audit-filter-from" />
          </Form.Item>
          <Form.Item name="to" label={t('forms.audit.to')}>
            <DateTimeField data-testid="audit-filter-to" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('forms.audit.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t('forms.audit.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="audit-table"
        emptyText={t('forms.audit.empty')}
        scrollX={1100}
        exportName={t('forms.audit.fileName')}
        exportColumns={[
          { title: t('forms.audit.at'), value: (e) => formatAt(e.at, i18n.language) },
          { title: t('forms.audit.actor'), value: (e) => e.actorName ?? e.actor ?? '' },
          { title: t('forms.audit.action'), value: (e) => e.actionWords },
          { title: t('forms.audit.subject'), value: (e) => `${e.entityWords}${e.subject ? ` ${e.subject}` : ''}` },
          { title: t('forms.audit.reason'), value: (e) => e.reason ?? '' },
        ]}
      />
    </Space>
  );
}
