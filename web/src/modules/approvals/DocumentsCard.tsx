// 已上传材料: every document filed, with a download through the session (blob link).
import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import DocumentsTable from '../../app/DocumentsTable.tsx';
import { downloadDocument } from './api.ts';
import type { ApprovalDocument, ApprovalStep } from './types.ts';

export default function DocumentsCard({ documents, steps }: { documents: ApprovalDocument[]; steps: ApprovalStep[] }) {
  const { t, i18n } = useTranslation();
  const stepName = (code: string) => {
    const s = steps.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.nameEn : s.nameZh) : code;
  };

  return (
    <Card size="small" title={t('approvals.documents')} data-testid="documents">
      <DocumentsTable<ApprovalDocument>
        documents={documents}
        download={downloadDocument}
        sizeOf={(d) => d.size}
        titlePrefix="approvals.docColumns"
        emptyText={t('approvals.noDocuments')}
        scrollX={800}
        testId="document"
        rowData={(d) => ({ 'data-material': d.materialType })}
        leading={[
          { title: t('approvals.docColumns.step'), key: 'step', render: (_, d) => stepName(d.step) },
          {
            title: t('approvals.docColumns.material'),
            key: 'material',
            render: (_, d) => t(`approvals.materials.${d.materialType}`, { defaultValue: d.materialType }),
          },
        ]}
        trailing={[{ title: t('approvals.docColumns.uploadedBy'), key: 'by', width: 110, render: (_, d) => d.uploadedBy ?? '—' }]}
      />
    </Card>
  );
}
