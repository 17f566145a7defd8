// One compound: facts, its projects (with their ballots, surveys, funding and work packages), buildings and units,
// devices, and its households with masked residents.
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Breadcrumb, Button, Card, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { fetchCompound, registryKeys } from './api.ts';
import BuildingsCard from './BuildingsCard.tsx';
import CompoundFacts from './CompoundFacts.tsx';
import HouseholdsTable from './HouseholdsTable.tsx';
import { CompoundDevicesCard } from '../smart/index.ts';
import { CompoundProjectsCard } from '../projects/index.ts';
import { Loading } from '../../app/webModule.tsx';

export default function CompoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: registryKeys.compound(id), queryFn: () => fetchCompound(id), enabled: !!id });

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} data-testid="back">
      {t('common.back')}
    </Button>
  );

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
            data-testid="compound-not-found"
            status="404"
            title={t('compound.notFoundTitle')}
            subTitle={t('compound.notFoundDetail')}
            extra={
              <Button type="primary" onClick={() => navigate('/registry')}>
                {t('compound.back')}
              </Button>
            }
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
        action={
          <Space>
            <Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>
            {back}
          </Space>
        }
      />
    );
  }

  const compound = query.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="compound-page">
      <Breadcrumb
        items={[
          { title: <Link to="/registry">{t('registry.title')}</Link> },
          ...compound.divisionNames.slice(-2).map((name) => ({ title: name })),
          { title: compound.name },
        ]}
      />
      <Card
        title={
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="compound-name">
              {compound.name}
            </Typography.Title>
            {compound.eligible ? (
              <Tag color="success" data-testid="compound-eligible">
                {t('registry.eligible')}
              </Tag>
            ) : (
              <Tag data-testid="compound-eligible">{t('registry.notEligible')}</Tag>
            )}
          </Space>
        }
        extra={back}
      >
        <CompoundFacts compound={compound} />
      </Card>
      <CompoundProjectsCard compound={compound} />
      <BuildingsCard buildings={compound.buildings} />
      <Loading>
        <CompoundDevicesCard compound={compound} />
      </Loading>
      <HouseholdsTable compoundId={compound.id} buildings={compound.buildings.map((b) => b.name)} />
    </Space>
  );
}
