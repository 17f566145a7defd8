// 答卷汇总: per question, how many households answered and the counts per option or scale
// value, as the API aggregates them (never one household's answers).
import { Alert, Card, Empty, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import { fetchSurvey, participationKeys } from './api.ts';
import { percent } from './format.ts';
import type { SurveySummary } from './types.ts';

export default function SurveyResults({ survey }: { survey: SurveySummary }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: participationKeys.survey(survey.id), queryFn: () => fetchSurvey(survey.id) });

  let body;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (query.isError) body = <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />;
  else if (!query.data.results) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participation.results.none')} />;
  else {
    const detail = query.data;
    const results = new Map((detail.results ?? []).map((r) => [r.questionId, r]));
    body = (
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('participation.results.hint')}</Typography.Text>
        {detail.questions.map((q, i) => {
          const r = results.get(q.id);
          const answered = r?.answered ?? 0;
          return (
            <div key={q.id} data-testid={`result-${q.id}`} data-answered={answered}>
              <Space wrap>
                <Typography.Text strong>
                  {i + 1}. {q.text}
                </Typography.Text>
                <Tag>{t(`participation.results.types.${q.type}`)}</Tag>
                <Typography.Text type="secondary">{t('participation.results.answered', { count: answered })}</Typography.Text>
              </Space>
              {q.type === 'text' && (
                <div>
                  <Typography.Text type="secondary">{t('participation.results.textHidden')}</Typography.Text>
                </div>
              )}
              {(q.options ?? []).map((o) => {
                const n = r?.options?.find((x) => x.code === o.code)?.count ?? 0;
                return (
                  <div key={o.code} style={row} data-testid={`result-${q.id}-${o.code}`} data-count={n}>
                    <span style={label}>{o.label}</span>
                    <Progress percent={percent(n, answered)} format={() => n} style={{ flex: 1, margin: 0 }} />
                  </div>
                );
              })}
              {q.type === 'scale' &&
                (r?.values ?? []).map((v) => (
                  <div key={v.value} style={row} data-testid={`result-${q.id}-${v.value}`} data-count={v.count}>
                    <span style={label}>{v.value}</span>
                    <Progress percent={percent(v.count, answered)} format={() => v.count} style={{ flex: 1, margin: 0 }} />
                  </div>
                ))}
            </div>
          );
        })}
      </Space>
    );
  }
  return (
    <Card size="small" title={t('participation.results.title')} data-testid="survey-results">
      {body}
    </Card>
  );
}

const row = { display: 'flex', alignItems: 'center', gap: 12, maxWidth: 640 } as const;
const label = { width: 160, flex: 'none' } as const;
