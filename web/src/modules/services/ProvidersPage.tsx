// 服务商 (/services/providers): the providers registered in the division, by name (a company or an individual,
// its rating and whether it is active); staff with services.manage register one here.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { useAuth } from '../accounts/index.ts';
import { fetchProviders, svcKeys, type ProviderSummary } from './api.ts';
import ProviderFormModal from './ProviderFormModal.tsx';

const PAGE = 20;

export default function ProvidersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const query = useInfiniteQuery({
    queryKey: svcKeys.providers,
    queryFn: ({ pageParam }) => fetchProviders(PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<ProviderSummary> = [
    {
      title: t('svc.provider.name'),
      key: 'name',
      render: (_, p) => (
        <Link to={`/services/providers/${p.id}`} data-testid="svc-provider-row" data-id={p.id}>
          {p.name}
        </Link>
      ),
    },
    { title: t('svc.provider.kind'), key: 'kind', width: 90, render: (_, p) => t(`svc.providerKind.${p.kind}`) },
    {
      title: t('svc.provider.rating'),
      key: 'rating',
      width: 140,
      render: (_, p) => (p.ratingAverage ? t('svc.provider.ratingText', { avg: p.ratingAverage, count: p.ratingCount }) : '—'),
    },
    {
      title: t('svc.provider.active'),
      key: 'active',
      width: 90,
      render: (_, p) => (p.active ? <Tag color="green">{t('svc.provider.on')}</Tag> : <Tag>{t('svc.provider.off')}</Tag>),
    },
  ];
  return (
    <Card
      title={t('svc.providers.title')}
      data-testid="svc-providers-page"
      extra={
        can('services.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="svc-provider-new">
            {t('svc.provider.newTitle')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('svc.providers.hint')}</Typography.Text>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="svc-providers-table"
          emptyText={t('svc.providers.empty')}
          scrollX={700}
          exportName={t('svc.providers.title')}
        />
      </Space>
      <ProviderFormModal open={creating} onClose={() => setCreating(false)} onSaved={(id) => void navigate(`/services/providers/${id}`)} />
    </Card>
  );
}
