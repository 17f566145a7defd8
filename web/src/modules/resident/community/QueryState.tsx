// Loading and error states shared by the resident's community pages: a skeleton, or the problem with a retry.
import { Button, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../../app/ProblemAlert.tsx';

export function QueryState({ pending, error, retry, testId }: { pending: boolean; error: unknown; retry: () => void; testId: string }) {
  const { t } = useTranslation();
  if (pending) return <Skeleton active paragraph={{ rows: 5 }} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert title={t('community.common.loadError')} error={error} testId={testId} />
      <Button block onClick={retry}>
        {t('community.common.retry')}
      </Button>
    </Space>
  );
}
