// 生活圈 (/circle): the 15-minute living circle for staff: the gaps summed for my division and under it with the
// households affected, a compound's circle need by need, and the facilities (add, import).
import { useState } from 'react';
import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../accounts/index.ts';
import ClustersTab from './ClustersTab.tsx';
import CompoundCircle from './CompoundCircle.tsx';
import DistrictMap from './DistrictMap.tsx';
import FacilitiesTab from './FacilitiesTab.tsx';
import GapsTab from './GapsTab.tsx';
import SpacesTab from './SpacesTab.tsx';

export default function CirclePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [tab, setTab] = useState('gaps');
  const [compoundId, setCompoundId] = useState<string | undefined>();
  const open = (id: string) => {
    setCompoundId(id);
    setTab('compound');
  };
  return (
    <>
      <Typography.Title level={3}>{t('circle.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('circle.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'gaps', label: t('circle.tabs.gaps'), children: <GapsTab home={user?.scope.division ?? ''} onCompound={open} /> },
          {
            key: 'compound',
            label: t('circle.tabs.compound'),
            children: <CompoundCircle compoundId={compoundId} onPick={setCompoundId} />,
          },
          { key: 'facilities', label: t('circle.tabs.facilities'), children: <FacilitiesTab /> },
          { key: 'spaces', label: t('spaces.tab'), children: <SpacesTab /> },
          { key: 'clusters', label: t('clusters.tab'), children: <ClustersTab home={user?.scope.division ?? ''} /> },
          {
            key: 'map',
            label: t('districtMap.tab'),
            children: tab === 'map' ? <DistrictMap testId="circle-map" outlineBy="community" /> : null,
          },
        ]}
      />
    </>
  );
}
