// 年度区县考核 (/assessments/:year?): the city's districts ranked on the year's scheme, each
// expanding to its indicators with their provenance; a draft takes assessors' entries
// (assessment.enter) and is published once (assessment.publish). Printing gives the whole
// assessment as a document (AssessmentPrint).
import { Navigate, useNavigate, useParams } from 'react-router';
import { App, Button, Card, Empty, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import type { XlsxColumn } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { fetchProjectYears, projectKeys } from '../projects/index.ts';
import { useLatestYear, yearParam, YearSelect } from '../../app/years.tsx';
import { evaluationKeys, fetchAssessment, publishAssessment } from './api.ts';
import AssessmentEntryForm from './AssessmentEntryForm.tsx';
import AssessmentPrint from './AssessmentPrint.tsx';
import AssessmentTable from './AssessmentTable.tsx';
import PrintButton from './PrintButton.tsx';
import type { Assessment, DistrictAssessment } from './types.ts';
import { useCityName } from './useCityName.ts';
import { useYearProjectNames } from './useProjectNames.ts';
import { useScheme } from './useScheme.ts';

const thisYear = new Date().getFullYear();

/** The years with projects (an assessment counts a year's projects), and the year shown: see useLatestYear. */
const useAssessmentYears = (asked: number | null) =>
  // An assessment is of a year gone by: without one asked for, the latest year with projects before this one.
  useLatestYear({ asked, queryKey: projectKeys.years(), fetchYears: () => fetchProjectYears(), notAfter: thisYear - 1 });

export default function AssessmentPage() {
  const { year: raw } = useParams();
  const asked = yearParam(raw);
  const years = useAssessmentYears(asked);
  if (asked === null) {
    if (years.year === null) return <Skeleton active data-testid="assessment-loading" />;
    return <Navigate to={`/assessments/${years.year}`} replace />;
  }
  return (
    <AssessmentYear
      year={asked}
      withData={years.withData.filter((y) => y <= thisYear)}
      offered={years.offered.filter((y) => y <= thisYear)}
    />
  );
}

function AssessmentYear({ year, withData, offered }: { year: number; withData: readonly number[]; offered: readonly number[] }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery({ queryKey: evaluationKeys.assessment(year), queryFn: () => fetchAssessment(year) });
  const a = query.data;
  const { indicatorName, groundName, grounds, indicators } = useScheme(a?.schemeVersion);
  const cityName = useCityName(a?.cityCode);
  const projectName = useYearProjectNames(year);
  const publish = useMutation({
    mutationFn: () => publishAssessment(year),
    onSuccess: (next) => {
      client.setQueryData(evaluationKeys.assessment(year), next);
      void message.success(t('evaluation.assessment.published'));
    },
  });

  const columns: XlsxColumn<DistrictAssessment>[] = [
    { title: t('evaluation.assessment.rank'), value: (d) => d.rank },
    { title: t('evaluation.assessment.district'), value: (d) => d.name },
    { title: t('evaluation.assessment.districtCode'), value: (d) => d.districtCode },
    { title: t('evaluation.assessment.total'), value: (d) => d.score },
    { title: t('evaluation.assessment.bonus'), value: (d) => d.bonusTotal },
    ...indicators.map((i) => ({
      title: `${i.code} ${indicatorName(i.code)}`,
      value: (d: DistrictAssessment) => d.indicators.find((x) => x.code === i.code)?.score,
    })),
  ];

  const header = (
    <Space wrap size={[12, 8]} className="no-print">
      <YearSelect
        testId="assessment-year"
        ariaLabel={t('evaluation.assessment.year')}
        year={year}
        withData={withData}
        offered={offered}
        label={(y) => t('evaluation.yearN', { year: y })}
        onChange={(y) => navigate(`/assessments/${y}`)}
      />
      {a && <StatusTags assessment={a} lang={i18n.language} />}
    </Space>
  );

  return (
    <Space
      orientation="vertical"
      size={12}
      style={{ width: '100%' }}
      data-testid="assessment-page"
      data-year={year}
      data-status={a?.status ?? ''}
    >
      <Card
        className="screen-only"
        title={t('evaluation.assessment.title')}
        extra={
          <Space wrap>
            {a && a.districts.length > 0 && (
              <ExportXlsxButton
                fileName={t('evaluation.assessment.fileName', { year })}
                columns={columns}
                rows={a.districts}
                testId="assessment-export"
              />
            )}
            {a && can('assessment.publish') && a.status === 'draft' && (
              <Popconfirm
                title={t('evaluation.assessment.publishConfirm', { year })}
                description={t('evaluation.assessment.publishHint')}
                onConfirm={() => publish.mutate()}
                okButtonProps={{ 'data-testid': 'assessment-publish-confirm' }}
              >
                <Button type="primary" icon={<CheckCircleOutlined />} loading={publish.isPending} data-testid="assessment-publish">
                  {t('evaluation.assessment.publish')}
                </Button>
              </Popconfirm>
            )}
            <PrintButton />
          </Space>
        }
      >
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {header}
          {publish.isError && (
            <ProblemAlert
              title={t('evaluation.assessment.publishFailed')}
              error={publish.error}
              testId="publish-problem"
              onClose={() => publish.reset()}
            />
          )}
          {query.isPending ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : query.isError ? (
            <ProblemAlert
              title={t('evaluation.assessment.loadFailed')}
              error={query.error}
              testId="assessment-error"
              extra={
                <Button size="small" style={{ marginTop: 8 }} onClick={() => void query.refetch()}>
                  {t('common.retry')}
                </Button>
              }
            />
          ) : a!.districts.length === 0 ? (
            <Empty data-testid="assessment-empty" description={t('evaluation.assessment.empty')} />
          ) : (
            <AssessmentTable districts={a!.districts} indicatorName={indicatorName} groundName={groundName} projectName={projectName} />
          )}
        </Space>
      </Card>
      {a && a.status === 'draft' && a.districts.length > 0 && can('assessment.enter') && (
        <AssessmentEntryForm assessment={a} indicatorName={indicatorName} grounds={grounds} groundName={groundName} />
      )}
      {a && a.districts.length > 0 && (
        <AssessmentPrint
          assessment={a}
          cityName={cityName}
          indicatorName={indicatorName}
          groundName={groundName}
          projectName={projectName}
        />
      )}
    </Space>
  );
}

function StatusTags({ assessment: a, lang }: { assessment: Assessment; lang: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={8}>
      <Tag color={a.status === 'published' ? 'green' : 'gold'} data-testid="assessment-status">
        {t(`evaluation.assessment.status.${a.status}`)}
      </Tag>
      {a.publishedAt && (
        <Typography.Text type="secondary">{t('evaluation.assessment.publishedAt', { at: formatAt(a.publishedAt, lang) })}</Typography.Text>
      )}
      <Typography.Text type="secondary">{t('evaluation.assessment.schemeVersion', { version: a.schemeVersion })}</Typography.Text>
    </Space>
  );
}
