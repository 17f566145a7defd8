// The district's and subdistrict's home: projects by stage with what blocks each from its next stage (its unmet
// gates, in words), ballots closing within the fortnight with their turnout, and the findings their office must close.
import { Link } from 'react-router';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { CountTitle } from './CountTitle.tsx';
import { useTranslation } from 'react-i18next';
import { cityTime } from '../../app/time.ts';
import { useStages } from '../projects/index.ts';
import type { SectionOf } from './api.ts';

/** Long lists page by six, so every section of the home stays in view. */
const PAGED = { pageSize: 6, size: 'small', hideOnSinglePage: true } as const;

export function ProjectsByStageCard({ section }: { section: SectionOf<'projectsByStage'> }) {
  const { t } = useTranslation();
  const { name, color } = useStages();
  return (
    <Card
      size="small"
      title={t('home.stages.title', { total: section.total })}
      extra={<Link to="/projects?view=board">{t('home.stages.board')}</Link>}
    >
      <Space wrap style={{ marginBottom: 12 }} data-testid="home-stage-counts">
        {section.byStage.map((s) => (
          <Link key={s.stage} to={`/projects?stage=${s.stage}`}>
            <Tag color={color(s.stage)} data-testid="home-stage" data-stage={s.stage} data-count={s.count}>
              {name(s.stage)} {s.count}
            </Tag>
          </Link>
        ))}
      </Space>
      <Typography.Text strong>{t('home.stages.blocked')}</Typography.Text>
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.stages.none')} />
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(p) => (
            <List.Item data-testid="home-blocked-project" data-project-id={p.projectId} data-blockers={p.blockers.length}>
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Link to={`/projects/${p.projectId}`}>{p.name}</Link>
                    <Tag color={color(p.stage)}>{name(p.stage)}</Tag>
                    {p.nextStage && <Typography.Text type="secondary">→ {name(p.nextStage)}</Typography.Text>}
                  </Space>
                }
                description={
                  p.blockers.length === 0 ? (
                    <Typography.Text type="success">{t('home.stages.ready')}</Typography.Text>
                  ) : (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {p.blockers.map((b) => (
                        <li key={b.code}>
                          {b.message}
                          {b.satisfy && <Typography.Text type="secondary">（{b.satisfy}）</Typography.Text>}
                        </li>
                      ))}
                    </ul>
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function BallotsClosingCard({ section }: { section: SectionOf<'ballotsClosing'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      size="small"
      title={<CountTitle title={t('home.closing.title', { days: section.days })} count={section.items.length} color="#fa8c16" />}
    >
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.closing.none')} />
      ) : (
        <List
          size="small"

          dataSource={section.items}
          renderItem={(b) => (
            <List.Item data-testid="home-closing-ballot" data-ballot-id={b.ballotId}>
              <List.Item.Meta
                title={<Link to={`/projects/${b.projectId}?tab=participation&ballot=${b.ballotId}`}>{b.title}</Link>}
                description={`${b.projectName} · ${t('home.closing.turnout', { voted: b.voted, eligible: b.eligible })} · ${t(
                  'home.closesAt',
                  {
                    time: cityTime(b.closesAt, i18n.language),
                  },
                )}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function FindingsCard({ section }: { section: SectionOf<'findings'> }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card
      size="small"
      title={<CountTitle title={t('home.findings.title')} count={section.total} color="#cf1322" />}
      extra={<Link to="/evaluation?tab=findings">{t('home.open')}</Link>}
    >
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.findings.none')} />
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(f) => (
            <List.Item data-testid="home-finding">
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color={f.severity === 'high' ? 'red' : f.severity === 'medium' ? 'orange' : 'default'}>
                      {t(`evaluation.severities.${f.severity}`, { defaultValue: t('home.findings.finding') })}
                    </Tag>
                    <span>{f.text}</span>
                  </Space>
                }
                description={
                  <Space wrap>
                    <span>{f.engagementTitle}</span>
                    <Typography.Text type={f.dueOn < today ? 'danger' : 'secondary'}>
                      {t('home.findings.due', { date: f.dueOn })}
                    </Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
