// A repair's status as a coloured tag (and its overdue mark), in words.
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { STATUS_COLOR, statusName } from './labels.ts';

export default function StatusTag({ status, overdue, testId }: { status: string; overdue?: boolean; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid={testId} data-status={status} style={{ marginInlineEnd: 0 }}>
        {statusName(t, status)}
      </Tag>
      {overdue && (
        <Tag color="red" data-testid={testId ? `${testId}-overdue` : undefined} style={{ marginInlineEnd: 0 }}>
          {t('repairs.overdue')}
        </Tag>
      )}
    </Space>
  );
}
