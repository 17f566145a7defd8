// 网格治理驾驶舱: the three-level view (subdistrict → community → compound) of grid events, their time limits, the
// grid workers, hot spots on a map drawn from coordinates (no map service), and the residents' surveys and work
// orders beside them. /grid-dashboard/:division?compound=<id>&days=<n>; without a division, the account's scope.
import { useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Card, Col, Empty, Result, Row, Segmented, Select, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import GeoMap, { type GeoLegendItem, type GeoPoint } from '../../app/GeoMap.tsx';
import { LoadFailure } from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { fetchCompounds, fetchDivisions, registryKeys } from '../registry/index.ts';
import { EChart } from '../stats/index.ts';
import { useGridDashboard, type GridDashboard } from './dashboard.api.ts';
import { DashboardTables, useDuration } from './DashboardTables.tsx';

export const STATE_COLOURS: Record<string, string> = {
  reported: '#fa8c16',
  accepted: '#1677ff',
  handled: '#13c2c2',
  reviewed: '#722ed1',
  closed: '#52c41a',
  disputed: '#eb2f96',
};
const OVERDUE_COLOUR = '#f5222d';
const PERIODS = [0, 30, 90, 365] as const;

const isDivision = (code: string | undefined): code is string => code !== undefined && /^\d{6}(\d{3}(\d{3})?)?$/.test(code);
const levelOf = (code: string) =>
  code.length === 12 ? 'community' : code.length === 9 ? 'subdistrict' : code.endsWith('00') ? 'city' : 'district';

/** Codes from `top` (the account's scope) down to `code`. */
function chain(top: string | null, code: string): string[] {
  const all = [code.slice(0, 4) + '00', code.slice(0, 6), code.slice(0, 9), code].filter(
    (c, i, a) => c.length <= code.length && a.indexOf(c) === i,
  );
  const at = top ? all.indexOf(top) : -1;
  return at < 0 ? [code] : all.slice(at);
}

function dayMinus(days: number): string {
  const d = new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export default function GridDashboardPage() {
  const { t } = useTranslation();
  const { division } = useParams();
  if (division !== undefined && !isDivision(division))
    return <Result status="404" title={t('gridDash.notFound')} data-testid="grid-dash-not-found" />;
  return <Dashboard key={division ?? 'scope'} division={division} />;
}

function Dashboard({ division }: { division: string | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const compoundId = params.get('compound') ?? undefined;
  const days = Number(params.get('days') ?? 0);
  const from = days > 0 ? dayMinus(days) : undefined;
  const dash = useGridDashboard({ division: compoundId ? undefined : division, compoundId, from });
  const data = dash.data;
  const here = data?.division ?? division ?? null;
  const level = compoundId ? 'compound' : here ? levelOf(here) : null;

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: key === 'days' },
    );
  const keepDays = days > 0 ? `?days=${days}` : '';
  const goDivision = (code: string) => navigate(`/grid-dashboard/${code}${keepDays}`);
  const goCompound = (id: string) => navigate(`/grid-dashboard/${here ?? ''}?compound=${id}${days > 0 ? `&days=${days}` : ''}`);

  const crumbCodes = here ? chain(user?.scope.division ?? null, here) : [];
  const parentLists = useQuery({
    queryKey: ['grid', 'dashboard', 'crumbs', ...crumbCodes],
    queryFn: async () => {
      const names = new Map<string, string>();
      const lists = await Promise.all([fetchDivisions(null), ...crumbCodes.slice(0, -1).map((c) => fetchDivisions(c))]);
      for (const d of lists.flat()) names.set(d.code, d.name);
      return names;
    },
    enabled: crumbCodes.length > 0,
    staleTime: 10 * 60_000,
  });
  const names = parentLists.data ?? new Map<string, string>();

  // What one may drill into: the division's children, or at community level its compounds.
  const childDivisions = useQuery({
    queryKey: registryKeys.divisions(here),
    queryFn: () => fetchDivisions(here),
    enabled: !!here && level !== 'community' && level !== 'compound',
    staleTime: 10 * 60_000,
  });
  const compounds = useQuery({
    queryKey: [...registryKeys.compoundsOf(here ?? ''), 'grid-dashboard'],
    queryFn: () => fetchCompounds({ division: here! }, 500).then((p) => p.items),
    enabled: !!here && (level === 'community' || level === 'compound'),
    staleTime: 60_000,
  });
  const compoundName = new Map((compounds.data ?? []).map((c) => [c.id, c.name]));
  const childName = (key: string, name: string | null) => name ?? compoundName.get(key) ?? names.get(key) ?? key;

  return (
    <div data-testid="grid-dashboard" data-level={data?.level ?? ''} data-division={here ?? ''} data-compound={compoundId ?? ''}>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('gridDash.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('gridDash.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <span>{t('gridDash.period')}</span>
          <Segmented<number>
            data-testid="grid-dash-period"
            value={PERIODS.includes(days as (typeof PERIODS)[number]) ? days : 0}
            options={PERIODS.map((d) => ({ value: d, label: d === 0 ? t('gridDash.allTime') : t('gridDash.days', { days: d }) }))}
            onChange={(d) => setParam('days', d === 0 ? null : String(d))}
          />
        </Space>
      </div>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          {level && <Tag color="blue">{t(level === 'compound' ? 'levels.compound' : `levels.${level}`)}</Tag>}
          <Breadcrumb
            data-testid="grid-dash-breadcrumb"
            items={[
              ...crumbCodes.map((code, i) => ({
                key: code,
                title:
                  i === crumbCodes.length - 1 && !compoundId ? (
                    <strong data-testid="grid-dash-crumb">{names.get(code) ?? code}</strong>
                  ) : (
                    <Link data-testid="grid-dash-crumb" to={`/grid-dashboard/${code}${keepDays}`}>
                      {names.get(code) ?? code}
                    </Link>
                  ),
              })),
              ...(compoundId ? [{ key: 'compound', title: <strong>{data?.name ?? compoundName.get(compoundId) ?? ''}</strong> }] : []),
            ]}
          />
          {here && level !== 'community' && level !== 'compound' && (childDivisions.data?.length ?? 0) > 0 && (
            <Select
              data-testid="grid-dash-child"
              aria-label={t('gridDash.pickChild')}
              placeholder={t('gridDash.pickChild')}
              style={{ minWidth: 180 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={(childDivisions.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
              onChange={goDivision}
            />
          )}
          {here && (level === 'community' || level === 'compound') && (
            <Select
              data-testid="grid-dash-compound"
              aria-label={t('gridDash.compound')}
              style={{ minWidth: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              value={compoundId ?? ''}
              options={[
                { value: '', label: t('gridDash.allCompounds') },
                ...(compounds.data ?? []).map((c) => ({ value: c.id, label: c.name })),
              ]}
              onChange={(id: string) => (id ? goCompound(id) : goDivision(here))}
            />
          )}
        </Space>
      </Card>

      {dash.isLoading && <Skeleton active paragraph={{ rows: 8 }} data-testid="grid-dash-loading" />}
      {dash.error && (
        <LoadFailure
          error={dash.error}
          title={t('gridDash.error')}
          notFoundTitle={t('gridDash.notFound')}
          testId="grid-dash"
          onRetry={() => void dash.refetch()}
        />
      )}
      {data && (
        <Body
          data={data}
          childName={childName}
          onChild={(key) => (data.childLevel === 'compound' ? goCompound(key) : goDivision(key))}
          onEvent={(id) => navigate(`/grid-events/${id}`)}
        />
      )}
      {!data && !dash.isLoading && !dash.error && <Empty description={t('gridDash.noScope')} />}
    </div>
  );
}

function Body({
  data,
  childName,
  onChild,
  onEvent,
}: {
  data: GridDashboard;
  childName: (key: string, name: string | null) => string;
  onChild: (key: string) => void;
  onEvent: (id: string) => void;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const empty = data.totals.events === 0;

  const points = useMemo<GeoPoint[]>(
    () =>
      data.points.map((p) => ({
        id: p.id,
        lat: p.lat,
        lng: p.lng,
        color: p.overdue ? OVERDUE_COLOUR : STATE_COLOURS[p.state],
        size: p.overdue ? 6 : 5,
        label: `${p.ref} ${p.categoryName}\n${t(`gridDash.state.${p.state}`)}${p.overdue ? ` · ${t('gridDash.map.overdue')}` : ''}`,
      })),
    [data.points, t],
  );
  const legend: GeoLegendItem[] = [
    ...Object.entries(STATE_COLOURS).map(([state, color]) => ({ key: state, color, label: t(`gridDash.state.${state}`) })),
    { key: 'overdue', color: OVERDUE_COLOUR, label: t('gridDash.map.overdue') },
  ];
  const outlines = useMemo(() => data.grids.map((g) => ({ id: g.id, ring: g.ring, color: '#597ef7', label: g.name })), [data.grids]);
  const hot = useMemo(
    () => data.hotSpots.map((h) => ({ lat: h.lat, lng: h.lng, sizeDeg: h.sizeLatDeg, sizeLngDeg: h.sizeLngDeg, count: h.count })),
    [data.hotSpots],
  );
  const charts = useMemo(() => chartOptions(data, t), [data, t]);

  const kpis = [
    { key: 'events', label: t('gridDash.kpi.events'), value: data.totals.events },
    { key: 'open', label: t('gridDash.kpi.open'), value: data.totals.open },
    { key: 'overdue', label: t('gridDash.kpi.overdue'), value: data.totals.overdue, danger: data.totals.overdue > 0 },
    {
      key: 'sla',
      label: t('gridDash.kpi.sla'),
      value: data.totals.sla.percent === null ? t('gridDash.none') : `${data.totals.sla.percent}%`,
      note: t('gridDash.kpi.slaNote', { within: data.totals.closedInTime, closed: data.totals.closed }),
    },
    {
      key: 'response',
      label: t('gridDash.kpi.response'),
      value: duration(data.response.medianSeconds),
      note: t('gridDash.kpi.responseNote', { p90: duration(data.response.p90Seconds) }),
    },
    {
      key: 'satisfaction',
      label: t('gridDash.kpi.satisfaction'),
      value: data.surveys.satisfaction.percent === null ? t('gridDash.none') : `${data.surveys.satisfaction.percent}%`,
      note: t('gridDash.kpi.satisfactionNote', {
        satisfied: data.surveys.satisfaction.satisfied,
        answered: data.surveys.satisfaction.answered,
      }),
    },
    {
      key: 'workOrders',
      label: t('gridDash.kpi.workOrders'),
      value: data.services.byStatus.filter((s) => s.status !== 'done' && s.status !== 'cancelled').reduce((n, s) => n + s.count, 0),
      note: t('gridDash.kpi.workOrdersNote', { total: data.services.total }),
    },
  ];

  return (
    <>
      {empty && <Alert type="info" showIcon title={t('gridDash.empty')} data-testid="grid-dash-empty" style={{ marginBottom: 12 }} />}
      <Row gutter={[12, 12]}>
        {kpis.map((k) => (
          <Col key={k.key} xs={12} sm={8} lg={6} xxl={3}>
            <Card size="small" data-testid={`grid-dash-kpi-${k.key}`} data-value={String(k.value)} style={{ height: '100%' }}>
              <Statistic title={k.label} value={k.value} styles={k.danger ? { content: { color: OVERDUE_COLOUR } } : undefined} />
              {k.note && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {k.note}
                </Typography.Text>
              )}
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={t('gridDash.map.title')}
            extra={<Typography.Text type="secondary">{t('gridDash.map.note')}</Typography.Text>}
          >
            <GeoMap
              label={t('gridDash.map.label')}
              testId="grid-dash-map"
              points={points}
              hotSpots={hot}
              polygons={outlines}
              heat="on"
              legend={legend}
              height={420}
              onPointClick={(p) => onEvent(p.id)}
              exposePoints
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <Card size="small" title={t('gridDash.charts.byState')}>
              {empty ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <EChart option={charts.state} testId="grid-dash-chart-state" height={180} />
              )}
            </Card>
            <Card size="small" title={t('gridDash.charts.bySource')}>
              {empty ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              ) : (
                <EChart option={charts.source} testId="grid-dash-chart-source" height={180} />
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('gridDash.charts.byCategory')}>
            {empty ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <EChart option={charts.category} testId="grid-dash-chart-category" height={240} />
            )}
          </Card>
        </Col>
      </Row>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 460px), 1fr))', gap: 12, marginTop: 12 }}>
        <DashboardTables data={data} childName={childName} onChild={onChild} />
      </div>
    </>
  );
}

function chartOptions(data: GridDashboard, t: (k: string) => string) {
  const bar = (labels: string[], values: number[], colours?: string[], horizontal = false) => ({
    grid: { left: horizontal ? 110 : 40, right: 16, top: 12, bottom: horizontal ? 24 : 40 },
    tooltip: { trigger: 'axis' },
    [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: labels, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } },
    [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', data: values.map((v, i) => ({ value: v, itemStyle: colours ? { color: colours[i] } : undefined })), barMaxWidth: 28 },
    ],
  });
  const categories = [...data.byCategory].reverse();
  return {
    state: bar(
      data.byState.map((s) => t(`gridDash.state.${s.state}`)),
      data.byState.map((s) => s.count),
      data.byState.map((s) => STATE_COLOURS[s.state] ?? '#1677ff'),
    ),
    category: bar(
      categories.map((c) => c.name),
      categories.map((c) => c.count),
      undefined,
      true,
    ),
    source: {
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '42%'],
          label: { show: false },
          data: data.bySource.filter((s) => s.count > 0).map((s) => ({ name: t(`gridDash.source.${s.source}`), value: s.count })),
        },
      ],
    },
  };
}
