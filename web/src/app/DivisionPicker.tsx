// A division picked by name from the tree under the account's scope (issue 16, item 4: pickers instead of typed
// codes): the scope's roots first, each level loaded when opened, the names searchable among those loaded. The
// form's value stays the division's code; `levels` says which levels may be chosen (the others only open).
import { useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchDivisions, registryKeys, type Division, type DivisionLevel } from '../modules/registry/index.ts';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  selectable: boolean;
}

const DEPTH: Record<DivisionLevel, number> = { province: 0, city: 1, district: 2, subdistrict: 3, community: 4 } as Record<
  DivisionLevel,
  number
>;

interface Props {
  value?: string;
  onChange?: (code: string | undefined) => void;
  levels: readonly DivisionLevel[];
  placeholder?: string;
  testId?: string;
  style?: React.CSSProperties;
}

export default function DivisionPicker({ value, onChange, levels, placeholder, testId, style }: Props) {
  const { t } = useTranslation();
  const deepest = Math.max(...levels.map((l) => DEPTH[l] ?? 4));
  const node = (d: Division, parent: string | null): Node => ({
    id: d.code,
    pId: parent,
    value: d.code,
    title: d.name,
    isLeaf: (DEPTH[d.level] ?? 4) >= deepest,
    selectable: levels.includes(d.level),
  });
  const roots = useQuery({ queryKey: registryKeys.divisions(null), queryFn: () => fetchDivisions(null), staleTime: 10 * 60_000 });
  const [children, setChildren] = useState<Node[]>([]);
  const treeData = [...(roots.data ?? []).map((d) => node(d, null)), ...children];
  return (
    <TreeSelect<string>
      data-testid={testId}
      treeDataSimpleMode
      treeData={treeData}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      loading={roots.isPending}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      placeholder={placeholder ?? t('finding.pickDivision')}
      style={{ minWidth: 200, ...style }}
      popupMatchSelectWidth={false}
      loadData={async ({ value: parent }) => {
        const code = String(parent);
        if (children.some((c) => c.pId === code)) return;
        const items = await fetchDivisions(code);
        setChildren((prev) => [...prev.filter((c) => c.pId !== code), ...items.map((d) => node(d, code))]);
      }}
    />
  );
}
