// 长效治理: the tripartite governance checklist (the handed_over gate tripartite_governance), the
// governing bodies, the management mode adopted by ballot and the rules documents. Forms appear
// only with governance.manage; every change refreshes the project too, so its gates follow.
import { Alert, Skeleton, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { projectKeys, type ProjectDetail } from '../projects/index.ts';
import { fetchGovernance, governanceKeys } from './api.ts';
import DocumentsCard from './DocumentsCard.tsx';
import FactsCard from './FactsCard.tsx';
import GapsChecklist from './GapsChecklist.tsx';
import ModeCard from './ModeCard.tsx';
import type { Governance } from './types.ts';

export default function GovernanceTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const key = governanceKeys.governance(project.id);
  const query = useQuery({ queryKey: key, queryFn: () => fetchGovernance(project.id) });

  const refresh = (next?: Governance) => {
    if (next) client.setQueryData(key, next);
    else void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: projectKeys.project(project.id) });
  };

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />;

  const governance = query.data;
  const canManage = can('governance.manage');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="governance-tab">
      <GapsChecklist governance={governance} />
      <FactsCard projectId={project.id} governance={governance} canManage={canManage} onSaved={refresh} />
      <ModeCard projectId={project.id} governance={governance} canManage={canManage} onSaved={refresh} />
      <DocumentsCard projectId={project.id} documents={governance.documents} canManage={canManage} onUploaded={() => refresh()} />
    </Space>
  );
}
