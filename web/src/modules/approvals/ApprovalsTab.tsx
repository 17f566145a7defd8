// 审批: the gates of the next stage, the checklist of approval steps, the joint consultations
// and the documents filed. Every change refreshes the project too, so its gates follow.
import { Alert, Skeleton, Space } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { GatesCard, projectKeys, useStages, type ProjectDetail } from '../projects/index.ts';
import { approvalKeys, fetchApprovals } from './api.ts';
import ConsultationsCard from './ConsultationsCard.tsx';
import DocumentsCard from './DocumentsCard.tsx';
import StepsCard from './StepsCard.tsx';
import type { Approvals } from './types.ts';

export default function ApprovalsTab({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { stages } = useStages();
  const client = useQueryClient();
  const key = approvalKeys.approvals(project.id);
  const query = useQuery({ queryKey: key, queryFn: () => fetchApprovals(project.id) });

  const refresh = (next?: Approvals) => {
    if (next) client.setQueryData(key, next);
    else void client.invalidateQueries({ queryKey: key });
    void client.invalidateQueries({ queryKey: projectKeys.project(project.id) });
  };

  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.isError) return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />;

  const approvals = query.data;
  const approvedAt = stages.findIndex((s) => s.stage === 'approved');
  const closed = approvedAt >= 0 && stages.findIndex((s) => s.stage === project.stage) >= approvedAt;
  const canWrite = can('projects.write');

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="approvals-tab">
      <GatesCard project={project} />
      <StepsCard projectId={project.id} approvals={approvals} canWrite={canWrite} closed={closed} onChanged={refresh} />
      <ConsultationsCard
        projectId={project.id}
        consultations={approvals.consultations}
        steps={approvals.steps}
        canWrite={canWrite}
        onRecorded={() => refresh()}
      />
      <DocumentsCard documents={approvals.documents} steps={approvals.steps} />
    </Space>
  );
}
