// 服务匹配看板 (/services/dashboard/:division): the matching figures of a division over a period (GET
// /api/v1/services/figures): fill rate, time to match, no-shows and unmet demand, in all and by kind of service;
// ?days= picks the period (7, 30, 90 or 365 days; 30 by default).
// Without a division, the account's own scope; the breadcrumb leads back up, the picker down to a child division.
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Breadcrumb,
  Card,
  Col,
  Empty,
  Progress,
  Result,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadFailure } from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { fetchDivisions, registryKeys } from '../registry/index.ts';
import { fetchFigures, svcKeys, type Figures, type KindFigures } from './api.ts';
import { durationText, formatAt, localName } from './labels.ts';

const PERIODS = [7, 30, 90, 365] as const;

const isDivision = (code: string | undefined): code is string => code !== undefined && /^\d{6}(\d{3}(\d{3})?)?$/.test(code);

/** Codes from `top` (the account's scope) down to `code`. */
function chain(top: string | null, code: string): string[] {
  const all = [code.slice(0, 4) + '00', code.slice(0, 6), code.slice(0, 9), code].filter(
    (c, i, a) => c.length <= code.length && a.indexOf(c) === i,
  );
  const at = top ? all.indexOf(top) : -1;
  return at < 0 ? [code] : all.slice(at);
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { division } = useParams();
  if (division === undefined) {
    const scope = user?.scope.division;
    return scope ? (
      <Navigate to={`/services/dashboard/${scope}`} replace />
    ) : (
      <Result status="info" title={t('svc.dash.noScope')} data-testid="svc-dash-no-scope" />
    );
  }
  if (!isDivision(division)) return <Result status="404" title={t('svc.dash.notFound')} data-testid="svc-dash-not-found" />;
  return <Dashboard key={division} division={division} />;
}

function FillRate({ f, testId }: { f: KindFigures; testId?: string }) {
  const { t } = useTranslation();
  const { numerator, denominator, percent } = f.fillRate;
  return (
    <span data-testid={testId} data-numerator={numerator} data-denominator={denominator} data-percent={percent ?? ''}>
      {percent === null ? '—' : `${percent}%`}
      <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
        {t('svc.dash.ofDemand', { matched: numerator, demand: denominator })}
      </Typography.Text>
    </span>
  );
}

function Dashboard({ division }: { division: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('days') ?? 30);
  const days = PERIODS.includes(asked as (typeof PERIODS)[number]) ? asked : 30;
  const figures = useQuery({ queryKey: svcKeys.figures(division, days), queryFn: () => fetchFigures(division, days), staleTime: 10_000 });
  const keepDays = days === 30 ? '' : `?days=${days}`;
  const crumbs = chain(user?.scope.division ?? null, division);
  const names = useQuery({
    queryKey: ['services', 'dash-crumbs', ...crumbs],
    queryFn: async () => {
      const lists = await Promise.all([fetchDivisions(null), ...crumbs.slice(0, -1).map((c) => fetchDivisions(c))]);
      return new Map(lists.flat().map((d) => [d.code, d.name]));
    },
    staleTime: 10 * 60_000,
  });
  const children = useQuery({
    queryKey: registryKeys.divisions(division),
    queryFn: () => fetchDivisions(division),
    enabled: division.length < 12,
    staleTime: 10 * 60_000,
  });
  const nameOf = (code: string) => names.data?.get(code) ?? code;

  return (
    <div data-testid="svc-dash" data-division={division}>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 8, marginBottom: 12 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('svc.dash.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('svc.dash.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Segmented<number>
            data-testid="svc-dash-days"
            value={days}
            options={PERIODS.map((d) => ({ value: d, label: t('svc.dash.days', { days: d }) }))}
            onChange={(d) => setParams(d === 30 ? {} : { days: String(d) }, { replace: true })}
          />
          {division.length < 12 && (
            <Select
              data-testid="svc-dash-child"
              style={{ minWidth: 220 }}
              placeholder={t('svc.dash.pickChild')}
              loading={children.isPending}
              value={null}
              onChange={(code: string) => void navigate(`/services/dashboard/${code}${keepDays}`)}
              options={(children.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
            />
          )}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Breadcrumb
          data-testid="svc-dash-breadcrumb"
          items={crumbs.map((code, i) => ({
            key: code,
            title:
              i === crumbs.length - 1 ? (
                <strong data-testid="svc-dash-here">{nameOf(code)}</strong>
              ) : (
                <Link to={`/services/dashboard/${code}${keepDays}`}>{nameOf(code)}</Link>
              ),
          }))}
        />
      </Card>
      {figures.isPending ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : figures.isError ? (
        <LoadFailure
          error={figures.error}
          title={t('svc.dash.loadFailed')}
          notFoundTitle={t('svc.dash.notFound')}
          testId="svc-dash"
          onRetry={() => void figures.refetch()}
        />
      ) : (
        <Body data={figures.data} language={i18n.language} days={days} />
      )}
    </div>
  );
}

function Body({ data, language, days }: { data: Figures; language: string; days: number }) {
  const { t } = useTranslation();
  const tot = data.totals;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="svc-dash-period">
        {t('svc.dash.period', { from: formatAt(data.from, language), to: formatAt(data.to, language), days })}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('svc.dash.fillRate')} valueRender={() => <FillRate f={tot} testId="svc-dash-fill-total" />} />
            <Progress percent={tot.fillRate.percent === null ? 0 : Number(tot.fillRate.percent)} showInfo={false} size="small" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('svc.dash.medianToMatch')}
              valueRender={() => <span data-testid="svc-dash-median">{durationText(t, tot.medianSecondsToMatch)}</span>}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('svc.dash.meanToMatch', { value: durationText(t, tot.meanSecondsToMatch) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('svc.dash.noShows')} value={tot.noShows} data-testid="svc-dash-noshows" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('svc.dash.unmet')}
              value={tot.unmet}
              valueStyle={tot.unmet ? { color: '#cf1322' } : undefined}
              data-testid="svc-dash-unmet"
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('svc.dash.byKind')}>
        {tot.orders === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svc.dash.empty')} data-testid="svc-dash-empty" />}
        <Table
          size="small"
          rowKey="kind"
          pagination={false}
          scroll={{ x: 820 }}
          dataSource={data.byKind}
          onRow={(k) => ({ 'data-testid': `svc-dash-kind-${k.kind}`, 'data-demand': k.demand, 'data-matched': k.matched }) as never}
          columns={[
            { title: t('svc.dash.kind'), key: 'kind', render: (_, k) => localName(k.name, language) },
            { title: t('svc.dash.orders'), dataIndex: 'orders', align: 'right' },
            { title: t('svc.dash.demand'), dataIndex: 'demand', align: 'right' },
            { title: t('svc.dash.matched'), dataIndex: 'matched', align: 'right' },
            { title: t('svc.dash.fillRate'), key: 'fill', render: (_, k) => <FillRate f={k} testId={`svc-dash-fill-${k.kind}`} /> },
            { title: t('svc.dash.medianToMatch'), key: 'median', render: (_, k) => durationText(t, k.medianSecondsToMatch) },
            { title: t('svc.dash.completed'), dataIndex: 'completed', align: 'right' },
            { title: t('svc.dash.noShows'), dataIndex: 'noShows', align: 'right' },
            {
              title: t('svc.dash.unmet'),
              key: 'unmet',
              align: 'right',
              render: (_, k) => <Typography.Text type={k.unmet ? 'danger' : undefined}>{k.unmet}</Typography.Text>,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
