// A one-file upload button (antd Upload with a custom request): the caller posts the file, the
// button shows progress and explains 413 (too large) and 415 (type not accepted) failures.
// Used by the approval materials and the governance documents.
import { useState, type ReactNode } from 'react';
import { App, Button, Upload } from 'antd';
import type { ButtonProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from './api.ts';

/** The file types the server's file store accepts (checked again by their bytes). */
export const UPLOAD_ACCEPT = '.pdf,.png,.jpg,.jpeg,.docx,.xlsx';

interface Props<T extends { filename: string }> {
  upload: (file: File) => Promise<T>;
  onUploaded: (result: T) => void;
  label?: ReactNode;
  accept?: string;
  buttonProps?: ButtonProps;
}

export default function UploadButton<T extends { filename: string }>({
  upload,
  onUploaded,
  label,
  accept = UPLOAD_ACCEPT,
  buttonProps = { size: 'small', type: 'link', style: { paddingInline: 4 } },
}: Props<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const explain = (err: unknown) => {
    const status = err instanceof ApiError ? err.status : 0;
    const why = status === 413 ? t('approvals.uploadTooLarge') : status === 415 ? t('approvals.uploadBadType') : null;
    return [t('approvals.uploadFailed'), why, errorMessage(err)].filter(Boolean).join('：');
  };

  return (
    <Upload
      accept={accept}
      showUploadList={false}
      multiple={false}
      customRequest={({ file, onSuccess, onError }) => {
        setBusy(true);
        upload(file as File)
          .then((result) => {
            onSuccess?.(result);
            onUploaded(result);
            void message.success(t('approvals.uploaded', { name: result.filename }));
          })
          .catch((err: unknown) => {
            onError?.(err as Error);
            void message.error({ content: <span data-testid="upload-error">{explain(err)}</span>, duration: 8 });
          })
          .finally(() => setBusy(false));
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} {...buttonProps}>
        {label ?? t('approvals.upload')}
      </Button>
    </Upload>
  );
}
