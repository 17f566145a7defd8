// An order's status in words, coloured.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, statusName } from './labels.ts';

export default function StatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]} data-testid={testId} data-status={status}>
      {statusName(t, status)}
    </Tag>
  );
}
