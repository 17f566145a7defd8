// Filters above the project list and board: year, stage, text; the view switch and "new".
import { useEffect, useState } from 'react';
import { Button, Input, InputNumber, Segmented, Select, Space } from 'antd';
import { AppstoreOutlined, PlusOutlined, ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProjectFilters } from './types.ts';
import { useStages } from './useStages.ts';
import DivisionFilter from '../../app/DivisionFilter.tsx';

export type ProjectView = 'table' | 'board';

interface Props {
  filters: ProjectFilters;
  onChange: (next: ProjectFilters) => void;
  view: ProjectView;
  onView: (view: ProjectView) => void;
  onNew: (() => void) | null;
}

export default function ProjectFiltersBar({ filters, onChange, view, onView, onNew }: Props) {
  const { t } = useTranslation();
  const { stages, name } = useStages();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
      <Space wrap size={[8, 8]} data-testid="project-filters">
        <Input.Search
          data-testid="project-filter-q"
          allowClear
          placeholder={t('projects.filters.q')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange({ ...filters, q: value.trim() || undefined })}
          style={{ width: 220 }}
          enterButton={t('common.search')}
        />
        <InputNumber<number>
          data-testid="project-filter-year"
          placeholder={t('projects.filters.year')}
          min={2000}
          max={2100}
          precision={0}
          value={filters.year ?? null}
          onChange={(v) => onChange({ ...filters, year: v ?? undefined })}
          style={{ width: 110 }}
        />
        {view === 'table' && (
          <Select<string>
            data-testid="project-filter-stage"
            allowClear
            placeholder={t('projects.filters.stage')}
            value={filters.stage}
            onChange={(stage) => onChange({ ...filters, stage })}
            style={{ width: 150 }}
            options={stages.map((s) => ({ value: s.stage, label: name(s.stage) }))}
          />
        )}
        <DivisionFilter division={filters.division} onChange={(division) => onChange({ ...filters, division })} />
        <Button icon={<ReloadOutlined />} onClick={() => onChange({})} data-testid="project-filter-reset">
          {t('common.reset')}
        </Button>
      </Space>
      <Space wrap>
        <Segmented<ProjectView>
          data-testid="project-view"
          value={view}
          onChange={onView}
          options={[
            { value: 'table', icon: <UnorderedListOutlined />, label: t('projects.viewTable') },
            { value: 'board', icon: <AppstoreOutlined />, label: t('projects.viewBoard') },
          ]}
        />
        {onNew && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onNew} data-testid="new-project">
            {t('projects.new')}
          </Button>
        )}
      </Space>
    </div>
  );
}
