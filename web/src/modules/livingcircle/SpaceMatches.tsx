// A compound's gaps matched to space resources: per gap the facility the rule suggests and its least area, and
// the suitable resources nearby, ranked, each with the compounds and households whose gap converting it would
// close; an allowed account converts one from here.
import { useState } from 'react';
import { Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDecimal } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import ConvertSpaceModal from './ConvertSpaceModal.tsx';
import { SpaceAction } from './SpacesTab.tsx';
import { fetchSpaceMatches, spaceKeys, type SpaceMatches as Matches } from './spacesApi.ts';

type Gap = Matches['gaps'][number];
type Match = Gap['matches'][number];

function MatchRow({ gap, m }: { gap: Gap; m: Match }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [converting, setConverting] = useState(false);
  const s = m.space;
  return (
    <List.Item
      data-testid={`space-match-${gap.need}-${s.id}`}
      actions={[
        s.status === 'allocated' && can('spaceresources.convert') ? (
          <Button key="convert" size="small" type="primary" onClick={() => setConverting(true)}>
            {t('spaces.convert')}
          </Button>
        ) : (
          <SpaceAction key="action" space={s} />
        ),
      ]}
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <span>{s.name}</span>
            <Tag>{t(`spaces.kinds.${s.kind}`)}</Tag>
            <Tag color={s.status === 'offered' ? 'blue' : 'gold'}>{t(`spaces.status.${s.status}`)}</Tag>
          </Space>
        }
        description={
          <Space wrap split="·">
            <span>
              {t('spaces.area')}：{formatDecimal(s.areaM2)}
            </span>
            <span>
              {t('spaces.matches.distance')}：{t('circle.metres', { m: m.distanceM.toLocaleString() })}
            </span>
            <span>
              {t('spaces.matches.gain')}：{t('spaces.matches.gainText', { compounds: m.gain.compounds, households: m.gain.households })}
            </span>
            <Typography.Text type={m.closesGap ? 'success' : 'secondary'}>
              {m.closesGap ? t('spaces.matches.closes') : t('spaces.matches.notClosing')}
            </Typography.Text>
          </Space>
        }
      />
      {converting && (
        <ConvertSpaceModal
          space={s}
          open={converting}
          onClose={() => setConverting(false)}
          suggested={{ need: gap.need, kind: gap.kind }}
        />
      )}
    </List.Item>
  );
}

export default function SpaceMatches({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: spaceKeys.matches(compoundId), queryFn: () => fetchSpaceMatches(compoundId) });
  if (q.isError) return <ProblemAlert title={t('circle.loadError')} error={q.error} />;
  if (!q.data) return null;
  return (
    <Card title={t('spaces.matches.title')} size="small" data-testid="space-matches">
      <Typography.Paragraph type="secondary">{t('spaces.matches.intro')}</Typography.Paragraph>
      {q.data.gaps.length === 0 && <Empty description={t('spaces.matches.noGaps')} />}
      {q.data.gaps.map((g) => (
        <div key={g.need} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{t(`circle.needs.${g.need}`)}</Typography.Text>
          {g.kind && g.minAreaM2 && (
            <Typography.Text type="secondary">
              {'　'}
              {t('spaces.matches.suggested', { kind: t(`circle.kinds.${g.kind}`), area: formatDecimal(g.minAreaM2) })}
            </Typography.Text>
          )}
          <List
            size="small"
            dataSource={g.matches}
            locale={{ emptyText: t('spaces.matches.none') }}
            renderItem={(m) => <MatchRow key={m.spaceId} gap={g} m={m} />}
          />
        </div>
      ))}
    </Card>
  );
}
