// The community worker's 待办: paper sheets to key (one click opens the ballot's paper form), sheets waiting for
// a second keying (the form opens on that household and sheet), households a survey has not reached, residents
// whose binding waits for verification; and, for contractors and property companies, their open work orders.
import { Link } from 'react-router';
import { Button, Card, Empty, List, Progress, Space, Statistic, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { CountTitle } from './CountTitle.tsx';
import { useTranslation } from 'react-i18next';
import { cityTime } from '../../app/time.ts';
import type { SectionOf } from './api.ts';

/** Long lists page by six, so every section of the home stays in view. */
const PAGED = { pageSize: 6, size: 'small', hideOnSinglePage: true } as const;

const paperPath = (projectId: string, ballotId: string, extra: Record<string, string> = {}) =>
  `/projects/${projectId}?${new URLSearchParams({ tab: 'participation', ballot: ballotId, ...extra }).toString()}`;

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;

export function PaperBallotsCard({ section }: { section: SectionOf<'paperBallots'> }) {
  const { t, i18n } = useTranslation();
  const toKey = section.items.reduce((n, b) => n + b.toKey, 0);
  return (
    <Card
      size="small"
      title={
        <CountTitle
          title={t('home.paper.title')}
          count={toKey}
          overflowCount={9999}
          color={toKey ? '#fa541c' : '#bfbfbf'}
          data-testid="home-paper-count"
        />
      }
    >
      {section.items.length === 0 ? (
        empty(t('home.paper.none'))
      ) : (
        <List
          dataSource={section.items}
          renderItem={(b) => (
            <List.Item
              data-testid="home-paper-ballot"
              data-ballot-id={b.ballotId}
              data-to-key={b.toKey}
              actions={[
                <Link key="key" to={paperPath(b.projectId, b.ballotId)} data-testid="home-key-sheet">
                  <Button type="primary" size="small" icon={<EditOutlined />}>
                    {t('home.paper.key')}
                  </Button>
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span>{b.title}</span>
                    <Tag>{t(`participation.ballots.kinds.${b.kind}`, { defaultValue: t('home.ballot') })}</Tag>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <Typography.Text type="secondary">{b.projectName}</Typography.Text>
                    <span>{t('home.paper.counts', { toKey: b.toKey, pending: b.pending, counted: b.counted, eligible: b.eligible })}</span>
                    <Typography.Text type="secondary">{t('home.closesAt', { time: cityTime(b.closesAt, i18n.language) })}</Typography.Text>
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

export function SecondKeyingsCard({ section }: { section: SectionOf<'secondKeyings'> }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={<CountTitle title={t('home.second.title')} count={section.items.length} color="#1677ff" />}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('home.second.hint')}
      </Typography.Paragraph>
      {section.items.length === 0 ? (
        empty(t('home.second.none'))
      ) : (
        <List
          size="small"

          dataSource={section.items}
          renderItem={(s) => (
            <List.Item
              data-testid="home-second-keying"
              data-household-id={s.householdId}
              actions={[
                <Link
                  key="key"
                  to={paperPath(s.projectId, s.ballotId, { household: s.householdId, sheet: s.sheetNo })}
                  data-testid="home-key-second"
                >
                  {t('home.second.key')}
                </Link>,
              ]}
            >
              <List.Item.Meta
                title={t('home.household', { building: s.building, unit: s.unit, room: s.room })}
                description={`${s.ballotTitle} · ${t('home.second.sheet', { sheet: s.sheetNo })} · ${cityTime(s.keyedAt, i18n.language)}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function SurveysCard({ section }: { section: SectionOf<'surveys'> }) {
  const { t } = useTranslation();
  const left = section.items.reduce((n, s) => n + s.notReached, 0);
  return (
    <Card size="small" title={<CountTitle title={t('home.surveys.title')} count={left} overflowCount={9999} color="#faad14" />}>
      {section.items.length === 0 ? (
        empty(t('home.surveys.none'))
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(s) => (
            <List.Item data-testid="home-survey" data-survey-id={s.surveyId} data-not-reached={s.notReached}>
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Link to={`/projects/${s.projectId}?tab=participation`}>
                  {s.title} · {s.projectName}
                </Link>
                <Progress percent={s.total ? Math.floor((100 * (s.total - s.notReached)) / s.total) : 0} size="small" />
                <Typography.Text type="secondary">{t('home.surveys.left', { left: s.notReached, total: s.total })}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function BindingsCard({ section }: { section: SectionOf<'bindings'> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={<CountTitle title={t('home.bindings.title')} count={section.total} overflowCount={9999} color="#722ed1" />}>
      {section.items.length === 0 ? (
        empty(t('home.bindings.none'))
      ) : (
        <List
          size="small"
          pagination={PAGED}
          dataSource={section.items}
          renderItem={(b) => (
            <List.Item data-testid="home-binding" data-household-id={b.householdId}>
              <List.Item.Meta
                title={
                  <Link to={`/compounds/${b.compoundId}`}>
                    {b.compoundName} · {t('home.household', { building: b.building, unit: b.unit, room: b.room })}
                  </Link>
                }
                description={
                  <Space wrap>
                    <span>{b.nameMasked}</span>
                    <Tag>{t(`home.relations.${b.relation}`, { defaultValue: t('home.relations.other') })}</Tag>
                    {b.boundByMe && <Typography.Text type="secondary">{t('home.bindings.byMe')}</Typography.Text>}
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

export function WorkOrdersCard({ section }: { section: SectionOf<'workOrders'> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('home.workOrders.title')} extra={<Link to="/work-orders">{t('home.open')}</Link>}>
      <Space size={48}>
        <Statistic title={t('home.workOrders.open')} value={section.open} data-testid="home-workorders-open" />
        <Statistic
          title={t('home.workOrders.overdue')}
          value={section.overdue}
          styles={{ content: { color: section.overdue ? '#cf1322' : undefined } }}
        />
      </Space>
    </Card>
  );
}
