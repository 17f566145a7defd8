// One project: header facts and the tabs 概况 / 方案 / 资金 / 审批 / 成效 / 改造前后 / 居民参与 / 长效治理 (tab kept in the URL).
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Result, Skeleton, Space, Spin, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { ApprovalsTab } from '../approvals/index.ts';
import { GovernanceTab } from '../governance/index.ts';
import { ParticipationTab } from '../participation/index.ts';
import { fetchProject, projectKeys } from './api.ts';
import OverviewTab from './OverviewTab.tsx';
import { KindTags, StageTag } from './ProjectTags.tsx';

const PlanTab = lazy(() => import('./PlanTab.tsx'));
const FundingTab = lazy(() => import('./FundingTab.tsx'));
const OutcomesTab = lazy(() => import('./OutcomesTab.tsx'));
const PhotosTab = lazy(() => import('./PhotosTab.tsx'));

const TABS = ['overview', 'plan', 'funding', 'approvals', 'outcomes', 'photos', 'participation', 'governance'] as const;

export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((k) => k === params.get('tab')) ?? 'overview';
  const query = useQuery({ queryKey: projectKeys.project(id), queryFn: () => fetchProject(id), enabled: !!id });

  if (query.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (query.isError) {
    const err = query.error;
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
      return (
        <Card>
          <Result
            data-testid="project-not-found"
            status="404"
            title={t('projects.notFound')}
            extra={<Button onClick={() => navigate('/projects')}>{t('projects.backToList')}</Button>}
          />
        </Card>
      );
    }
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={errorMessage(err)}
        action={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }

  const project = query.data;
  const lazyTab = (node: ReactNode) => <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>{node}</Suspense>;
  const items = [
    { key: 'overview', label: t('projects.tabs.overview'), children: <OverviewTab project={project} /> },
    { key: 'plan', label: t('projects.tabs.plan'), children: lazyTab(<PlanTab project={project} />) },
    { key: 'funding', label: t('projects.tabs.funding'), children: lazyTab(<FundingTab project={project} />) },
    { key: 'approvals', label: t('projects.tabs.approvals'), children: lazyTab(<ApprovalsTab project={project} />) },
    { key: 'outcomes', label: t('projects.tabs.outcomes'), children: lazyTab(<OutcomesTab project={project} />) },
    { key: 'photos', label: t('projectPhotos.tab'), children: lazyTab(<PhotosTab project={project} />) },
    { key: 'participation', label: t('projects.tabs.participation'), children: lazyTab(<ParticipationTab project={project} />) },
    { key: 'governance', label: t('projects.tabs.governance'), children: lazyTab(<GovernanceTab project={project} />) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="project-page">
      <Breadcrumb items={[{ title: <Link to="/projects">{t('projects.title')}</Link> }, { title: project.name }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="project-name">
              {project.name}
            </Typography.Title>
            <StageTag stage={project.stage} />
            <KindTags cluster={project.cluster} futureCommunity={project.futureCommunity} />
          </Space>
        }
        extra={
          <Space>
            <Link to={`/projects/${project.id}/summary`} data-testid="project-summary-link">
              <Button icon={<PrinterOutlined />}>{t('evaluation.summary.open')}</Button>
            </Link>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/projects')} data-testid="back">
              {t('common.back')}
            </Button>
          </Space>
        }
        styles={{ body: { paddingTop: 0 } }}
      >
        <Tabs
          data-testid="project-tabs"
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(params);
            next.set('tab', key);
            setParams(next, { replace: true });
          }}
          items={items.map((i) => ({ ...i, label: <span data-testid={`tab-${i.key}`}>{i.label}</span> }))}
          destroyOnHidden
        />
      </Card>
    </Space>
  );
}
