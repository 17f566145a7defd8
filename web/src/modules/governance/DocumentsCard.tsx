// 规约与议事规则: the governance documents filed (download through the session) and, for
// governance.manage, an upload per kind with the shared upload button.
import { useState } from 'react';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import UploadButton from '../../app/UploadButton.tsx';
import { errorMessage } from '../../app/api.ts';
import { formatSize } from '../approvals/DocumentsCard.tsx';
import { formatAt } from '../participation/format.ts';
import { downloadGovernanceDocument, uploadGovernanceDocument } from './api.ts';
import { DOCUMENT_KINDS, type GovernanceDocument } from './types.ts';

interface Props {
  projectId: string;
  documents: GovernanceDocument[];
  canManage: boolean;
  onUploaded: () => void;
}

export default function DocumentsCard({ projectId, documents, canManage, onUploaded }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const download = (doc: GovernanceDocument) => {
    setBusy(doc.id);
    downloadGovernanceDocument(doc)
      .catch((err: unknown) => void message.error(`${t('approvals.downloadFailed')}：${errorMessage(err)}`))
      .finally(() => setBusy(null));
  };

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
        <Table<GovernanceDocument>
          size="small"
          rowKey="id"
          dataSource={[...documents].reverse()}
          pagination={documents.length > 10 ? { pageSize: 10, size: 'small' } : false}
          locale={{ emptyText: t('governance.documents.none') }}
          scroll={{ x: 640 }}
          onRow={(d) => ({ 'data-testid': 'governance-document', 'data-id': d.id, 'data-kind': d.kind }) as object}
          columns={[
            {
              title: t('governance.documents.kind'),
              key: 'kind',
              width: 170,
              render: (_, d) => <Tag>{t(`governance.documents.kinds.${d.kind}`)}</Tag>,
            },
            {
              title: t('governance.documents.file'),
              key: 'file',
              render: (_, d) => (
                <Button
                  type="link"
                  size="small"
                  icon={<DownloadOutlined />}
                  loading={busy === d.id}
                  onClick={() => download(d)}
                  data-testid="governance-document-download"
                  style={{ paddingInline: 0 }}
                >
                  {d.filename}
                </Button>
              ),
            },
            { title: t('governance.documents.size'), key: 'size', width: 90, render: (_, d) => formatSize(d.sizeBytes) },
            {
              title: t('governance.documents.uploadedAt'),
              key: 'at',
              width: 170,
              render: (_, d) => <Typography.Text type="secondary">{formatAt(d.uploadedAt, i18n.language)}</Typography.Text>,
            },
          ]}
        />
      </Space>
    </Card>
  );
}
