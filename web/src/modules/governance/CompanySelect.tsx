// A searchable select over the register's active property companies (server-side search, 20 at a time).
import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchCompanies, governanceKeys } from './api.ts';
import type { PropertyCompany } from './types.ts';

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The company currently recorded, shown even when it is not among the results. */
  current?: PropertyCompany | null;
  testId?: string;
}

export default function CompanySelect({ value, onChange, current, testId = 'company-select' }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const search = useQuery({
    queryKey: governanceKeys.companySearch(q),
    queryFn: () => fetchCompanies({ q: q || undefined, status: 'active', limit: 20 }),
    staleTime: 30_000,
  });
  const found = search.data?.items ?? [];
  const options = [...(current && !found.some((c) => c.id === current.id) ? [current] : []), ...found].map((c) => ({
    value: c.id,
    label: `${c.name}（${c.creditCode}）`,
  }));

  return (
    <Select
      data-testid={testId}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setTyped }}
      loading={search.isFetching}
      placeholder={t('governance.facts.companyPlaceholder')}
      options={options}
      style={{ width: '100%', maxWidth: 520 }}
      notFoundContent={search.isFetching ? t('common.loading') : t('common.empty')}
    />
  );
}
