// The project list as a table: cursor pages appended with "load more".
import { Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { sortable, sortFrom, type ListSort } from '../../app/tableSort.ts';
import { formatFen, formatFenBig } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { formatArea, formatCount } from '../registry/index.ts';
import { KindTags, StageTag } from './ProjectTags.tsx';
import { useStages } from './useStages.ts';
import type { ProjectFilters, ProjectSummary } from './types.ts';
import { useProjectList } from './useProjectList.ts';

export default function ProjectTable({ filters, onSort }: { filters: ProjectFilters; onSort: (sort: ListSort) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { query, rows } = useProjectList(filters, 50);
  const total = query.data?.pages[0]?.total;
  const stages = useStages();

  const columns: ColumnsType<ProjectSummary> = [
    {
      title: t('projects.columns.name'),
      dataIndex: 'name',
      key: 'name',
      ...sortable('name', filters),
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Link to={`/projects/${row.id}`} data-testid="project-link">
            {name}
          </Link>
          <KindTags cluster={row.cluster} futureCommunity={row.futureCommunity} />
          {/* Which compounds: two projects of one name are told apart by these and their district. */}
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="project-compounds">
            {row.compoundNames.join('、')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('trust.lists.district'),
      dataIndex: 'districtName',
      key: 'districtName',
      width: 90,
      render: (v: string) => <span data-testid="project-district">{v}</span>,
    },
    {
      title: t('trust.lists.subdistrict'),
      dataIndex: 'subdistricts',
      key: 'subdistricts',
      width: 110,
      render: (v: { name: string }[]) => <span data-testid="project-subdistrict">{v.map((d) => d.name).join('、')}</span>,
    },
    { title: t('projects.columns.year'), dataIndex: 'year', key: 'year', width: 90, align: 'center', ...sortable('year', filters) },
    {
      title: t('projects.columns.stage'),
      dataIndex: 'stage',
      key: 'stage',
      width: 120,
      ...sortable('stage', filters),
      render: (s: string) => <StageTag stage={s} />,
    },
    {
      title: t('projects.columns.compounds'),
      dataIndex: 'compoundCount',
      key: 'compoundCount',
      width: 100,
      align: 'right',
      ...sortable('compoundCount', filters),
    },
    {
      title: t('projects.columns.floorArea'),
      dataIndex: 'floorAreaM2',
      key: 'floorAreaM2',
      width: 140,
      align: 'right',
      ...sortable('floorAreaM2', filters),
      render: (v: string) => (
        <span data-testid="project-floor-area" data-value={v}>
          {formatArea(v, lang)}
        </span>
      ),
    },
    {
      title: t('projects.columns.households'),
      dataIndex: 'households',
      key: 'households',
      width: 100,
      align: 'right',
      ...sortable('households', filters),
      render: (v: number) => formatCount(v, lang),
    },
    {
      title: t('projects.columns.planTotal'),
      dataIndex: 'planTotalFen',
      width: 140,
      align: 'right',
      render: (v: number | null) => (v === null || v === undefined ? '—' : formatFenBig(v, lang)),
    },
  ];

  // The stage's name lives inside StageTag; the sheet carries the exact plan total, not 万元.
  const exportColumns = xlsxColumnsFrom(columns, {
    stage: (p) => stages.name(p.stage),
    subdistricts: (p) => p.subdistricts.map((d) => d.name).join('、'),
    planTotalFen: (p) => formatFen(p.planTotalFen),
  });

  return (
    <CursorTable
      query={query}
      rows={rows}
      columns={columns}
      testId="project-table"
      emptyText={t('projects.empty')}
      scrollX={1100}
      exportName={t('projects.title')}
      exportColumns={exportColumns}
      total={total}
      onSort={(sorter) => onSort(sortFrom(sorter))}
    />
  );
}
