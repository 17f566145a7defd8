// One material of one step: antd Upload posting multipart (step, materialType, file); 413 and 415 explained.
import { useState } from 'react';
import { App, Button, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { uploadDocument } from './api.ts';
import type { ApprovalDocument } from './types.ts';

export const ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

interface Props {
  projectId: string;
  step: string;
  materialType: string;
  onUploaded: (doc: ApprovalDocument) => void;
}

export default function MaterialUpload({ projectId, step, materialType, onUploaded }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const explain = (err: unknown) => {
    const status = err instanceof ApiError ? err.status : 0;
    const why = status === 413 ? t('approvals.uploadTooLarge') : status === 415 ? t('approvals.uploadBadType') : null;
    return [t('approvals.uploadFailed'), why, errorMessage(err)].filter(Boolean).join('：');
  };

  return (
    <span data-testid="material-upload" data-step={step} data-material={materialType}>
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        multiple={false}
        customRequest={({ file, onSuccess, onError }) => {
          setBusy(true);
          uploadDocument(projectId, step, materialType, file as File)
            .then((doc) => {
              onSuccess?.(doc);
              onUploaded(doc);
              void message.success(t('approvals.uploaded', { name: doc.filename }));
            })
            .catch((err: unknown) => {
              onError?.(err as Error);
              void message.error({ content: <span data-testid="upload-error">{explain(err)}</span>, duration: 8 });
            })
            .finally(() => setBusy(false));
        }}
      >
        <Button size="small" type="link" icon={<UploadOutlined />} loading={busy} style={{ paddingInline: 4 }}>
          {t('approvals.upload')}
        </Button>
      </Upload>
    </span>
  );
}
