// The board by stage: one column per lifecycle stage, a card per project.
import { Alert, Badge, Button, Card, Empty, Space, Spin, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { formatFenBig } from '../../app/money.ts';
import { formatArea } from '../registry/index.ts';
import { KindTags } from './ProjectTags.tsx';
import type { ProjectFilters, ProjectSummary } from './types.ts';
import { useProjectList } from './useProjectList.ts';
import { useStages } from './useStages.ts';

export default function ProjectBoard({ filters }: { filters: ProjectFilters }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { stages, name } = useStages();
  const { query, rows } = useProjectList({ ...filters, stage: undefined }, 200);
  const lang = i18n.language;

  if (query.isError && rows.length === 0) return <Alert type="error" showIcon title={errorMessage(query.error)} />;
  if (query.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;

  const byStage = new Map<string, ProjectSummary[]>();
  for (const row of rows) byStage.set(row.stage, [...(byStage.get(row.stage) ?? []), row]);

  return (
    <>
      <div style={styles.board} data-testid="project-board">
        {stages.map((s) => {
          const items = byStage.get(s.stage) ?? [];
          return (
            <div key={s.stage} style={styles.column} data-testid="board-column" data-stage={s.stage}>
              <div style={styles.columnHead}>
                <Typography.Text strong>{name(s.stage)}</Typography.Text>
                <Badge count={items.length} showZero color={items.length ? '#1558b0' : '#bfbfbf'} />
              </div>
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} style={{ margin: '12px 0' }} />}
                {items.map((p) => (
                  <Card
                    key={p.id}
                    size="small"
                    hoverable
                    data-testid="board-card"
                    onClick={() => navigate(`/projects/${p.id}`)}
                    styles={{ body: { padding: 10 } }}
                  >
                    <Typography.Text strong ellipsis style={{ display: 'block' }}>
                      {p.name}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.year} · {t('projects.compoundCount', { count: p.compoundCount })} · {formatArea(p.floorAreaM2, lang)} ㎡
                    </Typography.Text>
                    <div style={{ marginTop: 4, display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 4 }}>
                      <span>
                        <KindTags cluster={p.cluster} futureCommunity={p.futureCommunity} />
                      </span>
                      {p.planTotalFen !== null && p.planTotalFen !== undefined && (
                        <Typography.Text style={{ fontSize: 12 }}>{formatFenBig(p.planTotalFen, lang)}</Typography.Text>
                      )}
                    </div>
                  </Card>
                ))}
              </Space>
            </div>
          );
        })}
      </div>
      {query.hasNextPage && (
        <Button style={{ marginTop: 12 }} loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}

const styles = {
  board: { display: 'flex', gap: 12, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' },
  column: { flex: '0 0 196px', background: '#f5f7fa', borderRadius: 6, padding: 8, minHeight: 200 },
  columnHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '2px 4px 8px' },
} as const;
