// A compound's registered vehicles (residents' own, which always pass its barriers), by plate, with their home.
import { Empty, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadFailure } from '../../app/ProblemAlert.tsx';
import { cityTime } from '../../app/time.ts';
import { fetchHouseholds, fetchStaffVehicles, householdText, passageDeskKeys, type StaffVehicle } from './api.ts';

export default function VehiclesPanel({ compoundId }: { compoundId: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({ queryKey: passageDeskKeys.vehicles(compoundId), queryFn: () => fetchStaffVehicles(compoundId) });
  const households = useQuery({ queryKey: passageDeskKeys.households(compoundId), queryFn: () => fetchHouseholds(compoundId) });
  const homes = new Map((households.data?.items ?? []).map((h) => [h.id, householdText(h)]));
  if (q.isError)
    return (
      <LoadFailure
        error={q.error}
        title={t('passageDesk.vehiclesFailed')}
        notFoundTitle={t('passageDesk.notFound')}
        testId="vehicles"
        onRetry={() => void q.refetch()}
      />
    );
  return (
    <Table<StaffVehicle>
      data-testid="vehicles-table"
      rowKey="id"
      size="middle"
      bordered
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('passageDesk.total', { count: total }) }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('passageDesk.vehiclesEmpty')} /> }}
      columns={[
        { title: t('passageDesk.columns.plate'), key: 'plate', render: (_, v) => v.plate },
        {
          title: t('passageDesk.columns.kind'),
          key: 'kind',
          render: (_, v) => <Tag color={v.kind === 'new_energy' ? 'green' : 'blue'}>{t(`passageDesk.plateKind.${v.kind}`)}</Tag>,
        },
        { title: t('passageDesk.household'), key: 'household', render: (_, v) => homes.get(v.householdId) ?? '—' },
        { title: t('passageDesk.columns.registeredAt'), key: 'createdAt', render: (_, v) => cityTime(v.createdAt, i18n.language) },
      ]}
    />
  );
}
