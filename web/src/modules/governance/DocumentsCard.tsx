// 规约与议事规则: the governance documents filed (download through the session) and, for
// governance.manage, an upload per kind with the shared upload button.
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import DocumentsTable from '../../app/DocumentsTable.tsx';
import UploadButton from '../../app/UploadButton.tsx';
import { downloadGovernanceDocument, uploadGovernanceDocument } from './api.ts';
import { DOCUMENT_KINDS, type GovernanceDocument } from './types.ts';

interface Props {
  projectId: string;
  documents: GovernanceDocument[];
  canManage: boolean;
  onUploaded: () => void;
}

export default function DocumentsCard({ projectId, documents, canManage, onUploaded }: Props) {
  const { t } = useTranslation();

  return (
    <Card size="small" title={t('governance.documents.title')} data-testid="governance-documents">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {canManage && (
          <Space wrap size={16}>
            {DOCUMENT_KINDS.map((kind) => (
              <span key={kind} data-testid={`governance-upload-${kind}`}>
                <Typography.Text>{t(`governance.documents.kinds.${kind}`)}</Typography.Text>
                <UploadButton upload={(file) => uploadGovernanceDocument(projectId, kind, file)} onUploaded={onUploaded} />
              </span>
            ))}
            <Typography.Text type="secondary">{t('governance.documents.accept')}</Typography.Text>
          </Space>
        )}
        <DocumentsTable<GovernanceDocument>
          documents={documents}
          download={downloadGovernanceDocument}
          sizeOf={(d) => d.sizeBytes}
          titlePrefix="governance.documents"
          emptyText={t('governance.documents.none')}
          scrollX={640}
          testId="governance-document"
          rowData={(d) => ({ 'data-kind': d.kind })}
          leading={[
            {
              title: t('governance.documents.kind'),
              key: 'kind',
              width: 170,
              render: (_, d) => <Tag>{t(`governance.documents.kinds.${d.kind}`)}</Tag>,
            },
          ]}
        />
      </Space>
    </Card>
  );
}
