// The car park now: spaces by kind, cars inside (stays still open) and the spaces left.
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadFailure } from '../../app/ProblemAlert.tsx';
import { fetchOccupancy, parkingKeys, SPACE_KINDS } from './api.ts';

export default function OccupancyCard({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: parkingKeys.occupancy(compoundId), queryFn: () => fetchOccupancy(compoundId), refetchInterval: 30_000 });
  if (q.isError)
    return (
      <LoadFailure
        error={q.error}
        title={t('parkingDesk.occupancyFailed')}
        notFoundTitle={t('parkingDesk.notFound')}
        testId="parking-occupancy"
        onRetry={() => void q.refetch()}
      />
    );
  const o = q.data;
  return (
    <Card size="small" loading={q.isPending} data-testid="parking-occupancy">
      <Row gutter={16}>
        <Col span={6}>
          <Statistic title={t('parkingDesk.occupancy.spaces')} value={o?.spaces ?? 0} data-testid="parking-occupancy-spaces" />
        </Col>
        <Col span={6}>
          <Statistic title={t('parkingDesk.occupancy.occupied')} value={o?.occupied ?? 0} data-testid="parking-occupancy-occupied" />
        </Col>
        <Col span={6}>
          <Statistic title={t('parkingDesk.occupancy.free')} value={o?.free ?? 0} data-testid="parking-occupancy-free" />
        </Col>
        <Col span={6}>
          <Typography.Text type="secondary">
            {SPACE_KINDS.map((k) => `${t(`parkingDesk.spaceKind.${k}`)} ${o?.byKind[k] ?? 0}`).join(' · ')}
          </Typography.Text>
        </Col>
      </Row>
    </Card>
  );
}
