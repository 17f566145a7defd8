// The key and secret of a device, shown once: copy buttons and a plain warning that they cannot be seen again.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Credentials } from './devicesApi.ts';

export default function SecretModal({ credentials, onClose }: { credentials: Credentials | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={credentials !== null}
      title={t('devices.secret.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="secret-done">
          {t('devices.secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('devices.secret.warning')} style={{ marginBottom: 16 }} data-testid="secret-warning" />
      {credentials && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('devices.secret.key')}>
            <Typography.Text copyable code data-testid="secret-key">
              {credentials.key}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('devices.secret.secret')}>
            <Typography.Text copyable code data-testid="secret-value" style={{ wordBreak: 'break-all' }}>
              {credentials.secret}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
