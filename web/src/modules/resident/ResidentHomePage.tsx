// 居民首页 (/m): my homes and their binding status, then what is waiting for me (open surveys
// not answered, open ballots not voted), then what I have done or what has closed.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, FormOutlined, HomeOutlined, RightOutlined, SolutionOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { fetchMine, residentKeys } from './api.ts';
import { formatAt, homeLabel } from './format.ts';
import ReportsEntry from './reports/ReportsEntry.tsx';
import ServicesEntry from './services/ServicesEntry.tsx';
import PassageEntry from './passage/PassageEntry.tsx';
import RepairsEntry from './repairs/RepairsEntry.tsx';
import CommunityEntry from './community/CommunityEntry.tsx';
import type { MyBallot, MyHousehold, MySurvey } from './types.ts';

const STATUS_COLOR = { verified: 'green', pending: 'orange', rejected: 'red' } as const;

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId: string }) {
  return (
    <section data-testid={testId} style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
        {title}
      </Typography.Title>
      {children}
    </section>
  );
}

function Homes({ homes }: { homes: MyHousehold[] }) {
  const { t } = useTranslation();
  if (!homes.length)
    return (
      <Alert type="info" showIcon data-testid="m-no-home" title={t('resident.home.noneTitle')} description={t('resident.home.noneHint')} />
    );
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {homes.map((h) => (
        <Card key={h.householdId} size="small" data-testid={`m-home-${h.householdId}`} data-status={h.status}>
          <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space align="start">
              <HomeOutlined style={{ fontSize: 18, color: '#1558b0', marginTop: 3 }} />
              <div>
                <Typography.Text strong>{homeLabel(h)}</Typography.Text>
                <div>
                  <Typography.Text type="secondary">
                    {t(`resident.home.relation.${h.relation}`, { defaultValue: h.relation })}
                  </Typography.Text>
                </div>
              </div>
            </Space>
            <Tag color={STATUS_COLOR[h.status]} data-testid="m-home-status" style={{ marginInlineEnd: 0 }}>
              {t(`resident.home.status.${h.status}`)}
            </Tag>
          </Space>
          {h.status === 'pending' && (
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
              {t('resident.home.pendingHint')}
            </Typography.Paragraph>
          )}
          {h.status === 'rejected' && (
            <Typography.Paragraph type="danger" style={{ margin: '8px 0 0', fontSize: 13 }}>
              {t('resident.home.rejectedHint')}
            </Typography.Paragraph>
          )}
        </Card>
      ))}
    </Space>
  );
}

function ItemCard({
  to,
  icon,
  title,
  tags,
  meta,
  testId,
  done,
}: {
  to: string;
  icon: ReactNode;
  title: string;
  tags: ReactNode;
  meta: ReactNode;
  testId: string;
  done?: boolean;
}) {
  return (
    <Link to={to} data-testid={testId} style={{ display: 'block', color: 'inherit' }}>
      <Card size="small" hoverable styles={{ body: { padding: '12px 12px' } }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
          <span style={{ fontSize: 20, color: done ? '#8c8c8c' : '#1558b0' }}>{icon}</span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <Typography.Text strong ellipsis style={{ display: 'block' }}>
              {title}
            </Typography.Text>
            <div style={{ marginTop: 4 }}>{tags}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {meta}
            </Typography.Text>
          </div>
          <RightOutlined style={{ color: '#bfbfbf' }} />
        </div>
      </Card>
    </Link>
  );
}

function SurveyItem({ s, homes }: { s: MySurvey; homes: Map<string, MyHousehold> }) {
  const { t, i18n } = useTranslation();
  const home = homes.get(s.householdId);
  return (
    <ItemCard
      to={`/m/surveys/${s.id}?household=${s.householdId}`}
      testId={`m-survey-${s.id}`}
      icon={<FormOutlined />}
      done={!!s.answeredAt || s.status !== 'open'}
      title={s.title}
      tags={
        <Space size={4} wrap>
          <Tag color="blue">{t(`resident.kinds.survey.${s.kind}`, { defaultValue: t('resident.home.survey') })}</Tag>
          {s.status !== 'open' && <Tag>{t('resident.home.closed')}</Tag>}
          {s.answeredAt ? (
            <Tag color="green" icon={<CheckCircleOutlined />}>
              {t('resident.home.answeredAt', { at: formatAt(s.answeredAt, i18n.language) })}
            </Tag>
          ) : (
            s.status === 'open' && <Tag color="orange">{t('resident.home.notAnswered')}</Tag>
          )}
        </Space>
      }
      meta={`${s.projectName}${home ? ` · ${home.building} ${home.unit} ${home.room}` : ''}`}
    />
  );
}

function BallotItem({ b, homes }: { b: MyBallot; homes: Map<string, MyHousehold> }) {
  const { t, i18n } = useTranslation();
  const home = homes.get(b.householdId);
  const open = b.status === 'open';
  return (
    <ItemCard
      to={`/m/ballots/${b.id}?household=${b.householdId}`}
      testId={`m-ballot-${b.id}`}
      icon={<SolutionOutlined />}
      done={!!b.votedAt || !open}
      title={b.title}
      tags={
        <Space size={4} wrap>
          <Tag color="purple">{t(`resident.kinds.ballot.${b.kind}`, { defaultValue: t('resident.home.ballot') })}</Tag>
          {open ? (
            <Tag icon={<ClockCircleOutlined />}>{t('resident.home.closesAt', { at: formatAt(b.closesAt, i18n.language) })}</Tag>
          ) : (
            <Tag>{t('resident.home.closed')}</Tag>
          )}
          {b.votedAt ? (
            <Tag color="green" icon={<CheckCircleOutlined />}>
              {t('resident.home.votedAt', { at: formatAt(b.votedAt, i18n.language) })}
            </Tag>
          ) : (
            open && <Tag color="orange">{t('resident.home.notVoted')}</Tag>
          )}
          {!open && <Tag color="geekblue">{t('resident.home.viewResult')}</Tag>}
        </Space>
      }
      meta={`${b.projectName}${home ? ` · ${home.building} ${home.unit} ${home.room}` : ''}`}
    />
  );
}

export default function ResidentHomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const mine = useQuery({ queryKey: residentKeys.mine, queryFn: fetchMine });

  if (mine.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (mine.isError)
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <ProblemAlert title={t('resident.home.error')} error={mine.error} testId="m-home-problem" />
        <Button block onClick={() => void mine.refetch()}>
          {t('common.retry')}
        </Button>
      </Space>
    );

  const { households, surveys, ballots } = mine.data;
  const homes = new Map(households.map((h) => [h.householdId, h]));
  const todoSurveys = surveys.filter((s) => s.status === 'open' && !s.answeredAt);
  const todoBallots = ballots.filter((b) => b.status === 'open' && !b.votedAt);
  const doneSurveys = surveys.filter((s) => !(s.status === 'open' && !s.answeredAt));
  const doneBallots = ballots.filter((b) => !(b.status === 'open' && !b.votedAt));
  const todoCount = todoSurveys.length + todoBallots.length;

  return (
    <div data-testid="m-home">
      <Typography.Paragraph style={{ margin: '0 4px 12px' }} type="secondary">
        {t('resident.home.greeting', { name: user?.displayName ?? '' })}
      </Typography.Paragraph>
      <Section title={t('resident.home.homes')} testId="m-homes">
        <Homes homes={households} />
      </Section>
      {households.some((h) => h.status === 'verified') && (
        <>
          <Section title={t('community.resident.entryTitle')} testId="m-community-section">
            <CommunityEntry />
          </Section>
          <Section title={t('gridEvents.resident.entryTitle')} testId="m-grid">
            <ReportsEntry />
          </Section>
          <ServicesEntry />
          <Section title={t('passage.entryTitle')} testId="m-passage-section">
            <PassageEntry />
          </Section>
          <Section title={t('repairs.resident.entryTitle')} testId="m-repairs">
            <RepairsEntry />
          </Section>
          <Section
            testId="m-todo"
            title={
              <Space>
                {t('resident.home.todo')}
                {todoCount > 0 && (
                  <Tag color="red" data-testid="m-todo-count">
                    {todoCount}
                  </Tag>
                )}
              </Space>
            }
          >
            {todoCount === 0 ? (
              <Card size="small">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resident.home.todoEmpty')} />
              </Card>
            ) : (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {todoBallots.map((b) => (
                  <BallotItem key={`${b.id}/${b.householdId}`} b={b} homes={homes} />
                ))}
                {todoSurveys.map((s) => (
                  <SurveyItem key={`${s.id}/${s.householdId}`} s={s} homes={homes} />
                ))}
              </Space>
            )}
          </Section>
          <Section testId="m-done" title={t('resident.home.done')}>
            {doneSurveys.length + doneBallots.length === 0 ? (
              <Card size="small">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resident.home.doneEmpty')} />
              </Card>
            ) : (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {doneBallots.map((b) => (
                  <BallotItem key={`${b.id}/${b.householdId}`} b={b} homes={homes} />
                ))}
                {doneSurveys.map((s) => (
                  <SurveyItem key={`${s.id}/${s.householdId}`} s={s} homes={homes} />
                ))}
              </Space>
            )}
          </Section>
        </>
      )}
    </div>
  );
}
