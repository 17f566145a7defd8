// Small tags shared by the list, board and project page: stage, cluster, future community.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useStages } from './useStages.ts';

export function StageTag({ stage }: { stage: string }) {
  const { name, color } = useStages();
  return (
    <Tag color={color(stage)} data-testid="stage-tag" data-stage={stage} style={{ marginInlineEnd: 0 }}>
      {name(stage)}
    </Tag>
  );
}

export function KindTags({ cluster, futureCommunity }: { cluster: boolean; futureCommunity: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {cluster && (
        <Tag color="orange" data-testid="cluster-tag">
          {t('projects.cluster')}
        </Tag>
      )}
      {futureCommunity && (
        <Tag color="cyan" data-testid="future-tag">
          {t('projects.futureCommunity')}
        </Tag>
      )}
    </>
  );
}
