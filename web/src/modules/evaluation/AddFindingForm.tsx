// Recording a finding of an engagement: the text, its severity, the office responsible (a
// division, picked by name) and when it is due.
import { Button, Form, Input, Select } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import DivisionPicker from '../../app/DivisionPicker.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { addFinding } from './api.ts';
import { SEVERITIES, type NewFinding, type Severity } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

type Values = { text: string; severity: Severity; responsibleDivision: string; dueOn: string };

export default function AddFindingForm({ engagementId, onAdded }: { engagementId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const add = useMutation({
    mutationFn: (body: NewFinding) => addFinding(engagementId, body),
    onSuccess: () => {
      form.resetFields();
      onAdded();
    },
  });
  const required = { required: true, message: t('evaluation.required') };
  return (
    <>
      <Form<Values>
        form={form}
        layout="inline"
        style={{ marginTop: 12, rowGap: 8 }}
        initialValues={{ severity: 'medium' }}
        onFinish={(v) =>
          add.mutate({
            text: v.text.trim(),
            severity: v.severity,
            responsibleDivision: v.responsibleDivision,
            dueOn: v.dueOn,
          })
        }
      >
        <Form.Item name="text" rules={[{ ...required, whitespace: true }]}>
          <Input placeholder={t('evaluation.findings.text')} style={{ width: 260 }} maxLength={2000} data-testid="finding-text" />
        </Form.Item>
        <Form.Item name="severity" rules={[required]}>
          <Select style={{ width: 90 }} options={SEVERITIES.map((s) => ({ value: s, label: t(`evaluation.severities.${s}`) }))} />
        </Form.Item>
        <Form.Item name="responsibleDivision" rules={[required]}>
          <DivisionPicker
            levels={['city', 'district', 'subdistrict', 'community']}
            placeholder={t('evaluation.findings.office')}
            testId="finding-office"
            style={{ width: 180 }}
          />
        </Form.Item>
        <Form.Item name="dueOn" rules={[required]}>
          <DateField placeholder={t('evaluation.findings.dueOn')} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending} data-testid="finding-add">
          {t('evaluation.findings.add')}
        </Button>
      </Form>
      {add.isError && (
        <ProblemAlert title={t('evaluation.findings.addFailed')} error={add.error} testId="finding-problem" onClose={() => add.reset()} />
      )}
    </>
  );
}
