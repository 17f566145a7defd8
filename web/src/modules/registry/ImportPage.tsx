// 数据导入: pick a kind, download its template, upload .xlsx/.csv; show counts, the row
// report (422: nothing written), or the progress of a queued job (202).
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Breadcrumb, Button, Card, Flex, Progress, Radio, Space, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, InboxOutlined, RedoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile, errorMessage } from '../../app/api.ts';
import { templatePath, uploadImport } from './api.ts';
import { resetTreeState } from './divisionTreeStore.ts';
import { ImportCountsView, ImportErrorsView } from './ImportReport.tsx';
import type { ImportCounts, ImportKind, ImportRowError } from './types.ts';
import { jobOutcome, useImportJob } from './useImportJob.ts';

type Phase =
  | { name: 'idle' }
  | { name: 'uploading' }
  | { name: 'queued'; jobId: string }
  | { name: 'done'; counts: ImportCounts }
  | { name: 'invalid'; detail?: string; errors: ImportRowError[] }
  | { name: 'failed'; message: string };

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('compounds');
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const job = useImportJob(phase.name === 'queued' ? phase.jobId : null);
  const outcome = phase.name === 'queued' ? jobOutcome(job.data) : null;
  const client = useQueryClient();
  const wrote = phase.name === 'done' || outcome?.state === 'done';

  // Whatever was written shows up in the registry's lists and tree.
  useEffect(() => {
    if (!wrote) return;
    resetTreeState();
    void client.invalidateQueries({ queryKey: ['registry'] });
  }, [wrote, client]);

  const customRequest: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    const upload = file as File;
    setPhase({ name: 'uploading' });
    try {
      const { status, body } = await uploadImport(kind, upload);
      const jobId = (body as { jobId?: string } | null)?.jobId;
      if (status === 202 && jobId) setPhase({ name: 'queued', jobId });
      else setPhase({ name: 'done', counts: body as ImportCounts });
      onSuccess?.(body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        setPhase({
          name: 'invalid',
          detail: err.problem.detail,
          errors: (err.problem.errors ?? []) as ImportRowError[],
        });
      } else {
        setPhase({ name: 'failed', message: errorMessage(err) });
      }
      onError?.(err as Error);
    }
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    const ok = /\.(xlsx|csv)$/i.test(file.name);
    if (!ok) void message.error(t('import.badType'));
    return ok || Upload.LIST_IGNORE;
  };

  const downloadTemplate = async () => {
    try {
      await downloadFile(templatePath(kind), `${kind}-template.xlsx`);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const busy = phase.name === 'uploading' || (outcome !== null && outcome.state === 'running');

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('import.title') }]} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('import.title')} size="small">
          <Flex wrap gap={16} align="center" style={{ marginBottom: 16 }}>
            <Typography.Text strong>{t('import.kind')}</Typography.Text>
            <Radio.Group
              data-testid="import-kind"
              optionType="button"
              buttonStyle="solid"
              value={kind}
              disabled={busy}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                setPhase({ name: 'idle' });
              }}
              options={[
                { value: 'compounds', label: t('import.kinds.compounds') },
                { value: 'households', label: t('import.kinds.households') },
              ]}
            />
            <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} data-testid="import-template">
              {t('import.template')}
            </Button>
          </Flex>
          <div data-testid="import-upload">
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              maxCount={1}
              showUploadList={false}
              disabled={busy}
              beforeUpload={beforeUpload}
              customRequest={customRequest}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{phase.name === 'uploading' ? t('import.uploading') : t('import.upload')}</p>
              <p className="ant-upload-hint">{t('import.hint')}</p>
            </Upload.Dragger>
          </div>
        </Card>

        {outcome?.state === 'running' && (
          <Card size="small" data-testid="import-progress">
            <Typography.Text>{t('import.processing')}</Typography.Text>
            <Progress percent={outcome.total > 0 ? Math.floor((outcome.done / outcome.total) * 100) : 0} status="active" />
            <Typography.Text type="secondary">{t('import.progress', { done: outcome.done, total: outcome.total || '—' })}</Typography.Text>
            {job.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} title={errorMessage(job.error)} />}
          </Card>
        )}
        {outcome?.state === 'done' && <ImportCountsView counts={outcome.counts} />}
        {outcome?.state === 'failed' &&
          (outcome.errors.length > 0 ? (
            <ImportErrorsView detail={outcome.detail} errors={outcome.errors} />
          ) : (
            <Alert type="error" showIcon title={t('import.jobFailed')} description={outcome.detail} />
          ))}
        {phase.name === 'done' && <ImportCountsView counts={phase.counts} />}
        {phase.name === 'invalid' && <ImportErrorsView detail={phase.detail} errors={phase.errors} />}
        {phase.name === 'failed' && (
          <Alert type="error" showIcon title={t('import.failed')} description={phase.message} data-testid="import-failed" />
        )}
        {phase.name !== 'idle' && !busy && (
          <Button icon={<RedoOutlined />} onClick={() => setPhase({ name: 'idle' })}>
            {t('import.again')}
          </Button>
        )}
      </Space>
    </>
  );
}
