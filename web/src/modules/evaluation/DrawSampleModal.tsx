// 抽取样本: the agency (an institution on the list), the kind, the year, the title, the sample
// size and an optional seed. The seed is recorded with the draw so anyone can reproduce it.
import { App, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { drawSampleSurvey, evaluationKeys, fetchInstitutions } from './api.ts';
import { SAMPLE_KINDS, type NewSampleSurvey, type SampleKind, type SampleSurveyDetail } from './sampleTypes.ts';

type Values = { institutionId: string; kind: SampleKind; year: number; title: string; totalSize: number; seed?: string };

export default function DrawSampleModal({ onClose, onDrawn }: { onClose: () => void; onDrawn: (s: SampleSurveyDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  // The same options query as the engagement form, so both share one cached list.
  const institutions = useQuery({
    queryKey: [...evaluationKeys.institutions, 'options'],
    queryFn: () => fetchInstitutions({ limit: 200 }),
  });
  const { form, save, modalProps } = useFormModal<Values, NewSampleSurvey, SampleSurveyDetail>({
    mutationFn: drawSampleSurvey,
    onDone: (s) => {
      void message.success(t('evaluation.sample.drawn', { count: s.totalSize }));
      void client.invalidateQueries({ queryKey: evaluationKeys.samples });
      onDrawn(s);
    },
    onClose,
    submitTestId: 'sample-submit',
  });
  const submit = (v: Values) =>
    save.mutate({
      institutionId: v.institutionId,
      kind: v.kind,
      year: v.year,
      title: v.title.trim(),
      totalSize: v.totalSize,
      seed: v.seed?.trim() || null,
    });
  const required = { required: true, message: t('evaluation.required') };
  return (
    <Modal open title={t('evaluation.sample.draw')} width={600} {...modalProps}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'satisfaction', year: new Date().getFullYear() }}
        onFinish={submit}
      >
        <Form.Item name="institutionId" label={t('evaluation.sample.institution')} rules={[required]}>
          <Select
            data-testid="sample-institution"
            loading={institutions.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            // Institutions of kind "other" are refused by the server as agencies.
            options={institutions.data?.items.filter((i) => i.kind !== 'other').map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('evaluation.sample.kind')} rules={[required]}>
          <Radio.Group options={SAMPLE_KINDS.map((k) => ({ value: k, label: t(`evaluation.sample.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="year" label={t('evaluation.sample.year')} rules={[required]}>
          <InputNumber data-testid="sample-year" min={2000} max={2100} precision={0} />
        </Form.Item>
        <Form.Item name="title" label={t('evaluation.sample.title')} rules={[{ ...required, whitespace: true }]}>
          <Input data-testid="sample-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="totalSize" label={t('evaluation.sample.size')} rules={[required]} extra={t('evaluation.sample.sizeHint')}>
          <InputNumber data-testid="sample-size" min={1} max={100_000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="seed"
          label={t('evaluation.sample.seed')}
          extra={<Typography.Text type="secondary">{t('evaluation.sample.seedHint')}</Typography.Text>}
          rules={[{ pattern: /^[0-9A-Za-z_.:-]{1,64}$/, message: t('evaluation.sample.seedInvalid') }]}
        >
          <Input data-testid="sample-seed" maxLength={64} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('evaluation.sample.drawFailed')} error={save.error} testId="sample-problem" />}
    </Modal>
  );
}
