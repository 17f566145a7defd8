// The city bureau's home: the year's progress against its plan by district and by month (the year's projects
// are the target; started = works begun, completed = accepted), projects of earlier years not yet accepted,
// and money disbursed against the year's funding.
import { Link } from 'react-router';
import { Badge, Card, Empty, List, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { CountTitle } from './CountTitle.tsx';
import { useTranslation } from 'react-i18next';
import { formatFenBig } from '../../app/money.ts';
import { useStages } from '../projects/index.ts';
import type { SectionOf } from './api.ts';

/** Long lists page by six, so every section of the home stays in view. */
const PAGED = { pageSize: 6, size: 'small', hideOnSinglePage: true } as const;

const pct = (n: number, d: number) => (d > 0 ? Math.floor((100 * n) / d) : 0);

export function YearProgressCard({ section }: { section: SectionOf<'yearProgress'> }) {
  const { t } = useTranslation();
  const target = section.districts.reduce((n, d) => n + d.target, 0);
  const last = section.months.at(-1);
  return (
    <Card size="small" title={t('home.progress.title', { year: section.year })} data-testid="home-progress" data-year={section.year}>
      <Space size={48} wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('home.progress.target')} value={target} />
        <Statistic title={t('home.progress.started')} value={last?.started ?? 0} suffix={`/ ${target}`} />
        <Statistic title={t('home.progress.completed')} value={last?.completed ?? 0} suffix={`/ ${target}`} />
      </Space>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={section.districts}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('home.progress.district'),
            dataIndex: 'name',
            width: 120,
            render: (v: string, d) => <Link to={`/overview/${d.code}`}>{v}</Link>,
          },
          { title: t('home.progress.target'), dataIndex: 'target', width: 80, align: 'right' },
          { title: t('home.progress.started'), dataIndex: 'started', width: 80, align: 'right' },
          { title: t('home.progress.completed'), dataIndex: 'completed', width: 80, align: 'right' },
          {
            title: t('home.progress.rate'),
            key: 'rate',
            render: (_: unknown, d) => (
              <Progress size="small" percent={pct(d.completed, d.target)} success={{ percent: pct(d.completed, d.target) }} />
            ),
          },
        ]}
      />
      <Typography.Text strong style={{ display: 'block', margin: '12px 0 6px' }}>
        {t('home.progress.byMonth')}
      </Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(12, minmax(48px, 1fr))', gap: 4 }} data-testid="home-progress-months">
        {section.months.map((m) => (
          <div
            key={m.month}
            style={{ textAlign: 'center', fontSize: 12 }}
            title={t('home.progress.monthTip', { month: m.month, started: m.started, completed: m.completed })}
          >
            <div style={{ height: 60, display: 'flex', alignItems: 'flex-end', justifyContent: 'center', gap: 2 }}>
              <div style={{ width: 10, height: `${pct(m.started, target) * 0.6}px`, background: '#91caff' }} />
              <div style={{ width: 10, height: `${pct(m.completed, target) * 0.6}px`, background: '#52c41a' }} />
            </div>
            <div>{t('home.progress.month', { month: Number(m.month.slice(5)) })}</div>
          </div>
        ))}
      </div>
      <Space size={16} style={{ marginTop: 6, fontSize: 12 }}>
        <span>
          <Badge color="#91caff" /> {t('home.progress.started')}
        </span>
        <span>
          <Badge color="#52c41a" /> {t('home.progress.completed')}
        </span>
      </Space>
    </Card>
  );
}

export function LateProjectsCard({ section }: { section: SectionOf<'lateProjects'> }) {
  const { t } = useTranslation();
  const { name, color } = useStages();
  return (
    <Card size="small" title={<CountTitle title={t('home.late.title')} count={section.total} overflowCount={9999} color="#cf1322" />}>
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.late.none')} />
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(p) => (
            <List.Item data-testid="home-late-project">
              <Space wrap>
                <Link to={`/projects/${p.projectId}`}>{p.name}</Link>
                <Typography.Text type="secondary">{t('home.late.year', { year: p.year })}</Typography.Text>
                <Tag color={color(p.stage)}>{name(p.stage)}</Tag>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function DisbursedCard({ section }: { section: SectionOf<'disbursed'> }) {
  const { t, i18n } = useTranslation();
  const sources = Object.entries(section.bySource).sort((a, b) => b[1] - a[1]);
  return (
    <Card size="small" title={t('home.disbursed.title', { year: section.year })} extra={<Link to="/year-plan">{t('home.open')}</Link>}>
      <Space size={48} wrap>
        <Statistic title={t('home.disbursed.paid')} value={formatFenBig(section.totalFen, i18n.language)} data-testid="home-disbursed" />
        <Statistic title={t('home.disbursed.funded')} value={formatFenBig(section.fundedFen, i18n.language)} />
      </Space>
      <Progress percent={pct(section.totalFen, section.fundedFen)} style={{ marginTop: 8 }} />
      {sources.length > 0 && (
        <List
          size="small"
          dataSource={sources}
          renderItem={([source, fen]) => (
            <List.Item>
              <span>{t(`funding.sources.${source}`, { defaultValue: t('home.disbursed.other') })}</span>
              <span>{formatFenBig(fen, i18n.language)}</span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
