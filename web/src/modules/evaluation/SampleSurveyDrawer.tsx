// One sample survey: its recorded design (agency, seed, rule version), closing it (evaluation.manage),
// the results and the drawn households the agency answers for.
import { App, Button, Descriptions, Drawer, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { formatAt } from '../participation/index.ts';
import { closeSampleSurvey, evaluationKeys, fetchSampleSurvey } from './api.ts';
import SampleHouseholds from './SampleHouseholds.tsx';
import SampleResultsCard from './SampleResultsCard.tsx';
import { SAMPLE_STATUS_COLORS, type SampleSurveyDetail } from './sampleTypes.ts';

export default function SampleSurveyDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: evaluationKeys.sample(id ?? ''), queryFn: () => fetchSampleSurvey(id!), enabled: !!id });
  return (
    <Drawer open={!!id} onClose={onClose} size={1000} title={query.data?.title ?? t('evaluation.sample.detail')} destroyOnHidden>
      {query.isPending ? (
        <Skeleton active />
      ) : query.isError ? (
        <ProblemAlert title={t('common.error')} error={query.error} testId="sample-error" />
      ) : (
        <SurveyBody survey={query.data} />
      )}
    </Drawer>
  );
}

function SurveyBody({ survey: s }: { survey: SampleSurveyDetail }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const client = useQueryClient();
  const manage = can('evaluation.manage');
  const close = useMutation({
    mutationFn: () => closeSampleSurvey(s.id),
    onSuccess: (closed) => {
      void message.success(t('evaluation.sample.closed'));
      client.setQueryData(evaluationKeys.sample(s.id), closed);
      void client.invalidateQueries({ queryKey: evaluationKeys.samples });
    },
  });
  const r = s.results;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="sample-detail" data-id={s.id} data-status={s.status}>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label={t('evaluation.sample.institution')}>{s.institution.name}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.sample.kind')}>{`${s.year} · ${t(`evaluation.sample.kinds.${s.kind}`)}`}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.sample.seed')}>
          <Typography.Text code copyable data-testid="sample-seed-value">
            {s.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('evaluation.sample.rule')}>
          <Typography.Text code data-testid="sample-rule">{`${s.rule.key} v${s.rule.version}`}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item
          label={t('evaluation.sample.size')}
        >{`${s.totalSize} / ${t('evaluation.sample.frame')} ${s.frameSize}`}</Descriptions.Item>
        <Descriptions.Item
          label={t('evaluation.sample.drawnAt')}
        >{`${formatAt(s.createdAt, i18n.language)} · ${s.createdBy}`}</Descriptions.Item>
        <Descriptions.Item label={t('evaluation.sample.status')}>
          <Space wrap>
            <Tag color={SAMPLE_STATUS_COLORS[s.status]}>{t(`evaluation.sample.statuses.${s.status}`)}</Tag>
            {s.closedAt && <span>{`${t('evaluation.sample.closedAt')} ${formatAt(s.closedAt, i18n.language)}`}</span>}
            {manage && s.status !== 'closed' && (
              <Popconfirm title={t('evaluation.sample.closeConfirm')} onConfirm={() => close.mutate()}>
                <Button size="small" danger loading={close.isPending} data-testid="sample-close">
                  {t('evaluation.sample.close')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('evaluation.sample.answered')}>
          <span data-testid="sample-answered" data-answered={r.sampled - pendingOf(s)} data-responded={r.responded}>
            {t('evaluation.sample.answeredLine', { answered: r.sampled - pendingOf(s), sampled: r.sampled, responded: r.responded })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {close.isError && (
        <ProblemAlert
          title={t('evaluation.sample.closeFailed')}
          error={close.error}
          testId="sample-close-problem"
          onClose={() => close.reset()}
        />
      )}
      <SampleResultsCard survey={s} />
      <SampleHouseholds survey={s} />
    </Space>
  );
}

/** Households drawn but not entered yet, over all districts. */
const pendingOf = (s: SampleSurveyDetail) => s.results.strata.reduce((n, x) => n + x.pending, 0);
