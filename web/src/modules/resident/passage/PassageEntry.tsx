// The 通行 card on the resident's home page: the way to the access code, visitor passes and vehicles.
import { Link } from 'react-router';
import { Button, Card, Space, Typography } from 'antd';
import { QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export default function PassageEntry() {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="m-passage-entry">
      <Space align="start">
        <QrcodeOutlined style={{ fontSize: 20, color: '#1558b0', marginTop: 3 }} />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('passage.entryHint')}
        </Typography.Text>
      </Space>
      <Link to="/m/passage">
        <Button type="primary" block style={{ marginTop: 10 }} data-testid="m-passage-open">
          {t('passage.open')}
        </Button>
      </Link>
    </Card>
  );
}
