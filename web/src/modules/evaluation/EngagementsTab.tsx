// 评估委托: engagements whose subject is in scope, newest first; a new one (evaluation.manage);
// each opens in a drawer with its reports and findings.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import ManagedList from './ManagedList.tsx';
import { useDistricts } from '../governance/index.ts';
import { evaluationKeys, fetchEngagements } from './api.ts';
import EngagementDrawer from './EngagementDrawer.tsx';
import NewEngagementModal from './NewEngagementModal.tsx';
import { ENGAGEMENT_STATUS_COLORS as STATUS_COLORS, type Engagement } from './types.ts';
import { usePaged } from './usePaged.ts';

export default function EngagementsTab() {
  const { t } = useTranslation();
  const { nameOf } = useDistricts();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const { query, rows } = usePaged(evaluationKeys.engagements, fetchEngagements);
  const columns: ColumnsType<Engagement> = [
    {
      title: t('evaluation.engagements.title'),
      key: 'title',
      render: (_, e) => (
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0 }}
          onClick={() => setOpen(e.id)}
          data-testid="engagement-row"
          data-id={e.id}
        >
          {e.title}
        </Button>
      ),
    },
    { title: t('evaluation.engagements.institution'), key: 'institution', width: 220, render: (_, e) => e.institution.name },
    { title: t('evaluation.engagements.kind'), key: 'kind', width: 150, render: (_, e) => t(`evaluation.engagementKinds.${e.kind}`) },
    {
      title: t('evaluation.engagements.subject'),
      key: 'subject',
      width: 160,
      render: (_, e) =>
        e.subject.projectId ? (
          <Link to={`/projects/${e.subject.projectId}`}>{t('evaluation.engagements.project')}</Link>
        ) : (
          <span>{nameOf(e.subject.division)}</span>
        ),
    },
    { title: t('evaluation.engagements.period'), key: 'period', width: 200, render: (_, e) => `${e.periodFrom} ~ ${e.periodTo}` },
    {
      title: t('evaluation.engagements.status'),
      key: 'status',
      width: 100,
      render: (_, e) => <Tag color={STATUS_COLORS[e.status]}>{t(`evaluation.engagementStatuses.${e.status}`)}</Tag>,
    },
  ];
  return (
    <ManagedList
      addLabel={t('evaluation.engagements.add')}
      addTestId="engagement-add"
      onAdd={() => setCreating(true)}
      query={query}
      rows={rows}
      columns={columns}
      testId="engagement-table"
      exportName={t('evaluation.engagements.list')}
      emptyText={t('evaluation.engagements.empty')}
      scrollX={1100}
    >
      {creating && <NewEngagementModal onClose={() => setCreating(false)} onCreated={(e) => setOpen(e.id)} />}
      <EngagementDrawer id={open} onClose={() => setOpen(null)} />
    </ManagedList>
  );
}
