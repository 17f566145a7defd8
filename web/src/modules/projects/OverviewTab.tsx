// 概况: facts, compounds, the stage steps with who moved the project and when, and the gates.
import { Card, Col, Descriptions, Row, Space, Steps, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatArea, formatCount } from '../registry/index.ts';
import GatesCard from './GatesCard.tsx';
import { KindTags, StageTag } from './ProjectTags.tsx';
import type { ProjectDetail } from './types.ts';
import { useStages } from './useStages.ts';
import { cityTime } from '../../app/time.ts';

export default function OverviewTab({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { stages, name } = useStages();
  const current = stages.findIndex((s) => s.stage === project.stage);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="project-overview">
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="project-facts">
        <Descriptions.Item label={t('projects.fields.year')}>{project.year}</Descriptions.Item>
        <Descriptions.Item label={t('projects.columns.stage')}>
          <StageTag stage={project.stage} />
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.kind')}>
          <KindTags cluster={project.cluster} futureCommunity={project.futureCommunity} />
          {!project.cluster && !project.futureCommunity && t('projects.single')}
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.columns.floorArea')}>
          <span data-testid="project-floor-area" data-value={project.floorAreaM2}>
            {formatArea(project.floorAreaM2, lang)}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('projects.columns.households')}>{formatCount(project.households, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('projects.fields.compounds')}>
          <Space size={[12, 4]} wrap data-testid="project-compounds">
            {project.compounds.map((c) => (
              <Link key={c.id} to={`/compounds/${c.id}`}>
                {c.name}
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                  {formatArea(c.floorAreaM2, lang)} ㎡ · {t('projects.householdCount', { count: c.households })}
                </Typography.Text>
              </Link>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('projects.stages')}>
        <div style={{ overflowX: 'auto', paddingBottom: 4 }}>
          <Steps
            size="small"
            current={current}
            labelPlacement="vertical"
            style={{ minWidth: 1000 }}
            data-testid="stage-steps"
            items={stages.map((s) => ({ title: name(s.stage) }))}
          />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <GatesCard project={project} />
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('projects.timeline')} data-testid="project-timeline">
            {project.timeline.length === 0 ? (
              <Typography.Text type="secondary">{t('projects.noTimeline')}</Typography.Text>
            ) : (
              <Timeline
                items={[...project.timeline].reverse().map((e, i) => ({
                  key: i,
                  color: i === 0 ? 'blue' : 'gray',
                  content: (
                    <>
                      <div>
                        {e.from ? `${name(e.from)} → ` : ''}
                        <strong>{name(e.to)}</strong>
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {cityTime(e.at, lang)} · {e.by ? e.by.displayName : t('projects.system')}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
