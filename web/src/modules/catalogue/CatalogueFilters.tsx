// Search and filters over the catalogue: text (name zh/en or code), category, scenario, six haves.
import { Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogueFilter } from './catalogueTree.ts';
import { CATEGORIES, SCENARIOS, type IndicatorCategory } from './types.ts';

interface Props {
  value: CatalogueFilter;
  onChange: (next: CatalogueFilter) => void;
  /** The six-haves the catalogue names (from its data). */
  sixHaves: string[];
  compact?: boolean;
}

export default function CatalogueFilters({ value, onChange, sixHaves, compact = false }: Props) {
  const { t } = useTranslation();
  const width = compact ? 128 : 160;
  return (
    <Space wrap size={[8, 8]} data-testid="catalogue-filters" style={compact ? { width: '100%' } : undefined}>
      <Input.Search
        data-testid="catalogue-q"
        allowClear
        placeholder={t('catalogue.search')}
        defaultValue={value.q}
        onChange={(e) => onChange({ ...value, q: e.target.value || undefined })}
        style={{ width: compact ? 400 : 240, maxWidth: '100%' }}
      />
      <Select<IndicatorCategory>
        data-testid="catalogue-category"
        allowClear
        placeholder={t('catalogue.category')}
        value={value.category}
        onChange={(category) => onChange({ ...value, category })}
        style={{ width }}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`catalogue.categories.${c}`) }))}
      />
      <Select<string>
        data-testid="catalogue-scenario"
        allowClear
        placeholder={t('catalogue.scenario')}
        value={value.scenario}
        onChange={(scenario) => onChange({ ...value, scenario })}
        style={{ width }}
        options={SCENARIOS.map((s) => ({ value: s, label: t(`catalogue.scenarios.${s}`) }))}
      />
      <Select<string>
        data-testid="catalogue-six-have"
        allowClear
        placeholder={t('catalogue.sixHaves')}
        value={value.sixHave}
        onChange={(sixHave) => onChange({ ...value, sixHave })}
        style={{ width }}
        options={sixHaves.map((s) => ({ value: s, label: t(`catalogue.sixHavesNames.${s}`, { defaultValue: s }) }))}
      />
    </Space>
  );
}
