import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus } from './api.ts';

const colors: Record<DeliveryStatus, string> = { pending: 'default', retrying: 'blue', delivered: 'green', parked: 'red' };

export default function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} data-testid="delivery-status" data-status={status}>
      {t(`exchange.statuses.${status}`)}
    </Tag>
  );
}
