// 年度计划: pick a year (default the latest with projects in scope); the districts' projects by
// stage, plan totals, funds by source and outcomes, and a stacked bar chart of funds.
import { useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useLatestYear, yearParam, YearSelect } from '../../app/years.tsx';
import { fetchProjectYears, projectKeys } from './api.ts';
import YearPlanChart from './YearPlanChart.tsx';
import YearPlanTable from './YearPlanTable.tsx';
import { useYearPlan } from './useYearPlan.ts';

export default function YearPlanPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const latest = useLatestYear({
    asked: yearParam(params.get('year')),
    queryKey: projectKeys.years(),
    fetchYears: () => fetchProjectYears(),
  });
  const year = latest.year;
  const plan = useYearPlan(year);

  const content = () => {
    if (latest.error || plan.error)
      return (
        <Alert
          type="error"
          showIcon
          data-testid="year-plan-error"
          title={t('common.error')}
          description={errorMessage(latest.error ?? plan.error)}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => (latest.error ? void latest.refetch() : plan.refetch())}>
              {t('common.retry')}
            </Button>
          }
        />
      );
    if (year === null || plan.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
    if (plan.rows.length === 0) return <Empty data-testid="year-plan-empty" description={t('yearPlan.empty', { year })} />;
    return (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('yearPlan.table')}>
          <YearPlanTable rows={plan.rows} sources={plan.sources} outcomesTotal={plan.outcomesTotal} />
        </Card>
        <Card size="small" title={t('yearPlan.chart')}>
          <YearPlanChart rows={plan.rows} sources={plan.sources} />
        </Card>
      </Space>
    );
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: t('app.shortTitle') }, { title: t('yearPlan.title') }]} />
      <Card
        size="small"
        data-testid="year-plan-page"
        data-year={year ?? ''}
        title={
          <Space>
            <span>{t('yearPlan.title')}</span>
            {year !== null && (
              <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                {t('yearPlan.projectCount', { count: plan.projectCount })}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space>
            <span>{t('yearPlan.year')}</span>
            <YearSelect
              testId="year-plan-year"
              label={(y) => t('yearPlan.yearN', { year: y })}
              year={year}
              withData={latest.withData}
              offered={latest.offered}
              onChange={(y) => setParams(new URLSearchParams({ year: String(y) }), { replace: true })}
            />
          </Space>
        }
      >
        {content()}
      </Card>
    </>
  );
}
