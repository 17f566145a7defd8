// 通行管理 (/passage?compound=): the property desk's view of one compound's passage: visitor passes (register, revoke),
// the registered vehicles, and the lists pushed to its gates and barriers.
import { Card, Empty, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CompoundPicker } from '../community/index.ts';
import ListsPanel from './ListsPanel.tsx';
import { useCompound } from './useCompound.ts';
import VehiclesPanel from './VehiclesPanel.tsx';
import VisitorPassesPanel from './VisitorPassesPanel.tsx';

export default function PassageDeskPage() {
  const { t } = useTranslation();
  const [compoundId, setCompound] = useCompound();
  return (
    <Card title={t('passageDesk.title')} data-testid="passage-desk">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('passageDesk.hint')}</Typography.Text>
        <CompoundPicker value={compoundId} onChange={setCompound} testId="passage-desk-compound" />
        {!compoundId ? (
          <Empty description={t('passageDesk.pickCompound')} data-testid="passage-desk-no-compound" />
        ) : (
          <Tabs
            key={compoundId}
            items={[
              {
                key: 'visitors',
                label: t('passageDesk.tabs.visitors'),
                children: <VisitorPassesPanel compoundId={compoundId} />,
              },
              { key: 'vehicles', label: t('passageDesk.tabs.vehicles'), children: <VehiclesPanel compoundId={compoundId} /> },
              { key: 'lists', label: t('passageDesk.tabs.lists'), children: <ListsPanel compoundId={compoundId} /> },
            ]}
          />
        )}
      </Space>
    </Card>
  );
}
