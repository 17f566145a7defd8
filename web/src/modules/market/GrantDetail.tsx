// A grant's tax and fee reliefs and what its operator delivered, read when its row is opened; staff who manage
// spaces record more of each below the tables.
import { Descriptions, Empty, Spin, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../app/money.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchGrant, marketKeys } from './api.ts';
import { DeliveryForm, ReliefForm } from './GrantRecordForms.tsx';

export default function GrantDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const grant = useQuery({ queryKey: marketKeys.grant(id), queryFn: () => fetchGrant(id) });
  if (!grant.data) return <Spin size="small" />;
  const g = grant.data;
  const canRecord = can('spaces.manage');
  return (
    <div data-testid="grant-detail">
      {g.terms && <Descriptions size="small" column={1} items={[{ key: 'terms', label: t('market.spaces.terms'), children: g.terms }]} />}
      <Typography.Text strong>{t('market.spaces.reliefs')}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={g.reliefs}
        data-testid="grant-reliefs"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.spaces.noReliefs')} /> }}
        columns={[
          { title: t('market.spaces.reliefKind'), key: 'k', render: (_, r) => t(`market.spaces.reliefKinds.${r.kind}`) },
          { title: t('market.spaces.reliefAmount'), key: 'a', align: 'right', render: (_, r) => formatFen(r.amountFen) },
          { title: t('market.spaces.reliefBasis'), key: 'b', render: (_, r) => r.basis },
          { title: t('market.spaces.grantedOn'), key: 'd', render: (_, r) => r.grantedOn },
        ]}
      />
      {canRecord && <ReliefForm grant={g} />}
      <Typography.Text strong>{t('market.spaces.deliveries')}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={g.deliveries}
        data-testid="grant-deliveries"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('market.spaces.noDeliveries')} /> }}
        columns={[
          { title: t('market.spaces.period'), key: 'p', render: (_, d) => `${d.periodStart} ~ ${d.periodEnd}` },
          { title: t('market.spaces.services'), key: 's', align: 'right', render: (_, d) => d.services.toLocaleString() },
          { title: t('market.spaces.beneficiaries'), key: 'b', align: 'right', render: (_, d) => d.beneficiaries.toLocaleString() },
          { title: t('market.spaces.summary'), key: 'm', render: (_, d) => d.summary },
        ]}
      />
      {canRecord && <DeliveryForm grant={g} />}
    </div>
  );
}
