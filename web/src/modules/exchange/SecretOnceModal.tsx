// A connector's shared secret, shown this once (after adding it or rotating): copy it to the platform now.
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WithSecret } from './api.ts';

export default function SecretOnceModal({ shown, onClose }: { shown: WithSecret | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={shown !== null}
      title={t('exchange.secret.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="exchange-secret-done">
          {t('exchange.secret.done')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('exchange.secret.warning')} style={{ marginBottom: 16 }} />
      {shown && (
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('exchange.columns.name')}>{shown.connector.name}</Descriptions.Item>
          <Descriptions.Item label={t('exchange.secret.secret')}>
            <Typography.Text copyable code data-testid="exchange-secret" style={{ wordBreak: 'break-all' }}>
              {shown.secret}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('exchange.secret.how')}>{t('exchange.secret.howText')}</Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
}
