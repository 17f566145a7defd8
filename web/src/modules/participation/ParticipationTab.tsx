// 居民参与: surveys (coverage, aggregates, paper entry) and ballots (open, key paper sheets,
// close, tally and verification) of one project; the section is kept in the URL (?part=).
import { useSearchParams } from 'react-router';
import { Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '../projects/index.ts';
import BallotsPanel from './BallotsPanel.tsx';
import SurveysPanel from './SurveysPanel.tsx';

const SECTIONS = ['surveys', 'ballots'] as const;

export default function ParticipationTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const section = SECTIONS.find((s) => s === params.get('part')) ?? (params.get('ballot') ? 'ballots' : 'surveys');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="participation-tab">
      <Segmented
        data-testid="participation-section"
        value={section}
        onChange={(value) => {
          const next = new URLSearchParams(params);
          next.set('part', String(value));
          setParams(next, { replace: true });
        }}
        options={SECTIONS.map((s) => ({
          value: s,
          label: <span data-testid={`participation-${s}`}>{t(`participation.sections.${s}`)}</span>,
        }))}
      />
      {section === 'surveys' ? <SurveysPanel project={project} /> : <BallotsPanel project={project} />}
    </Space>
  );
}
