// 已上传材料: every document filed, with a download through the session (blob link).
import { useState } from 'react';
import { App, Button, Card, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { downloadDocument } from './api.ts';
import { formatTime } from './ConsultationsCard.tsx';
import type { ApprovalDocument, ApprovalStep } from './types.ts';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function DocumentsCard({ documents, steps }: { documents: ApprovalDocument[]; steps: ApprovalStep[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const stepName = (code: string) => {
    const s = steps.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.nameEn : s.nameZh) : code;
  };
  const download = (doc: ApprovalDocument) => {
    setBusy(doc.id);
    downloadDocument(doc)
      .catch((err: unknown) => void message.error(`${t('approvals.downloadFailed')}：${errorMessage(err)}`))
      .finally(() => setBusy(null));
  };

  return (
    <Card size="small" title={t('approvals.documents')} data-testid="documents">
      <Table<ApprovalDocument>
        size="small"
        rowKey="id"
        dataSource={[...documents].reverse()}
        pagination={documents.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: t('approvals.noDocuments') }}
        scroll={{ x: 800 }}
        onRow={(d) => ({ 'data-testid': 'document', 'data-id': d.id, 'data-material': d.materialType }) as object}
        columns={[
          { title: t('approvals.docColumns.step'), key: 'step', render: (_, d) => stepName(d.step) },
          {
            title: t('approvals.docColumns.material'),
            key: 'material',
            render: (_, d) => t(`approvals.materials.${d.materialType}`, { defaultValue: d.materialType }),
          },
          {
            title: t('approvals.docColumns.file'),
            key: 'file',
            render: (_, d) => (
              <Button
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                loading={busy === d.id}
                onClick={() => download(d)}
                data-testid="document-download"
                style={{ paddingInline: 0 }}
              >
                {d.filename}
              </Button>
            ),
          },
          { title: t('approvals.docColumns.size'), key: 'size', width: 90, render: (_, d) => formatSize(d.size) },
          { title: t('approvals.docColumns.uploadedBy'), key: 'by', width: 110, render: (_, d) => d.uploadedBy ?? '—' },
          {
            title: t('approvals.docColumns.uploadedAt'),
            key: 'at',
            width: 170,
            render: (_, d) => <Typography.Text type="secondary">{formatTime(d.uploadedAt, i18n.language)}</Typography.Text>,
          },
        ]}
      />
    </Card>
  );
}
