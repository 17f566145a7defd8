// 年度计划: pick a year (default the latest with projects in scope); the districts' projects by
// stage, plan totals, funds by source and outcomes, and a stacked bar chart of funds.
import { useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Empty, Select, Skeleton, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { fetchLatestYear, yearPlanKeys } from './api.ts';
import YearPlanChart from './YearPlanChart.tsx';
import YearPlanTable from './YearPlanTable.tsx';
import { useYearPlan } from './useYearPlan.ts';

const FIRST_YEAR = 2015;

export default function YearPlanPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const latest = useQuery({ queryKey: yearPlanKeys.latestYear(), queryFn: fetchLatestYear });
  const asked = Number(params.get('year'));
  const thisYear = new Date().getFullYear();
  const year =
    Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : latest.data === undefined ? null : (latest.data ?? thisYear);
  const plan = useYearPlan(year);
  const top = Math.max(thisYear + 1, latest.data ?? 0, year ?? 0);
  const years = Array.from({ length: top - Math.min(FIRST_YEAR, year ?? FIRST_YEAR) + 1 }, (_, i) => top - i);

  const content = () => {
    if (latest.isError || plan.error)
      return (
        <Alert
          type="error"
          showIcon
          data-testid="year-plan-error"
          title={t('common.error')}
          description={errorMessage(latest.error ?? plan.error)}
          action={
            <Button icon={<ReloadOutlined />} onClick={() => (latest.isError ? void latest.refetch() : plan.refetch())}>
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
            <Select<number>
              data-testid="year-plan-year"
              value={year ?? undefined}
              loading={latest.isPending}
              style={{ width: 120 }}
              options={years.map((y) => ({ value: y, label: t('yearPlan.yearN', { year: y }) }))}
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
