// The compound list: cursor pages appended with "load more".
import { Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { sortable, sortFrom, type ListSort } from '../../app/tableSort.ts';
import { fetchCompounds, registryKeys } from './api.ts';
import { formatArea, formatCount } from './format.ts';
import type { CompoundFilters, CompoundSummary } from './types.ts';

const PAGE_SIZE = 50;

export default function CompoundTable({ filters, onSort }: { filters: CompoundFilters; onSort: (sort: ListSort) => void }) {
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
      key: 'name',
      fixed: 'left',
      width: 150,
      ...sortable('name', filters),
      render: (name: string, row) => (
        <Link to={`/compounds/${row.id}`} data-testid="compound-link">
          {name}
        </Link>
      ),
    },
    { title: t('registry.columns.address'), dataIndex: 'address', ellipsis: true },
    {
      title: t('registry.columns.yearBuilt'),
      dataIndex: 'yearBuilt',
      key: 'yearBuilt',
      width: 100,
      align: 'center',
      ...sortable('yearBuilt', filters),
    },
    {
      title: t('registry.columns.floorArea'),
      dataIndex: 'floorAreaM2',
      key: 'floorAreaM2',
      width: 130,
      align: 'right',
      ...sortable('floorAreaM2', filters),
      render: (v: string) => formatArea(v, lang),
    },
    {
      title: t('registry.columns.households'),
      dataIndex: 'households',
      key: 'households',
      width: 110,
      align: 'right',
      ...sortable('households', filters),
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
      total={query.data?.pages[0]?.total}
      onSort={(sorter) => onSort(sortFrom(sorter))}
    />
  );
}
