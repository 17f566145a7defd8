// The gates of the move to the next stage (✓ or unmet with what would satisfy it) and the
// "advance" button; a 409 lists every unmet gate the server reported. Each gate is labelled
// from i18n by its code; the server's message and remedy, worded in the interface's language, follow as detail.
import { Alert, Button, Card, List, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import { advanceProject, projectKeys } from './api.ts';
import type { Gate, ProjectDetail } from './types.ts';
import { useStages } from './useStages.ts';

export default function GatesCard({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { name } = useStages();
  const client = useQueryClient();
  const advance = useMutation({
    mutationFn: (to: string) => advanceProject(project.id, to),
    onSuccess: (next) => {
      client.setQueryData(projectKeys.project(project.id), next);
      void client.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
  const err = advance.error;
  const unmet: Gate[] = err instanceof ApiError && err.status === 409 ? ((err.problem.unmetGates as Gate[] | undefined) ?? []) : [];

  if (!project.nextStage) {
    return (
      <Card size="small" title={t('projects.gates')}>
        <Typography.Text type="secondary">{t('projects.finalStage')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card size="small" title={t('projects.gatesTo', { stage: name(project.nextStage) })} data-testid="project-gates">
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {project.gates.length === 0 ? (
          <Typography.Text type="secondary">{t('projects.noGates')}</Typography.Text>
        ) : (
          <List
            size="small"
            dataSource={project.gates}
            renderItem={(g) => (
              <List.Item data-testid="gate" data-code={g.code} data-satisfied={String(!!g.satisfied)}>
                <Space align="start">
                  {g.satisfied ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <CloseCircleFilled style={{ color: '#ff4d4f' }} />}
                  <div>
                    <div data-testid="gate-label">{t(`gates.${g.code}`, { defaultValue: t('gates.serverDetail') })}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="gate-detail">
                      {g.message}
                    </Typography.Text>
                    {!g.satisfied && g.satisfy && (
                      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                        {t('projects.satisfy')}：{g.satisfy}
                      </Typography.Text>
                    )}
                  </div>
                </Space>
              </List.Item>
            )}
          />
        )}
        {can('projects.advance') && (
          <Button type="primary" data-testid="advance" loading={advance.isPending} onClick={() => advance.mutate(project.nextStage!)}>
            {t('projects.advance', { stage: name(project.nextStage) })}
          </Button>
        )}
        {err && unmet.length > 0 && (
          <Alert
            type="error"
            showIcon
            data-testid="unmet-gates"
            title={t('projects.unmetTitle')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {unmet.map((g) => (
                  <li key={g.code}>
                    <strong>{t(`gates.${g.code}`, { defaultValue: t('gates.serverDetail') })}</strong>
                    <div style={{ fontSize: 12 }}>
                      {g.message}
                      {g.satisfy ? `（${t('projects.satisfy')}：${g.satisfy}）` : ''}
                    </div>
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {err && unmet.length === 0 && <Alert type="error" showIcon title={errorMessage(err)} />}
      </Space>
    </Card>
  );
}
