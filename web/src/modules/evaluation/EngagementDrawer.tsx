// One engagement: its facts, moving it on (planned → ongoing → reported, the last needing a report
// on file), the institution's reports (upload and download) and its findings (record, close).
import { useState } from 'react';
import { Button, Card, Descriptions, Drawer, Skeleton, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import DocumentsTable from '../../app/DocumentsTable.tsx';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import UploadButton from '../../app/UploadButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { useDistricts } from '../governance/index.ts';
import AddFindingForm from './AddFindingForm.tsx';
import { downloadReport, evaluationKeys, fetchEngagement, setEngagementStatus, uploadReport } from './api.ts';
import CloseFindingModal from './CloseFindingModal.tsx';
import { findingColumns } from './findingColumns.tsx';
import { ENGAGEMENT_STATUS_COLORS as STATUS_COLORS, ENGAGEMENT_STATUSES, type EngagementDetail, type Finding } from './types.ts';

export default function EngagementDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: evaluationKeys.engagement(id ?? ''), queryFn: () => fetchEngagement(id!), enabled: !!id });
  return (
    <Drawer open={!!id} onClose={onClose} size={860} title={query.data?.title ?? t('evaluation.engagements.detail')} destroyOnHidden>
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <ProblemAlert title={t('common.error')} error={query.error} testId="engagement-error" />
      ) : (
        <EngagementBody engagement={query.data} />
      )}
    </Drawer>
  );
}

function EngagementBody({ engagement: e }: { engagement: EngagementDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { nameOf } = useDistricts();
  const client = useQueryClient();
  const manage = can('evaluation.manage');
  const [closing, setClosing] = useState<Finding | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: evaluationKeys.engagement(e.id) });
    void client.invalidateQueries({ queryKey: evaluationKeys.engagements });
  };
  const next = ENGAGEMENT_STATUSES[ENGAGEMENT_STATUSES.indexOf(e.status) + 1];
  const columns = findingColumns(t, can('findings.close') ? setClosing : null);
  const move = useMutation({ mutationFn: () => setEngagementStatus(e.id, next!), onSuccess: refresh });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="engagement-detail" data-status={e.status}>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t('evaluation.engagements.institution')}>{e.institution.name}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.engagements.kind')}>{t(`evaluation.engagementKinds.${e.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.engagements.subject')}>
          {e.subject.projectId ?? nameOf(e.subject.division)}
        </Descriptions.Item>
        <Descriptions.Item label={t('evaluation.engagements.period')}>{`${e.periodFrom} ~ ${e.periodTo}`}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.engagements.status')}>
          <Space>
            <Tag color={STATUS_COLORS[e.status]}>{t(`evaluation.engagementStatuses.${e.status}`)}</Tag>
            {manage && next && (
              <Button size="small" loading={move.isPending} onClick={() => move.mutate()} data-testid="engagement-advance">
                {t('evaluation.engagements.moveTo', { status: t(`evaluation.engagementStatuses.${next}`) })}
              </Button>
            )}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {move.isError && (
        <ProblemAlert
          title={t('evaluation.engagements.moveFailed')}
          error={move.error}
          testId="engagement-move-problem"
          onClose={() => move.reset()}
        />
      )}

      <Card
        size="small"
        title={t('evaluation.reports.title')}
        extra={
          manage && <UploadButton upload={(file) => uploadReport(e.id, file)} onUploaded={refresh} label={t('evaluation.reports.upload')} />
        }
      >
        <DocumentsTable
          documents={e.reports}
          download={downloadReport}
          sizeOf={(r) => r.sizeBytes}
          titlePrefix="evaluation.reports"
          emptyText={t('evaluation.reports.empty')}
          scrollX={600}
          testId="report-row"
        />
      </Card>

      <Card
        size="small"
        title={t('evaluation.findings.title')}
        extra={
          <ExportXlsxButton
            fileName={`${e.title} ${t('evaluation.findings.title')}`}
            columns={xlsxColumnsFrom(columns, { actions: null })}
            rows={e.findings}
            testId="engagement-findings-export"
          />
        }
      >
        <Table<Finding>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={e.findings}
          columns={columns}
          locale={{ emptyText: t('evaluation.findings.empty') }}
          scroll={{ x: 760 }}
        />
        {manage && <AddFindingForm engagementId={e.id} onAdded={refresh} />}
      </Card>
      {closing && <CloseFindingModal finding={closing} onClose={() => setClosing(null)} />}
    </Space>
  );
}
