// The compound list: cursor pages appended with "load more".
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { fetchCompounds, registryKeys } from './api.ts';
import { formatArea, formatCount } from './format.ts';
import type { CompoundFilters, CompoundSummary } from './types.ts';

const PAGE_SIZE = 50;

export default function CompoundTable({ filters }: { filters: CompoundFilters }) {
  const { t, i18n } = useTranslation();
  const query = useInfiniteQuery({
    queryKey: registryKeys.compounds(filters),
    queryFn: ({ pageParam }) => fetchCompounds(filters, PAGE_SIZE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const lang = i18n.language;

  const columns: ColumnsType<CompoundSummary> = [
    {
      title: t('registry.columns.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 150,
      render: (name: string, row) => (
        <Link to={`/compounds/${row.id}`} data-testid="compound-link">
          {name}
        </Link>
      ),
    },
    { title: t('registry.columns.address'), dataIndex: 'address', ellipsis: true },
    { title: t('registry.columns.yearBuilt'), dataIndex: 'yearBuilt', width: 80, align: 'center' },
    {
      title: t('registry.columns.floorArea'),
      dataIndex: 'floorAreaM2',
      width: 120,
      align: 'right',
      render: (v: string) => formatArea(v, lang),
    },
    {
      title: t('registry.columns.households'),
      dataIndex: 'households',
      width: 100,
      align: 'right',
      render: (v: number) => formatCount(v, lang),
    },
    {
      title: t('registry.columns.eligible'),
      dataIndex: 'eligible',
      width: 110,
      align: 'center',
      render: (v: boolean) => (v ? <Tag color="success">{t('registry.eligible')}</Tag> : <Tag>{t('registry.notEligible')}</Tag>),
    },
  ];

  return (
    <CursorTable
      query={query}
      rows={rows}
      columns={columns}
      testId="compound-table"
      emptyText={t('registry.emptyList')}
      scrollX={700}
      exportName={t('registry.list')}
    />
  );
}
