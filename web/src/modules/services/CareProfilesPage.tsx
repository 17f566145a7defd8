// 照护档案 (/services/care-profiles): older residents' care profiles in scope, masked (name, mobile; an age band
// instead of the birth date), filtered by compound; a worker with care.manage adds one here.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchCatalogue, fetchProfiles, svcKeys, type CareProfile } from './api.ts';
import { catalogueName, formatAt } from './labels.ts';
import { useScopeCompounds } from './OrdersPage.tsx';
import ProfileFormModal from './ProfileFormModal.tsx';

const PAGE = 20;

export default function CareProfilesPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [compoundId, setCompoundId] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const compounds = useScopeCompounds();
  const query = useInfiniteQuery({
    queryKey: svcKeys.profiles(compoundId),
    queryFn: ({ pageParam }) => fetchProfiles(compoundId, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const lang = i18n.language;
  const cat = catalogue.data;

  const columns: ColumnsType<CareProfile> = [
    {
      title: t('svc.profile.name'),
      key: 'name',
      width: 100,
      render: (_, p) => (
        <Link to={`/services/care-profiles/${p.id}`} data-testid="svc-profile-row" data-id={p.id}>
          {p.nameMasked}
        </Link>
      ),
    },
    { title: t('svc.profile.gender'), key: 'gender', width: 60, render: (_, p) => t(`svc.gender.${p.gender}`) },
    { title: t('svc.profile.ageBand'), dataIndex: 'ageBand', width: 80 },
    { title: t('svc.order.compound'), key: 'compound', width: 160, render: (_, p) => p.compoundName ?? '—' },
    { title: t('svc.profile.careLevel'), key: 'level', width: 100, render: (_, p) => catalogueName(cat?.careLevels, p.careLevel, lang, t) },
    {
      title: t('svc.profile.needs'),
      key: 'needs',
      render: (_, p) => (
        <Space size={2} wrap>
          {p.livingAlone && <Tag color="orange">{t('svc.profile.livingAlone')}</Tag>}
          {p.needs.map((n) => (
            <Tag key={n}>{catalogueName(cat?.needs, n, lang, t)}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('svc.profile.family'), dataIndex: 'familyCount', width: 70, align: 'right' },
    { title: t('svc.profile.updatedAt'), key: 'updatedAt', width: 150, render: (_, p) => formatAt(p.updatedAt, lang) },
  ];

  return (
    <Card
      title={t('svc.profiles.title')}
      data-testid="svc-profiles-page"
      extra={
        can('care.manage') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="svc-profile-new">
            {t('svc.profile.newTitle')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('svc.profiles.hint')}</Typography.Text>
        <Select
          data-testid="svc-profiles-compound"
          style={{ width: 240 }}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={compounds.isPending}
          placeholder={t('svc.orders.allCompounds')}
          value={compoundId}
          onChange={setCompoundId}
          options={(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="svc-profiles-table"
          emptyText={t('svc.profiles.empty')}
          scrollX={1000}
          exportName={t('svc.profiles.title')}
          exportColumns={xlsxColumnsFrom(columns, {
            name: (p) => p.nameMasked,
            needs: (p) => p.needs.map((n) => catalogueName(cat?.needs, n, lang, t)).join('、'),
          })}
        />
      </Space>
      <ProfileFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(p) => void navigate(`/services/care-profiles/${p.id}`)}
      />
    </Card>
  );
}
