// 成效: the seven outcome figures of the project and the form that records them.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { formatDecimal } from '../../app/money.ts';
import { useAuth } from '../accounts/index.ts';
import { fetchOutcomes, projectKeys } from './api.ts';
import OutcomesModal from './OutcomesModal.tsx';
import { OUTCOME_AREAS, OUTCOME_FIELDS, type ProjectDetail } from './types.ts';
import { cityTime } from '../../app/time.ts';

export default function OutcomesTab({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: projectKeys.outcomes(project.id), queryFn: () => fetchOutcomes(project.id) });

  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.isError) return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />;
  const o = query.data;
  const at = o.updatedAt ? cityTime(o.updatedAt, i18n.language) : null;

  return (
    <Card
      size="small"
      title={t('outcomes.title')}
      data-testid="outcomes-tab"
      data-recorded={String(o.recorded)}
      extra={
        can('projects.write') && (
          <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="outcomes-edit">
            {t('outcomes.edit')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {!o.recorded ? (
          <Alert type="info" showIcon title={t('outcomes.notRecorded')} />
        ) : (
          <Typography.Text type="secondary">{t('outcomes.updatedAt', { at })}</Typography.Text>
        )}
        <Row gutter={[12, 12]}>
          {OUTCOME_FIELDS.map((f) => {
            const area = (OUTCOME_AREAS as readonly string[]).includes(f);
            const value = String(o[f]);
            return (
              <Col xs={12} md={8} xl={6} key={f}>
                <Card size="small">
                  <Statistic
                    title={t(`outcomes.fields.${f}`)}
                    valueRender={() => (
                      <span data-testid={`outcome-${f}`} data-value={value} style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {area ? formatDecimal(value) : Number(value).toLocaleString(i18n.language === 'en' ? 'en-US' : 'zh-CN')}
                      </span>
                    )}
                  />
                </Card>
              </Col>
            );
          })}
        </Row>
      </Space>
      <OutcomesModal
        open={editing}
        outcomes={o}
        onClose={() => setEditing(false)}
        onSaved={(next) => {
          client.setQueryData(projectKeys.outcomes(project.id), next);
          void client.invalidateQueries({ queryKey: ['yearplan'] });
          void message.success(t('outcomes.saved'));
        }}
      />
    </Card>
  );
}
