// One provider (/services/providers/:id): who it is and where it works from, the compounds it serves (changed as
// a whole), its qualifications with their expiry (an expired one leaves it out of kinds that require it), and its
// offerings with prices and their time slots (capacity and places booked). Staff with services.manage change them.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { fetchCatalogue, fetchProvider, setProviderCompounds, svcKeys, type Provider } from './api.ts';
import { catalogueName, localName, yuan } from './labels.ts';
import { useScopeCompounds } from './OrdersPage.tsx';
import { AddOffering, AddQualification, EditProvider, OfferingSlots } from './ProviderParts.tsx';

export default function ProviderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const provider = useQuery({ queryKey: svcKeys.provider(id), queryFn: () => fetchProvider(id) });
  if (provider.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (provider.isError)
    return (
      <LoadFailure
        error={provider.error}
        title={t('svc.provider.loadFailed')}
        notFoundTitle={t('svc.provider.notFound')}
        testId="svc-provider"
        onRetry={() => void provider.refetch()}
      />
    );
  return <ProviderView p={provider.data} />;
}

function Compounds({ p, manage }: { p: Provider; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const compounds = useScopeCompounds();
  const [editing, setEditing] = useState<string[] | null>(null);
  const save = useMutation({
    mutationFn: (ids: string[]) => setProviderCompounds(p.id, ids),
    onSuccess: async () => {
      setEditing(null);
      void message.success(t('svc.provider.saved'));
      await qc.invalidateQueries({ queryKey: svcKeys.all });
    },
  });
  const name = new Map((compounds.data ?? []).map((c) => [c.id, c.name]));
  return (
    <Card
      size="small"
      title={t('svc.provider.compoundsCount', { count: p.compoundIds.length })}
      data-testid="svc-provider-compounds-card"
      extra={
        manage &&
        editing === null && (
          <Button size="small" onClick={() => setEditing(p.compoundIds)} data-testid="svc-provider-compounds-edit">
            {t('svc.provider.editCompounds')}
          </Button>
        )
      }
    >
      {save.isError && <ProblemAlert title={t('svc.provider.saveFailed')} error={save.error} testId="svc-compounds-failed" />}
      {editing !== null ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            mode="multiple"
            style={{ width: '100%' }}
            value={editing}
            onChange={setEditing}
            showSearch={{ optionFilterProp: 'label' }}
            options={(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            data-testid="svc-provider-compounds-select"
          />
          <Space>
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate(editing)} data-testid="svc-provider-compounds-save">
              {t('svc.save')}
            </Button>
            <Button onClick={() => setEditing(null)}>{t('svc.cancel')}</Button>
          </Space>
        </Space>
      ) : p.compoundIds.length === 0 ? (
        <Typography.Text type="secondary">{t('svc.provider.noCompounds')}</Typography.Text>
      ) : (
        <Space size={4} wrap>
          {p.compoundIds.map((id) => (
            <Tag key={id}>{name.get(id) ?? t('svc.provider.otherCompound')}</Tag>
          ))}
        </Space>
      )}
    </Card>
  );
}

function ProviderView({ p }: { p: Provider }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const manage = can('services.manage');
  const catalogue = useQuery({ queryKey: svcKeys.catalogue, queryFn: fetchCatalogue, staleTime: 10 * 60_000 });
  const lang = i18n.language;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="svc-provider" data-id={p.id}>
      <Card
        title={
          <Space wrap>
            <Link to="/services/providers">{t('svc.menu.providers')}</Link>
            <span>/</span>
            <span>{p.name}</span>
            {p.active ? <Tag color="green">{t('svc.provider.on')}</Tag> : <Tag>{t('svc.provider.off')}</Tag>}
          </Space>
        }
        extra={manage && <EditProvider p={p} />}
      >
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('svc.provider.kind')}>{t(`svc.providerKind.${p.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('svc.provider.gender')}>{p.gender ? t(`svc.gender.${p.gender}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('svc.provider.rating')}>
            {p.ratingAverage ? t('svc.provider.ratingText', { avg: p.ratingAverage, count: p.ratingCount }) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.profile.dialect')}>
            {p.dialects.length ? p.dialects.map((d) => catalogueName(catalogue.data?.dialects, d, lang, t)).join('、') : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.provider.place')}>
            {p.lat}, {p.lng}
          </Descriptions.Item>
          <Descriptions.Item label={t('svc.provider.accounts')}>
            {t('svc.provider.accountsCount', { count: p.accountIds.length })}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Compounds p={p} manage={manage} />
      <Card
        size="small"
        title={t('svc.provider.qualifications')}
        extra={manage && <AddQualification providerId={p.id} />}
        data-testid="svc-provider-quals"
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.qualifications}
          locale={{ emptyText: t('svc.provider.noQualifications') }}
          onRow={(q) => ({ 'data-testid': `svc-qual-${q.code}`, 'data-valid': q.valid }) as never}
          columns={[
            { title: t('svc.provider.qualification'), key: 'n', render: (_, q) => localName(q.name, lang) },
            { title: t('svc.provider.ref'), key: 'r', render: (_, q) => q.ref ?? '—' },
            { title: t('svc.provider.validUntil'), dataIndex: 'validUntil' },
            {
              title: '',
              key: 'v',
              render: (_, q) =>
                q.valid ? <Tag color="green">{t('svc.provider.valid')}</Tag> : <Tag color="red">{t('svc.provider.expired')}</Tag>,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('svc.provider.offerings')}
        extra={manage && <AddOffering providerId={p.id} />}
        data-testid="svc-provider-offerings"
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={p.offerings}
          locale={{ emptyText: t('svc.provider.noOfferings') }}
          expandable={{ expandedRowRender: (o) => <OfferingSlots offeringId={o.id} /> }}
          columns={[
            { title: t('svc.order.kind'), key: 'k', render: (_, o) => localName(o.kindName, lang) },
            { title: t('svc.provider.offeringName'), dataIndex: 'name' },
            { title: t('svc.order.price'), key: 'p', align: 'right', render: (_, o) => yuan(o.priceFen) },
            {
              title: '',
              key: 'a',
              render: (_, o) => (o.active ? <Tag color="green">{t('svc.provider.on')}</Tag> : <Tag>{t('svc.provider.off')}</Tag>),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
