// 改造项目: filters, the list as a table or as a board by stage, and "new project".
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Breadcrumb, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../accounts/index.ts';
import NewProjectModal from './NewProjectModal.tsx';
import ProjectBoard from './ProjectBoard.tsx';
import ProjectFiltersBar, { type ProjectView } from './ProjectFiltersBar.tsx';
import ProjectTable from './ProjectTable.tsx';
import type { ProjectFilters } from './types.ts';

function readFilters(params: URLSearchParams): ProjectFilters {
  const year = Number(params.get('year'));
  return {
    year: Number.isInteger(year) && year > 0 ? year : undefined,
    stage: params.get('stage') || undefined,
    q: params.get('q') || undefined,
    division: /^\d{6}(\d{3})?$/.test(params.get('division') ?? '') ? params.get('division')! : undefined,
    sort: params.get('sort') || undefined,
    order: params.get('order') === 'desc' ? 'desc' : params.get('sort') ? 'asc' : undefined,
  };
}

export default function ProjectsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const view: ProjectView = params.get('view') === 'board' ? 'board' : 'table';
  const [creating, setCreating] = useState(false);

  const update = (next: ProjectFilters, nextView: ProjectView = view) => {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value !== undefined && value !== '') out.set(key, String(value));
    if (nextView === 'board') out.set('view', 'board');
    setParams(out, { replace: true });
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('projects.title') }]} />
      <Card size="small" title={t('projects.title')} data-testid="projects-page">
        <ProjectFiltersBar
          filters={filters}
          onChange={(next) => update(next)}
          view={view}
          onView={(v) => update(filters, v)}
          onNew={can('projects.write') ? () => setCreating(true) : null}
        />
        {view === 'board' ? (
          <ProjectBoard filters={filters} />
        ) : (
          <ProjectTable filters={filters} onSort={(sort) => update({ ...filters, ...{ sort: undefined, order: undefined }, ...sort })} />
        )}
      </Card>
      <NewProjectModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
