// 工作台: the landing page after sign-in. What this person does today, by role (the server's sections, in the
// order their role needs them), then shortcuts to every page their permissions open.
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { menuVisible } from '../../app/webModule.tsx';
import { menuEntries } from '../../app/modules.ts';
import { cityTime } from '../../app/time.ts';
import { useAuth } from '../accounts/index.ts';
import { useHome, type HomeSection } from './api.ts';
import { BallotsClosingCard, FindingsCard, ProjectsByStageCard } from './OfficerSections.tsx';
import { DisbursedCard, LateProjectsCard, YearProgressCard } from './BureauSections.tsx';
import { NoticesCard, PackagesCard } from './LiaisonSections.tsx';
import { BindingsCard, PaperBallotsCard, SecondKeyingsCard, SurveysCard, WorkOrdersCard } from './WorkerSections.tsx';

function SectionCard({ section }: { section: HomeSection }): ReactNode {
  switch (section.kind) {
    case 'yearProgress':
      return <YearProgressCard section={section} />;
    case 'lateProjects':
      return <LateProjectsCard section={section} />;
    case 'disbursed':
      return <DisbursedCard section={section} />;
    case 'projectsByStage':
      return <ProjectsByStageCard section={section} />;
    case 'ballotsClosing':
      return <BallotsClosingCard section={section} />;
    case 'findings':
      return <FindingsCard section={section} />;
    case 'paperBallots':
      return <PaperBallotsCard section={section} />;
    case 'secondKeyings':
      return <SecondKeyingsCard section={section} />;
    case 'surveys':
      return <SurveysCard section={section} />;
    case 'bindings':
      return <BindingsCard section={section} />;
    case 'packages':
      return <PackagesCard section={section} />;
    case 'notices':
      return <NoticesCard section={section} />;
    case 'workOrders':
      return <WorkOrdersCard section={section} />;
  }
}

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const { user, can } = useAuth();
  const home = useHome(undefined, { fresh: true });
  const shortcuts = menuEntries.filter((e) => e.key !== '/' && menuVisible(e, can));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home-page" data-role={user?.role ?? ''}>
      <Card size="small">
        <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('home.title')}
            </Typography.Title>
            {user && <Tag color="gold">{t(`roles.${user.role}`, { defaultValue: user.role })}</Tag>}
            {user && <Typography.Text type="secondary">{user.displayName}</Typography.Text>}
          </Space>
          <Space>
            {home.data && (
              <Typography.Text type="secondary" data-testid="home-as-of">
                {t('home.asOf', { time: cityTime(home.data.today, i18n.language) })}
              </Typography.Text>
            )}
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void home.refetch()} loading={home.isFetching}>
              {t('home.refresh')}
            </Button>
          </Space>
        </Space>
      </Card>

      {home.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : home.isError ? (
        <Alert type="error" showIcon title={t('common.error')} description={errorMessage(home.error)} />
      ) : home.data.sections.length === 0 ? null : (
        <div style={styles.grid}>
          {home.data.sections.map((s) => (
            <div key={s.kind} data-testid={`home-section-${s.kind}`} style={wide.has(s.kind) ? styles.wide : undefined}>
              <SectionCard section={s} />
            </div>
          ))}
        </div>
      )}

      <Card size="small" title={t('home.shortcuts')} data-testid="home-shortcuts">
        {shortcuts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noShortcuts')} />
        ) : (
          <Space wrap>
            {shortcuts.map((e) => (
              <Link key={e.key} to={e.key} data-testid="home-shortcut" data-path={e.key}>
                <Button icon={e.icon}>{t(e.label)}</Button>
              </Link>
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}

const wide = new Set<HomeSection['kind']>(['yearProgress', 'projectsByStage', 'paperBallots', 'packages']);

const styles = {
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 16 },
  wide: { gridColumn: '1 / -1' },
} as const;
