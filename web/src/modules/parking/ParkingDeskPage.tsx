// 停车管理 (/parking?compound=): the property desk's car park of one compound: the occupancy now, the stays from its
// barriers with their fees and payments, monthly passes, and its spaces.
import { Card, Empty, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CompoundPicker } from '../community/index.ts';
import { useCompound } from '../passage/index.ts';
import OccupancyCard from './OccupancyCard.tsx';
import PassesPanel from './PassesPanel.tsx';
import SessionsPanel from './SessionsPanel.tsx';
import SpacesPanel from './SpacesPanel.tsx';

export default function ParkingDeskPage() {
  const { t } = useTranslation();
  const [compoundId, setCompound] = useCompound();
  return (
    <Card title={t('parkingDesk.title')} data-testid="parking-desk">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('parkingDesk.hint')}</Typography.Text>
        <CompoundPicker value={compoundId} onChange={setCompound} testId="parking-desk-compound" />
        {!compoundId ? (
          <Empty description={t('parkingDesk.pickCompound')} data-testid="parking-desk-no-compound" />
        ) : (
          <>
            <OccupancyCard compoundId={compoundId} />
            <Tabs
              key={compoundId}
              items={[
                { key: 'sessions', label: t('parkingDesk.tabs.sessions'), children: <SessionsPanel compoundId={compoundId} /> },
                { key: 'passes', label: t('parkingDesk.tabs.passes'), children: <PassesPanel compoundId={compoundId} /> },
                { key: 'spaces', label: t('parkingDesk.tabs.spaces'), children: <SpacesPanel compoundId={compoundId} /> },
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
