// 物业服务企业名录 (/property-companies): the register searched by name or credit code, filtered by
// district and status, in cursor pages; officers with companies.register register companies and
// suspend or reinstate them.
import { useState } from 'react';
import { App, Button, Card, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { errorMessage } from '../../app/api.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { fetchCompanies, governanceKeys, setCompanyStatus } from './api.ts';
import RegisterCompanyModal from './RegisterCompanyModal.tsx';
import type { CompanyFilters, CompanyStatus, PropertyCompany } from './types.ts';
import { useDistricts } from './useDistricts.ts';

const PAGE = 20;

export default function PropertyCompaniesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const { districts, nameOf } = useDistricts();
  const [typed, setTyped] = useState('');
  const [filters, setFilters] = useState<CompanyFilters>({});
  const [registering, setRegistering] = useState(false);
  const canRegister = can('companies.register');

  const query = useInfiniteQuery({
    queryKey: governanceKeys.companyList(filters),
    queryFn: ({ pageParam }) => fetchCompanies({ ...filters, limit: PAGE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  /** A clearable select bound to one filter. */
  const filterBy = <K extends 'district' | 'status'>(key: K) => ({
    allowClear: true,
    value: filters[key],
    onChange: (v: CompanyFilters[K]) => setFilters((f) => ({ ...f, [key]: v })),
  });

  const status = useMutation({
    mutationFn: ({ id, to }: { id: string; to: CompanyStatus }) => setCompanyStatus(id, to),
    onSuccess: () => {
      void message.success(t('companies.statusChanged'));
      void client.invalidateQueries({ queryKey: governanceKeys.companies });
    },
    onError: (err) => void message.error(`${t('companies.statusFailed')}：${errorMessage(err)}`),
  });

  const columns: ColumnsType<PropertyCompany> = [
    {
      title: t('companies.columns.name'),
      key: 'name',
      render: (_, c) => (
        <span data-testid="company-row" data-id={c.id} data-credit-code={c.creditCode} data-status={c.status}>
          {c.name}
        </span>
      ),
    },
    {
      title: t('companies.columns.creditCode'),
      key: 'code',
      width: 200,
      render: (_, c) => <Typography.Text code>{c.creditCode}</Typography.Text>,
    },
    {
      title: t('companies.columns.district'),
      key: 'district',
      width: 150,
      render: (_, c) => (nameOf(c.districtCode) === c.districtCode ? c.districtCode : `${nameOf(c.districtCode)}（${c.districtCode}）`),
    },
    { title: t('companies.columns.qualification'), key: 'q', width: 120, render: (_, c) => c.qualification ?? '—' },
    {
      title: t('companies.columns.status'),
      key: 'status',
      width: 90,
      render: (_, c) => (
        <Tag color={c.status === 'active' ? 'green' : 'default'} data-testid="company-status">
          {t(`companies.statuses.${c.status}`)}
        </Tag>
      ),
    },
    { title: t('companies.columns.registeredAt'), key: 'at', width: 170, render: (_, c) => formatAt(c.registeredAt, i18n.language) },
    ...(canRegister
      ? [
          {
            title: t('companies.columns.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, c: PropertyCompany) => {
              const to: CompanyStatus = c.status === 'active' ? 'suspended' : 'active';
              return (
                <Popconfirm
                  title={to === 'suspended' ? t('companies.suspendConfirm') : t('companies.reinstateConfirm')}
                  onConfirm={() => status.mutate({ id: c.id, to })}
                  okButtonProps={{ 'data-testid': 'company-status-confirm' }}
                >
                  <Button
                    size="small"
                    danger={to === 'suspended'}
                    loading={status.isPending && status.variables?.id === c.id}
                    data-testid={to === 'suspended' ? 'company-suspend' : 'company-reinstate'}
                  >
                    {to === 'suspended' ? t('companies.suspend') : t('companies.reinstate')}
                  </Button>
                </Popconfirm>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('companies.title')}
      data-testid="companies-page"
      extra={
        canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="company-register">
            {t('companies.register')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('companies.hint')}</Typography.Text>
        <Space wrap>
          <Input.Search
            data-testid="company-search"
            placeholder={t('companies.search')}
            allowClear
            style={{ width: 300 }}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() || undefined }))}
            enterButton={t('common.search')}
          />
          <Select
            data-testid="company-district-filter"
            style={{ width: 200 }}
            placeholder={t('companies.allDistricts')}
            {...filterBy('district')}
            options={districts.map((d) => ({ value: d.code, label: d.name === d.code ? d.code : `${d.name}（${d.code}）` }))}
          />
          <Select
            data-testid="company-status-filter"
            style={{ width: 140 }}
            placeholder={t('companies.allStatuses')}
            {...filterBy('status')}
            options={(['active', 'suspended'] as const).map((s) => ({ value: s, label: t(`companies.statuses.${s}`) }))}
          />
          <Button
            onClick={() => {
              setTyped('');
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
        <CursorTable
          query={query}
          rows={rows}
          columns={columns}
          testId="company-table"
          emptyText={t('companies.empty')}
          scrollX={980}
          exportName={t('companies.title')}
          exportColumns={xlsxColumnsFrom(columns, { actions: null })}
        />
      </Space>
      {canRegister && (
        <RegisterCompanyModal
          open={registering}
          districts={districts}
          onClose={() => setRegistering(false)}
          onRegistered={(company) => {
            setRegistering(false);
            setTyped(company.creditCode);
            setFilters({ q: company.creditCode });
            void client.invalidateQueries({ queryKey: governanceKeys.companies });
          }}
        />
      )}
    </Card>
  );
}
