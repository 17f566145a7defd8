// The 物业报修 tile on the resident's home page: request a repair, and my repairs (with how many are under way).
import { Link } from 'react-router';
import { Badge, Button, Card, Space, Typography } from 'antd';
import { ToolOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchMyRepairs, myRepairKeys } from './api.ts';

export default function RepairsEntry() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: myRepairKeys.tile, queryFn: () => fetchMyRepairs() });
  const open = (mine.data?.items ?? []).filter((r) => r.status === 'open' || r.status === 'assigned' || r.status === 'in_progress').length;
  return (
    <Card size="small" data-testid="m-repairs-entry">
      <Space align="start">
        <ToolOutlined style={{ fontSize: 20, color: '#1558b0', marginTop: 3 }} />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('repairs.resident.entryHint')}
        </Typography.Text>
      </Space>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginTop: 10 }}>
        <Link to="/m/repair">
          <Button type="primary" block data-testid="m-repair-new">
            {t('repairs.resident.file')}
          </Button>
        </Link>
        <Link to="/m/repairs">
          <Badge count={open} size="small" color="blue" style={{ zIndex: 1 }}>
            <Button block data-testid="m-repair-mine" style={{ width: '100%' }}>
              {t('repairs.resident.mine')}
            </Button>
          </Badge>
        </Link>
      </div>
    </Card>
  );
}
