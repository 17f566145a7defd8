// 政策规则: every rule grouped by key, each version with its value, unit, effective dates and
// source document; the city admin (policy.publish) publishes new versions.
import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Empty, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchRules, groupRules, inForce, policyKeys, todayInCity } from './api.ts';
import PublishRuleModal from './PublishRuleModal.tsx';
import TechDetails from '../../app/TechDetails.tsx';
import type { PolicyRule } from './types.ts';

const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export default function PolicyRulesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const query = useQuery({ queryKey: policyKeys.rules(), queryFn: fetchRules });
  const [publishing, setPublishing] = useState<{ key?: string } | null>(null);
  const canPublish = can('policy.publish');
  const today = todayInCity();
  // The rule's name in words, from the server (src/platform/policy.messages.ts); the key only in the 技术详情 fold.
  const names = new Map((query.data ?? []).map((r) => [r.key, r.name]));
  const keyName = (key: string) => names.get(key) ?? t(`policy.keys.${key.replace(/\./g, '_')}`, { defaultValue: '—' });
  const groups = query.data ? groupRules(query.data) : [];
  const currents = new Set(groups.map(([, versions]) => inForce(versions, today)));
  const columns: TableColumnsType<PolicyRule> = [
    {
      title: t('policy.columns.version'),
      key: 'version',
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <strong>{r.version}</strong>
          {currents.has(r) ? (
            <Tag color="green">{t('policy.current')}</Tag>
          ) : r.effectiveFrom > today ? (
            <Tag color="gold">{t('policy.future')}</Tag>
          ) : (
            <Tag>{t('policy.superseded')}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('policy.columns.value'),
      key: 'value',
      width: 260,
      render: (_, r) => (
        <Typography.Paragraph
          style={{ margin: 0, wordBreak: 'break-all' }}
          ellipsis={{ rows: 2, expandable: 'collapsible' }}
          data-testid="policy-value"
          data-value={JSON.stringify(r.value)}
        >
          {r.valueText ?? valueText(r.value)}
        </Typography.Paragraph>
      ),
    },
    { title: t('policy.columns.unit'), key: 'unit', width: 120, render: (_, r) => r.unitText ?? r.unit ?? '—' },
    { title: t('policy.columns.effectiveFrom'), dataIndex: 'effectiveFrom', width: 110 },
    { title: t('policy.columns.effectiveTo'), key: 'to', width: 110, render: (_, r) => r.effectiveTo ?? '—' },
    { title: t('policy.columns.source'), dataIndex: 'source', render: (s: string) => <span style={{ fontSize: 13 }}>{s}</span> },
    {
      title: t('policy.columns.publishedAt'),
      key: 'published',
      width: 170,
      render: (_, r) => (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {new Date(r.publishedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
            timeZone: 'Asia/Shanghai',
            hour12: false,
          })}
        </Typography.Text>
      ),
    },
  ];
  // One sheet for every rule's versions (the page's tables one under another), named by rule.
  const exportColumns = [{ title: t('policy.form.key'), value: (r: PolicyRule) => keyName(r.key) }, ...xlsxColumnsFrom(columns)];

  const body = () => {
    if (query.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
    if (query.isError)
      return (
        <Alert
          type="error"
          showIcon
          title={t('common.error')}
          description={errorMessage(query.error)}
          action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
        />
      );
    if (groups.length === 0) return <Empty description={t('policy.empty')} />;
    return groups.map(([key, versions]) => (
      <Card
        key={key}
        size="small"
        data-testid="policy-rule"
        data-key={key}
        title={
          <Space wrap>
            <span>{keyName(key)}</span>
            <TechDetails inline>
              <Typography.Text code>{key}</Typography.Text>
            </TechDetails>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('policy.versions', { count: versions.length })}
            </Typography.Text>
          </Space>
        }
        extra={
          canPublish && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setPublishing({ key })} data-testid="policy-publish-key">
              {t('policy.publish')}
            </Button>
          )
        }
      >
        <Table<PolicyRule>
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={versions}
          scroll={{ x: 900 }}
          onRow={(r) => ({ 'data-testid': 'policy-version', 'data-version': r.version }) as object}
          columns={columns}
        />
      </Card>
    ));
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('policy.title') }]} />
      <Card
        size="small"
        title={t('policy.title')}
        data-testid="policy-page"
        extra={
          <Space>
            <ExportXlsxButton<PolicyRule>
              fileName={t('policy.title')}
              columns={exportColumns}
              rows={groups.flatMap(([, versions]) => versions)}
            />
            {canPublish && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setPublishing({})} data-testid="policy-publish">
                {t('policy.publish')}
              </Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('policy.hint')}</Typography.Text>
          {body()}
        </Space>
      </Card>
      <PublishRuleModal
        open={!!publishing}
        keys={groups.map(([k]) => k)}
        initialKey={publishing?.key}
        onClose={() => setPublishing(null)}
        onPublished={(rule) => {
          void client.invalidateQueries({ queryKey: policyKeys.rules() });
          void message.success(t('policy.published', { key: rule.key, version: rule.version }));
        }}
      />
    </>
  );
}
