// On a compound's page: the projects that renovate it, each with the ways into its ballots and surveys, its
// funding, and the year's work packages of the compound's community (the coordination page, filtered).
import { Alert, Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchProjects, projectKeys } from './api.ts';
import { useStages } from './useStages.ts';
import ProjectPhotosLink from './ProjectPhotosLink.tsx';

const LIMIT = 20;

export default function CompoundProjectsCard({ compound }: { compound: { id: string; communityCode: string } }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const stages = useStages();
  const filters = { compoundId: compound.id };
  const query = useQuery({
    queryKey: projectKeys.list(filters),
    queryFn: () => fetchProjects(filters, LIMIT),
    enabled: can('projects.read'),
  });
  if (!can('projects.read')) return null;
  return (
    <Card title={t('projects.ofCompound.title')} data-testid="compound-projects">
      {query.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {query.isError && <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />}
      {query.data && query.data.items.length === 0 && <Empty description={t('projects.ofCompound.none')} />}
      {query.data && query.data.items.length > 0 && (
        <List
          size="small"
          dataSource={query.data.items}
          renderItem={(p) => (
            <List.Item data-testid="compound-project" data-project-id={p.id}>
              <Space orientation="vertical" size={4}>
                <Space wrap>
                  <Link to={`/projects/${p.id}`} data-testid="compound-project-link">
                    {p.name}
                  </Link>
                  <Tag>{t('projects.ofCompound.year', { year: p.year })}</Tag>
                  <Tag color={stages.color(p.stage)}>{stages.name(p.stage)}</Tag>
                </Space>
                <Space wrap size={16}>
                  <Link to={`/projects/${p.id}?tab=participation`} data-testid="compound-project-participation">
                    {t('projects.ofCompound.participation')}
                  </Link>
                  <Link to={`/projects/${p.id}?tab=funding`}>{t('projects.ofCompound.funding')}</Link>
                  <Link
                    to={`/coordination?division=${compound.communityCode}&year=${p.year}&tab=packages`}
                    data-testid="compound-project-packages"
                  >
                    {t('projects.ofCompound.packages')}
                  </Link>
                  <ProjectPhotosLink projectId={p.id} />
                </Space>
              </Space>
            </List.Item>
          )}
        />
      )}
      {query.data && query.data.total > query.data.items.length && (
        <Typography.Text type="secondary">
          {t('projects.ofCompound.more', { shown: query.data.items.length, total: query.data.total })}
        </Typography.Text>
      )}
    </Card>
  );
}
