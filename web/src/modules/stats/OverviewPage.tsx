// 总览 (R2, R11): the programme's figures for a division and a year, with the breadcrumb from the
// account's scope down, KPI cards, funds by source, projects by stage and the children's bars; a click on
// a bar (or a division outlined on the map) drills down one level. At community level the community's compounds link to their pages.
import { useState, type CSSProperties, type HTMLAttributes } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DesktopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { formatDecimal } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import ProblemAlert, { LoadFailure } from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import type { CompoundSummary } from '../registry/index.ts';
import { SafetyCards } from '../smart/index.ts';
import { DistrictMap } from '../livingcircle/index.ts';
import EChart, { type ChartClick } from './EChart.tsx';
import { isDivisionCode, levelOf } from './divisions.ts';
import { formatCount, isEmptyOverview } from './format.ts';
import Kpis from './Kpis.tsx';
import { useChartOptions, type Measure } from './useChartOptions.ts';
import { useBreadcrumb, useChildren, useOverview, useRoots, type ChildFigure } from './useOverview.ts';

/** ?year= as a programme year, else null (all years). */
export function useYear(): [number | null, (year: number | null) => void, string] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2100 ? raw : null;
  const set = (y: number | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (y === null) next.delete('year');
        else next.set('year', String(y));
        return next;
      },
      { replace: true },
    );
  return [year, set, year === null ? '' : `?year=${year}`];
}

/** All years, and each year in which the division has projects (the overview's `years`), the chosen one always among them. */
export function YearSelect({
  year,
  years,
  onChange,
  dark = false,
}: {
  year: number | null;
  years: readonly number[];
  onChange: (y: number | null) => void;
  dark?: boolean;
}) {
  const { t } = useTranslation();
  const offered = [...new Set([...years, ...(year === null ? [] : [year])])].sort((a, b) => a - b);
  return (
    <Select<number>
      data-testid="overview-year"
      aria-label={t('stats.year')}
      value={year ?? 0}
      style={{ width: 130 }}
      className={dark ? 'overview-wall-select' : undefined}
      options={[{ value: 0, label: t('stats.allYears') }, ...offered.map((y) => ({ value: y, label: t('stats.yearN', { year: y }) }))]}
      onChange={(v) => onChange(v === 0 ? null : v)}
    />
  );
}

/** /overview without a division: the account's own scope (or its first root). */
function OverviewRedirect() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [, , yearQuery] = useYear();
  const scope = user?.scope.division ?? null;
  const roots = useRoots(!scope);
  const target = scope ?? roots.data?.[0]?.code;
  if (target) return <Navigate to={`/overview/${target}${yearQuery}`} replace />;
  if (roots.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (roots.error) return <ProblemAlert title={t('stats.error')} error={roots.error} />;
  return <Empty data-testid="overview-no-scope" description={t('stats.noScope')} />;
}

export default function OverviewPage() {
  const { division } = useParams();
  const { t } = useTranslation();
  if (division === undefined) return <OverviewRedirect />;
  if (!isDivisionCode(division)) return <Result status="404" title={t('stats.notFound')} data-testid="overview-not-found" />;
  return <DivisionOverview key={division} division={division} />;
}

function DivisionOverview({ division }: { division: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [year, setYear, yearQuery] = useYear();
  const [measure, setMeasure] = useState<Measure>('households');
  const overview = useOverview(division, year);
  const notFound = overview.error instanceof ApiError && overview.error.status === 404;
  const { crumbs } = useBreadcrumb(user?.scope.division ?? null, division);
  const children = useChildren(division, year);
  const community = children.community;
  const shownMeasure: Measure = community ? 'households' : measure;
  const options = useChartOptions(overview.data, children.items, shownMeasure, { dark: false, font: 12 });
  const level = levelOf(division)!;

  const drill = (p: ChartClick) => {
    const child = pickChild(children.items, p);
    if (!child) return;
    if (child.kind === 'compound') navigate(`/compounds/${child.key}`);
    else navigate(`/overview/${child.key}${yearQuery}`);
  };

  const empty = overview.data ? isEmptyOverview(overview.data) : false;

  return (
    <div data-testid="overview-page" data-division={division} data-level={level} data-year={year ?? ''}>
      <div style={styles.head}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('stats.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('stats.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <span>{t('stats.year')}</span>
          <YearSelect year={year} years={overview.data?.years ?? []} onChange={setYear} />
          <Link to={`/overview/${division}/wall${yearQuery}`} data-testid="overview-wall">
            <Button icon={<DesktopOutlined />}>{t('stats.wall')}</Button>
          </Link>
        </Space>
      </div>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Tag color="blue">{t(`levels.${level}`)}</Tag>
          <Breadcrumb
            data-testid="overview-breadcrumb"
            items={crumbs.map((c, i) => ({
              key: c.code,
              title:
                i === crumbs.length - 1 ? (
                  <span data-testid="overview-crumb" data-code={c.code} style={{ fontWeight: 600 }}>
                    {c.name}
                  </span>
                ) : (
                  <Link data-testid="overview-crumb" data-code={c.code} to={`/overview/${c.code}${yearQuery}`}>
                    {c.name}
                  </Link>
                ),
            }))}
          />
        </Space>
      </Card>

      {overview.isLoading && <Skeleton active paragraph={{ rows: 6 }} data-testid="overview-loading" />}
      {overview.error && (
        <LoadFailure
          error={overview.error}
          title={t('stats.error')}
          notFoundTitle={t('stats.notFound')}
          testId="overview"
          onRetry={() => void overview.refetch()}
        />
      )}

      {overview.data && (
        <>
          {empty && <Alert type="info" showIcon title={t('stats.empty')} data-testid="overview-empty" style={{ marginBottom: 12 }} />}
          <Kpis overview={overview.data} />
          <SafetyCards division={division} />
          <Card size="small" title={t('districtMap.label')} style={{ marginTop: 12 }}>
            <DistrictMap
              division={division}
              testId="overview-map"
              height={440}
              onDrill={(code) => void navigate(`/overview/${code}${yearQuery}`)}
            />
          </Card>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('stats.charts.funding')}>
                {empty || !options.funding ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} style={styles.emptyChart} />
                ) : (
                  <EChart testId="chart-funding" option={options.funding} height={320} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title={t('stats.charts.stages')}>
                {empty || !options.byStage ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} style={styles.emptyChart} />
                ) : (
                  <EChart testId="chart-stages" option={options.byStage} height={320} />
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}

      {!notFound && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={
            <Space wrap>
              <span>
                {community
                  ? t('stats.charts.compoundHouseholds')
                  : shownMeasure === 'households'
                    ? t('stats.charts.childrenHouseholds')
                    : t('stats.charts.childrenCompounds')}
              </span>
              <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
                {t('stats.charts.drillHint')}
              </Typography.Text>
            </Space>
          }
          extra={
            !community && (
              <Segmented<Measure>
                data-testid="overview-measure"
                size="small"
                value={measure}
                onChange={setMeasure}
                options={[
                  { value: 'households', label: t('stats.charts.byHouseholds') },
                  { value: 'compounds', label: t('stats.charts.byCompounds') },
                ]}
              />
            )
          }
        >
          {children.error ? (
            <ProblemAlert testId="overview-children-error" title={t('stats.error')} error={children.error} />
          ) : children.loading ? (
            <Skeleton active data-testid="overview-children-loading" />
          ) : children.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={community ? t('stats.compounds.empty') : t('common.empty')} />
          ) : (
            <EChart testId="chart-children" option={options.children} height={300} onClick={drill} exposeBars />
          )}
        </Card>
      )}

      {community && !children.loading && children.compounds.length > 0 && (
        <Card size="small" style={{ marginTop: 12 }} title={t('stats.compounds.title')}>
          <CompoundList compounds={children.compounds} />
        </Card>
      )}
    </div>
  );
}

/** The child a click on the bar chart means: a bar (by index) or a category label (by name). */
export function pickChild(items: ChildFigure[], p: ChartClick): ChildFigure | undefined {
  if (p.componentType === 'series' && p.dataIndex !== undefined) return items[p.dataIndex];
  if (p.componentType === 'xAxis') return items.find((c) => c.name === p.value);
  return undefined;
}

function CompoundList({ compounds }: { compounds: CompoundSummary[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CompoundSummary> = [
    {
      title: t('stats.compounds.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <Link to={`/compounds/${c.id}`} data-testid="overview-compound-link">
          {name}
        </Link>
      ),
    },
    { title: t('stats.compounds.address'), dataIndex: 'address', responsive: ['md'] },
    { title: t('stats.compounds.yearBuilt'), dataIndex: 'yearBuilt', width: 100 },
    {
      title: t('stats.compounds.households'),
      dataIndex: 'households',
      width: 100,
      align: 'right',
      render: (n: number) => formatCount(n),
    },
    {
      title: t('stats.compounds.floorArea'),
      dataIndex: 'floorAreaM2',
      width: 140,
      align: 'right',
      render: (a: string) => formatDecimal(a),
    },
    {
      title: t('stats.compounds.eligible'),
      dataIndex: 'eligible',
      width: 120,
      render: (e: boolean) => (e ? <Tag color="green">{t('stats.compounds.yes')}</Tag> : <Tag>{t('stats.compounds.no')}</Tag>),
    },
  ];
  return (
    <Flex vertical gap={8}>
      <Flex justify="end">
        <ExportXlsxButton<CompoundSummary> fileName={t('stats.compounds.title')} columns={xlsxColumnsFrom(columns)} rows={compounds} />
      </Flex>
      <Table<CompoundSummary>
        data-testid="overview-compounds"
        rowKey="id"
        size="small"
        pagination={compounds.length > 20 ? { pageSize: 20 } : false}
        dataSource={compounds}
        onRow={(c) => ({ 'data-testid': 'overview-compound-row', 'data-id': c.id }) as HTMLAttributes<HTMLElement>}
        columns={columns}
      />
    </Flex>
  );
}

const styles = {
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: 12, flexWrap: 'wrap', marginBottom: 12 },
  emptyChart: { height: 320, display: 'flex', flexDirection: 'column', justifyContent: 'center', margin: 0 },
} satisfies Record<string, CSSProperties>;
