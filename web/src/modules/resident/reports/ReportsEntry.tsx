// The 报事 card on the resident's home page: report, my reports (with how many have news), the compound's list.
import { Link } from 'react-router';
import { Badge, Button, Card, Space, Typography } from 'antd';
import { AlertOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchMyReports, fetchOptions, reportKeys } from './api.ts';

export default function ReportsEntry() {
  const { t } = useTranslation();
  const options = useQuery({ queryKey: reportKeys.options, queryFn: fetchOptions });
  const compoundId = options.data?.compounds[0]?.id;
  const mine = useQuery({ queryKey: reportKeys.mineSummary, queryFn: () => fetchMyReports() });
  const unread = mine.data?.unread ?? 0;
  return (
    <Card size="small" data-testid="m-grid-entry">
      <Space align="start">
        <AlertOutlined style={{ fontSize: 20, color: '#1558b0', marginTop: 3 }} />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('gridEvents.resident.entryHint')}
        </Typography.Text>
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 10 }}>
        <Link to="/m/report">
          <Button type="primary" block data-testid="m-grid-report">
            {t('gridEvents.resident.report')}
          </Button>
        </Link>
        <Link to="/m/reports">
          <Badge count={unread} size="small" style={{ zIndex: 1 }} data-testid="m-grid-unread">
            <Button block data-testid="m-grid-mine" style={{ width: '100%' }}>
              {t('gridEvents.resident.mine')}
            </Button>
          </Badge>
        </Link>
      </div>
      {compoundId && (
        <div style={{ marginTop: 8, textAlign: 'center' }}>
          <Link to={`/m/grid-public?compound=${compoundId}`} data-testid="m-grid-public">
            {t('gridEvents.resident.public')}
          </Link>
        </div>
      )}
    </Card>
  );
}
