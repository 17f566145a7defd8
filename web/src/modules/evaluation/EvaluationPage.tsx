// 第三方评估 (/evaluation): institutions, their engagements (with reports and findings), the
// findings to rectify and the agencies' sample surveys, one tab each (kept in the URL).
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import EngagementsTab from './EngagementsTab.tsx';
import FindingsTab from './FindingsTab.tsx';
import InstitutionsTab from './InstitutionsTab.tsx';
import SampleSurveysTab from './SampleSurveysTab.tsx';

const TABS = ['engagements', 'institutions', 'findings', 'samples'] as const;

export default function EvaluationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'engagements';
  const children = {
    engagements: <EngagementsTab />,
    institutions: <InstitutionsTab />,
    findings: <FindingsTab />,
    samples: <SampleSurveysTab />,
  };
  return (
    <Card title={t('evaluation.thirdParty.title')} data-testid="evaluation-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`tab-${k}`}>{t(`evaluation.thirdParty.tabs.${k}`)}</span>,
          children: children[k],
        }))}
      />
    </Card>
  );
}
