// 新建评估委托: an institution, the kind, the title, the subject (a project or a division, each picked by
// name: issue 16, item 4) and the period.
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import DivisionPicker from '../../app/DivisionPicker.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { ProjectPicker } from '../projects/index.ts';
import { useFormModal } from '../../app/useFormModal.ts';
import { createEngagement, evaluationKeys, fetchInstitutions } from './api.ts';
import { ENGAGEMENT_KINDS, type Engagement, type EngagementKind, type NewEngagement } from './types.ts';
import { DateRangeField } from '../../app/DateTimeField.tsx';

type Values = {
  institutionId: string;
  kind: EngagementKind;
  title: string;
  subjectKind: 'project' | 'division';
  subject: string;
  period: [string, string];
};

export default function NewEngagementModal({ onClose, onCreated }: { onClose: () => void; onCreated: (e: Engagement) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const institutions = useQuery({
    queryKey: [...evaluationKeys.institutions, 'options'],
    queryFn: () => fetchInstitutions({ limit: 200 }),
  });
  const { form, save, modalProps } = useFormModal<Values, NewEngagement, Engagement>({
    mutationFn: createEngagement,
    onDone: (e) => {
      void message.success(t('evaluation.engagements.added'));
      void client.invalidateQueries({ queryKey: evaluationKeys.engagements });
      onCreated(e);
    },
    onClose,
    submitTestId: 'engagement-submit',
  });
  const subjectKind = Form.useWatch('subjectKind', form);
  const submit = (v: Values) =>
    save.mutate({
      institutionId: v.institutionId,
      kind: v.kind,
      title: v.title.trim(),
      subject: v.subjectKind === 'project' ? { projectId: v.subject } : { division: v.subject },
      periodFrom: v.period[0],
      periodTo: v.period[1],
    });
  const required = { required: true, message: t('evaluation.required') };
  return (
    <Modal open title={t('evaluation.engagements.add')} width={600} {...modalProps}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'performance_evaluation', subjectKind: 'division' }}
        onFinish={submit}
      >
        <Form.Item name="institutionId" label={t('evaluation.engagements.institution')} rules={[required]}>
          <Select
            data-testid="engagement-institution"
            loading={institutions.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={institutions.data?.items.map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('evaluation.engagements.kind')} rules={[required]}>
          <Radio.Group options={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: t(`evaluation.engagementKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('evaluation.engagements.title')} rules={[{ ...required, whitespace: true }]}>
          <Input data-testid="engagement-title" maxLength={200} />
        </Form.Item>
        <Form.Item name="subjectKind" label={t('evaluation.engagements.subject')}>
          <Radio.Group
            onChange={() => form.setFieldValue('subject', undefined)}
            options={[
              { value: 'division', label: t('evaluation.engagements.division') },
              { value: 'project', label: t('evaluation.engagements.project') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="subject"
          label={subjectKind === 'project' ? t('evaluation.engagements.project') : t('evaluation.engagements.division')}
          rules={[required]}
        >
          {subjectKind === 'project' ? (
            <ProjectPicker testId="engagement-subject" style={{ width: '100%' }} />
          ) : (
            <DivisionPicker
              levels={['city', 'district', 'subdistrict', 'community']}
              testId="engagement-subject"
              style={{ width: '100%' }}
            />
          )}
        </Form.Item>
        <Form.Item name="period" label={t('evaluation.engagements.period')} rules={[required]}>
          <DateRangeField data-testid="engagement-period" />
        </Form.Item>
      </Form>
      {save.isError && <ProblemAlert title={t('evaluation.engagements.addFailed')} error={save.error} testId="engagement-problem" />}
    </Modal>
  );
}
