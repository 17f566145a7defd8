import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WorkOrderPriority, WorkOrderStatus } from './api.ts';

const colors: Record<WorkOrderStatus, string> = {
  open: 'orange',
  assigned: 'blue',
  in_progress: 'processing',
  done: 'green',
  cancelled: 'default',
};
const priorityColors: Record<WorkOrderPriority, string> = { urgent: 'red', high: 'volcano', normal: 'default', low: 'default' };

export default function StatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} data-testid="workorder-status" data-status={status}>
      {t(`workOrders.statuses.${status}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: WorkOrderPriority }) {
  const { t } = useTranslation();
  return (
    <Tag color={priorityColors[priority]} data-testid="workorder-priority">
      {t(`workOrders.priorities.${priority}`)}
    </Tag>
  );
}
