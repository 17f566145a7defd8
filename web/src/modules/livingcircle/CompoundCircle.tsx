// One compound's 15-minute walking circle: per need what it reaches (walking metres), the nearest and the gap,
// with the rule versions the answer used.
import { Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { circleKeys, fetchCircle, fetchCompounds, type Circle } from './api.ts';
import SpaceMatches from './SpaceMatches.tsx';

type NeedRow = Circle['needs'][number];

export default function CompoundCircle({ compoundId, onPick }: { compoundId: string | undefined; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const compounds = useQuery({ queryKey: circleKeys.compounds, queryFn: fetchCompounds });
  const circle = useQuery({
    queryKey: circleKeys.circle(compoundId ?? ''),
    queryFn: () => fetchCircle(compoundId!),
    enabled: !!compoundId,
  });
  const metres = (m: number) => t('circle.metres', { m: m.toLocaleString() });

  const columns: ColumnsType<NeedRow> = [
    { title: t('circle.need'), key: 'need', render: (_, n) => t(`circle.needs.${n.need}`) },
    {
      title: t('circle.reached'),
      key: 'reached',
      render: (_, n) =>
        n.reached.length ? (
          <span>
            {t('circle.reachedCount', { count: n.reached.length })}
            <Typography.Text type="secondary">
              （
              {n.reached
                .slice(0, 5)
                .map((r) => metres(r.distanceM))
                .join('、')}
              ）
            </Typography.Text>
          </span>
        ) : (
          '—'
        ),
    },
    { title: t('circle.nearest'), key: 'nearest', render: (_, n) => (n.nearestM === null ? t('circle.noneNear') : metres(n.nearestM)) },
    {
      title: t('circle.gap'),
      key: 'gap',
      render: (_, n) => (
        <Tag color={n.gap ? 'red' : 'green'} data-testid={`circle-gap-${n.need}`}>
          {n.gap ? t('circle.hasGap') : t('circle.met')}
        </Tag>
      ),
    },
  ];

  return (
    <Card>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          style={{ minWidth: 320 }}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('circle.pickCompound')}
          value={compoundId}
          onChange={onPick}
          loading={compounds.isPending}
          options={(compounds.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid="circle-compound"
        />
        {!compoundId && <Empty description={t('circle.pickCompound')} />}
        {circle.isError && <ProblemAlert title={t('circle.loadError')} error={circle.error} />}
        {circle.data && (
          <>
            <Table
              rowKey="need"
              size="small"
              pagination={false}
              columns={columns}
              dataSource={circle.data.needs}
              data-testid="circle-needs"
            />
            <Typography.Text type="secondary">
              {t('circle.rulesUsed')}
              {circle.data.rules.map((r) => `${t(`circle.rules.${r.key.replace('livingcircle.', '')}`)}（${r.version}）`).join('；')}
            </Typography.Text>
            {compoundId && <SpaceMatches compoundId={compoundId} />}
          </>
        )}
      </Space>
    </Card>
  );
}
