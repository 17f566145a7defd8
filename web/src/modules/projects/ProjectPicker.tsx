// A project picked by name (issue 16, item 4: pickers instead of pasted ids): the server searches the projects in the
// account's scope as the person types, and each option names the project's compounds and district beside it, so two
// projects of one name are told apart. The form's value stays the project's id.
import { useState } from 'react';
import { Select, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchProjects, projectKeys } from './api.ts';
import type { ProjectSummary } from './types.ts';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Only the projects of this year (an exemplary selection's, for example). */
  year?: number;
  testId?: string;
  style?: React.CSSProperties;
}

/** The words beside a project's name: its compounds and district. */
export const projectPlace = (p: Pick<ProjectSummary, 'compoundNames' | 'districtName'>) =>
  [p.compoundNames.join('、'), p.districtName].filter(Boolean).join(' · ');

export default function ProjectPicker({ value, onChange, year, testId, style }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const filters = { q: q.trim() || undefined, year };
  const found = useQuery({
    queryKey: [...projectKeys.list(filters), 'picker'],
    queryFn: () => fetchProjects(filters, 20).then((b) => b.items),
    placeholderData: keepPreviousData,
  });
  return (
    <Select<string>
      data-testid={testId}
      value={value}
      onChange={(v) => onChange?.(v || undefined)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      placeholder={t('finding.pickProject')}
      notFoundContent={found.isFetching ? null : t('finding.noProject')}
      style={{ minWidth: 320, ...style }}
      popupMatchSelectWidth={false}
      options={(found.data ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${t('finding.yearN', { year: p.year })} · ${projectPlace(p)}）`,
        project: p,
      }))}
      optionRender={(o) => (
        <span data-testid="project-option" data-id={o.value}>
          {o.data.project.name}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('finding.yearN', { year: o.data.project.year })} · {projectPlace(o.data.project)}
          </Typography.Text>
        </span>
      )}
    />
  );
}
