// 批量导入设备: template, upload (a job), progress, the row report when a row is bad (nothing written), and the
// one-time download of the imported devices' keys and secrets.
import { useState } from 'react';
import { Alert, App, Breadcrumb, Button, Card, Flex, Progress, Result, Space, Table, Typography, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { DownloadOutlined, InboxOutlined, KeyOutlined, RedoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { deviceKeys, downloadImportCredentials, downloadTemplate, fetchImportJob, uploadDevices } from './devicesApi.ts';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

export default function DeviceImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ['jobs', jobId ?? ''],
    queryFn: () => fetchImportJob(jobId!),
    enabled: jobId !== null,
    gcTime: 0,
    refetchInterval: (q) => (q.state.data && ['succeeded', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
  const status = job.data?.status;
  const running = jobId !== null && (status === undefined || status === 'queued' || status === 'running');

  const customRequest: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    setUploading(true);
    setUploadError(null);
    setDownloaded(false);
    try {
      setJobId(await uploadDevices(file as File));
      onSuccess?.(null);
    } catch (err) {
      setUploadError(errorMessage(err));
      onError?.(err as Error);
    } finally {
      setUploading(false);
    }
  };

  const takeCredentials = async () => {
    setDownloadError(null);
    try {
      await downloadImportCredentials(jobId!);
      setDownloaded(true);
      void client.invalidateQueries({ queryKey: deviceKeys.all });
    } catch (err) {
      setDownloadError(errorMessage(err));
    }
  };

  const reset = () => {
    setJobId(null);
    setUploadError(null);
    setDownloaded(false);
    setDownloadError(null);
  };

  return (
    <>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[{ title: <Link to="/devices">{t('devices.title')}</Link> }, { title: t('devices.importPage.title') }]}
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title={t('devices.importPage.title')}
          size="small"
          extra={
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void downloadTemplate().catch((err: unknown) => void message.error(errorMessage(err)))}
              data-testid="device-import-template"
            >
              {t('devices.importPage.template')}
            </Button>
          }
        >
          <Typography.Paragraph type="secondary">{t('devices.importPage.hint')}</Typography.Paragraph>
          <div data-testid="device-import-upload">
            <Upload.Dragger
              accept={ACCEPT}
              multiple={false}
              maxCount={1}
              showUploadList={false}
              disabled={uploading || running}
              beforeUpload={(f) =>
                /\.(xlsx|csv)$/i.test(f.name) || (void message.error(t('devices.importPage.badType')), Upload.LIST_IGNORE)
              }
              customRequest={customRequest}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('devices.importPage.upload')}</p>
            </Upload.Dragger>
          </div>
        </Card>
        {uploadError && <Alert type="error" showIcon title={uploadError} data-testid="device-import-failed" />}
        {running && (
          <Card size="small" data-testid="device-import-progress">
            <Typography.Text>{t('devices.importPage.processing')}</Typography.Text>
            <Progress
              percent={job.data && job.data.progressTotal > 0 ? Math.floor((job.data.progressDone / job.data.progressTotal) * 100) : 0}
              status="active"
            />
          </Card>
        )}
        {status === 'succeeded' && (
          <Card size="small" data-testid="device-import-done">
            <Result
              status="success"
              title={t('devices.importPage.done', { count: job.data?.result?.created ?? 0 })}
              subTitle={downloaded ? t('devices.importPage.credentialsDone') : t('devices.importPage.credentialsWarning')}
              extra={
                !downloaded && (
                  <Button
                    type="primary"
                    icon={<KeyOutlined />}
                    onClick={() => void takeCredentials()}
                    data-testid="device-import-credentials"
                  >
                    {t('devices.importPage.credentials')}
                  </Button>
                )
              }
            />
            {downloadError && <Alert type="error" showIcon title={downloadError} />}
          </Card>
        )}
        {status === 'failed' && (
          <Card size="small" title={t('devices.importPage.invalid')} data-testid="device-import-errors">
            {job.data?.error?.detail && <Alert type="error" showIcon title={job.data.error.detail} style={{ marginBottom: 12 }} />}
            <Table
              size="small"
              rowKey={(_r, i) => String(i)}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={job.data?.error?.errors ?? []}
              columns={[
                { title: t('devices.importPage.line'), dataIndex: 'line', width: 80 },
                {
                  title: t('devices.importPage.column'),
                  dataIndex: 'column',
                  width: 120,
                  render: (v?: string) => (v ? t(`devices.importPage.columns.${v}`, { defaultValue: '' }) : ''),
                },
                { title: t('devices.importPage.reason'), dataIndex: 'message' },
              ]}
            />
          </Card>
        )}
        {(status === 'succeeded' || status === 'failed') && (
          <Flex>
            <Button icon={<RedoOutlined />} onClick={reset}>
              {t('devices.importPage.again')}
            </Button>
          </Flex>
        )}
      </Space>
    </>
  );
}
