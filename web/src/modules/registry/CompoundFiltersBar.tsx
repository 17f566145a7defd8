// Filters above the compound list: text, build years, eligibility; reset. The table has the one export button.
import { useEffect, useState } from 'react';
import { Button, Input, InputNumber, Select, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CompoundFilters } from './types.ts';

interface Props {
  filters: CompoundFilters;
  onChange: (next: CompoundFilters) => void;
}

export default function CompoundFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const eligibleValue = filters.eligible === undefined ? 'all' : String(filters.eligible);

  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 12, width: '100%' }} data-testid="compound-filters">
      <Input.Search
        data-testid="filter-q"
        allowClear
        placeholder={t('registry.filters.q')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => onChange({ ...filters, q: value.trim() || undefined })}
        style={{ width: 220 }}
        enterButton={t('common.search')}
      />
      <Space.Compact>
        <InputNumber<number>
          data-testid="filter-year-from"
          placeholder={t('registry.filters.yearFrom')}
          min={1900}
          max={2100}
          precision={0}
          value={filters.yearFrom ?? null}
          onChange={(v) => onChange({ ...filters, yearFrom: v ?? undefined })}
          style={{ width: 120 }}
        />
        <InputNumber<number>
          data-testid="filter-year-to"
          placeholder={t('registry.filters.yearTo')}
          min={1900}
          max={2100}
          precision={0}
          value={filters.yearTo ?? null}
          onChange={(v) => onChange({ ...filters, yearTo: v ?? undefined })}
          style={{ width: 120 }}
        />
      </Space.Compact>
      <Select
        data-testid="filter-eligible"
        value={eligibleValue}
        style={{ width: 150 }}
        onChange={(v: string) =>
          onChange({
            ...filters,
            eligible: v === 'all' ? undefined : v === 'true',
          })
        }
        options={[
          {
            value: 'all',
            label: `${t('registry.filters.eligible')}：${t('common.all')}`,
          },
          { value: 'true', label: t('registry.filters.eligibleYes') },
          { value: 'false', label: t('registry.filters.eligibleNo') },
        ]}
      />
      <Button
        icon={<ReloadOutlined />}
        onClick={() => onChange({ division: filters.division, sort: filters.sort, order: filters.order })}
        data-testid="filter-reset"
      >
        {t('common.reset')}
      </Button>
    </Space>
  );
}
