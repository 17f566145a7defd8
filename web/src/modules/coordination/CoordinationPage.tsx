// 综合改一次 (renovate once): year and division, then tabs for the timetables, the work packages,
// the rules and the annual plan's department reviews; department notices in the header.
import { Breadcrumb, Card, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLatestYear, yearParam, YearSelect } from '../../app/years.tsx';
import { coordinationKeys, fetchPackageYears } from './api.ts';
import { useDivisionOptions } from './hooks.ts';
import NoticesButton from './NoticesButton.tsx';
import PackagesTab from './PackagesTab.tsx';
import ReviewsTab from './ReviewsTab.tsx';
import RulesTab from './RulesTab.tsx';
import TimetableTab from './TimetableTab.tsx';

const TABS = ['timetable', 'packages', 'rules', 'reviews'] as const;
type Tab = (typeof TABS)[number];

export default function CoordinationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const divisions = useDivisionOptions();
  const division = params.get('division') ?? divisions.scope ?? undefined;
  // Without a year asked for, the latest year with work packages (else this year): the plan being worked on.
  const years = useLatestYear({
    asked: yearParam(params.get('year')),
    queryKey: coordinationKeys.packageYears(division),
    fetchYears: () => fetchPackageYears(division),
  });
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'timetable';
  if (years.year === null) return <Skeleton active data-testid="coordination-loading" />;
  const year = years.year;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    setParams(next, { replace: true });
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('coordination.title') }]} />
      <Card
        size="small"
        data-testid="coordination-page"
        data-year={year}
        data-division={division ?? ''}
        title={
          <Space orientation="vertical" size={0} style={{ padding: '6px 0' }}>
            <span>{t('coordination.title')}</span>
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
              {t('coordination.subtitle')}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            <NoticesButton />
            <span>{t('coordination.year')}</span>
            <YearSelect
              testId="coordination-year"
              label={(y) => t('coordination.yearN', { year: y })}
              year={year}
              withData={years.withData}
              offered={years.offered}
              onChange={(y) => set({ year: String(y) })}
            />
            <span>{t('coordination.division')}</span>
            <Select<string>
              data-testid="coordination-division"
              value={division}
              loading={divisions.loading}
              style={{ width: 170 }}
              options={divisions.options.map((d) => ({ value: d.code, label: d.name }))}
              onChange={(d) => set({ division: d })}
            />
          </Space>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'timetable' ? undefined : k })}
          destroyOnHidden
          items={[
            {
              key: 'timetable',
              label: <span data-testid="tab-timetable">{t('coordination.tabs.timetable')}</span>,
              children: <TimetableTab year={year} division={division} divisionName={division ? divisions.nameOf(division) : ''} />,
            },
            {
              key: 'packages',
              label: <span data-testid="tab-packages">{t('coordination.tabs.packages')}</span>,
              children: <PackagesTab key={division ?? ''} year={year} division={division} />,
            },
            {
              key: 'rules',
              label: <span data-testid="tab-rules">{t('coordination.tabs.rules')}</span>,
              children: <RulesTab year={year} />,
            },
            {
              key: 'reviews',
              label: <span data-testid="tab-reviews">{t('coordination.tabs.reviews')}</span>,
              children: <ReviewsTab year={year} division={division} nameOf={divisions.nameOf} />,
            },
          ]}
        />
      </Card>
    </>
  );
}
