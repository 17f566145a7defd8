// One selection of exemplary cases: its published scoring sheet, the nominated cases (each scored
// by jurors), the jurors, the ranking by juror kind, and the awards.
import { Card, Descriptions, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useDistricts } from '../governance/index.ts';
import { evaluationKeys, fetchSelection } from './api.ts';
import JurorsCard from './JurorsCard.tsx';
import NominationsCard from './NominationsCard.tsx';
import RankingCard from './RankingCard.tsx';
import { useProjectNames } from './useProjectNames.ts';

export default function SelectionDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { nameOf } = useDistricts();
  const query = useQuery({ queryKey: evaluationKeys.selection(id), queryFn: () => fetchSelection(id) });
  const nominations = query.data?.nominations ?? [];
  // Nominations saved without the project's name (the demo's) are named from the project itself.
  const fetched = useProjectNames(nominations.filter((n) => !n.projectName).map((n) => n.projectId));
  const projectName = (projectId: string) => nominations.find((n) => n.projectId === projectId)?.projectName ?? fetched(projectId);
  if (query.isPending) return <Skeleton active />;
  if (query.isError) return <ProblemAlert title={t('common.error')} error={query.error} testId="selection-error" />;
  const s = query.data;
  const district = (code: string | null) => (code ? `${nameOf(code)}` : t('evaluation.exemplary.noDistrict'));
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="selection-detail" data-id={s.id} data-status={s.status}>
      <Card size="small" title={s.title}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('evaluation.exemplary.year')}>{s.year}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.exemplary.status')}>
            <Tag color={s.status === 'awarded' ? 'green' : 'blue'}>{t(`evaluation.exemplary.statuses.${s.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluation.exemplary.maxTotal')}>{s.maxTotal}</Descriptions.Item>
          <Descriptions.Item label={t('evaluation.exemplary.sheet')} span={3}>
            {s.sheet.map((i) => `${i.name}（${i.maxPoints}）`).join('，')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <NominationsCard selection={s} district={district} projectName={projectName} />
      <JurorsCard selection={s} district={district} />
      <RankingCard selection={s} district={district} projectName={projectName} />
    </Space>
  );
}
