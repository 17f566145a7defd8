// The project list as a table: cursor pages appended with "load more".
import { Space } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { formatFen, formatFenBig } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { formatArea, formatCount } from '../registry/index.ts';
import { KindTags, StageTag } from './ProjectTags.tsx';
import { useStages } from './useStages.ts';
import type { ProjectFilters, ProjectSummary } from './types.ts';
import { useProjectList } from './useProjectList.ts';

export default function ProjectTable({ filters }: { filters: ProjectFilters }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { query, rows } = useProjectList(filters, 50);
  const stages = useStages();

  const columns: ColumnsType<ProjectSummary> = [
    {
      title: t('projects.columns.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Space size={4} wrap>
          <Link to={`/projects/${row.id}`} data-testid="project-link">
            {name}
          </Link>
          <KindTags cluster={row.cluster} futureCommunity={row.futureCommunity} />
        </Space>
      ),
    },
    { title: t('projects.columns.year'), dataIndex: 'year', width: 80, align: 'center' },
    { title: t('projects.columns.stage'), dataIndex: 'stage', width: 120, render: (s: string) => <StageTag stage={s} /> },
    { title: t('projects.columns.compounds'), dataIndex: 'compoundCount', width: 90, align: 'right' },
    {
      title: t('projects.columns.floorArea'),
      dataIndex: 'floorAreaM2',
      width: 130,
      align: 'right',
      render: (v: string) => formatArea(v, lang),
    },
    {
      title: t('projects.columns.households'),
      dataIndex: 'households',
      width: 90,
      align: 'right',
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
    planTotalFen: (p) => formatFen(p.planTotalFen),
  });

  return (
    <CursorTable
      query={query}
      rows={rows}
      columns={columns}
      testId="project-table"
      emptyText={t('projects.empty')}
      scrollX={860}
      exportName={t('projects.title')}
      exportColumns={exportColumns}
    />
  );
}
