// The compounds in my scope, by name: staff pages that work on one compound start here.
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchCompounds, staffKeys } from './api.ts';

export default function CompoundPicker({ value, onChange, testId }: { value?: string; onChange: (id: string) => void; testId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: staffKeys.compounds, queryFn: fetchCompounds });
  return (
    <Select
      style={{ minWidth: 280 }}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('community.common.pickCompound')}
      value={value}
      onChange={onChange}
      loading={q.isPending}
      options={(q.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
      data-testid={testId}
    />
  );
}
