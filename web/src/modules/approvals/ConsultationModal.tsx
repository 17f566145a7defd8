// 记录联合会商: date, lead department, departments present, the minutes, and the decisions per
// step (simplified citing a line picked from the minutes, and/or the materials the step needs).
// A 422 marks the fields it names and lists every error.
import { Button, Card, Form, Input, Modal, Select, Space, Switch } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { recordConsultation } from './api.ts';
import { DEPARTMENTS, MATERIALS, type ApprovalStep, type Consultation, type NewConsultation } from './types.ts';
import { DateField } from '../../app/DateTimeField.tsx';

type DecisionInput = NonNullable<NewConsultation['decisions']>[number];

interface DecisionDraft {
  step?: DecisionInput['step'];
  simplified?: boolean;
  minute?: string;
  requiredMaterials?: NonNullable<DecisionInput['requiredMaterials']>;
}

interface Draft {
  date: string;
  leadDepartment: NewConsultation['leadDepartment'];
  departments: NewConsultation['departments'];
  minutes?: string;
  decisions?: DecisionDraft[];
}

interface Props {
  open: boolean;
  projectId: string;
  steps: ApprovalStep[];
  onClose: () => void;
  onRecorded: (c: Consultation) => void;
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The lines of the minutes a decision may quote (the server checks the quotation). */
export const minuteLines = (minutes: string | undefined) =>
  (minutes ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export default function ConsultationModal({ open, projectId, steps, onClose, onRecorded }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Draft>();
  const minutes = Form.useWatch('minutes', form);
  const decisions = Form.useWatch('decisions', form);
  const lines = minuteLines(minutes);
  const record = useMutation({
    mutationFn: (body: NewConsultation) => recordConsultation(projectId, body),
    onSuccess: (c) => {
      onRecorded(c);
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const names = new Set(['date', 'leadDepartment', 'departments', 'minutes']);
      const fields = (err.problem.errors ?? []).flatMap((e) => {
        const path = (e.path ?? '')
          .replace(/^body\.?/, '')
          .split('.')
          .filter(Boolean);
        const name = path.map((x) => (/^\d+$/.test(x) ? Number(x) : x));
        if (name.length === 1 && names.has(String(name[0]))) return [{ name, errors: [e.message] }];
        if (name[0] === 'decisions' && name.length >= 2)
          return [{ name: name.length === 2 ? [...name, 'step'] : name, errors: [e.message] }];
        return [];
      });
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    },
  });

  const submit = (v: Draft) =>
    record.mutate({
      date: v.date,
      leadDepartment: v.leadDepartment,
      departments: v.departments,
      minutes: v.minutes?.trim() || null,
      decisions: (v.decisions ?? []).map((d) => ({
        step: d.step!,
        simplified: !!d.simplified,
        minute: d.minute?.trim() || null,
        requiredMaterials: d.requiredMaterials?.length ? d.requiredMaterials : null,
      })),
    });

  const dept = DEPARTMENTS.map((d) => ({ value: d, label: t(`approvals.departments.${d}`) }));
  const required = [{ required: true, message: t('approvals.form.required') }];

  return (
    <Modal
      open={open}
      title={t('approvals.record')}
      width={760}
      onCancel={onClose}
      destroyOnHidden
      okText={t('approvals.record')}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'consultation-submit' }}
      onOk={() => form.submit()}
    >
      <Form<Draft>
        form={form}
        layout="vertical"
        data-testid="consultation-form"
        initialValues={{ date: today(), leadDepartment: 'housing', departments: ['housing'], decisions: [] }}
        onFinish={submit}
      >
        <Space size={12} wrap style={{ width: '100%' }}>
          <Form.Item name="date" label={t('approvals.form.date')} rules={required}>
            <DateField data-testid="consultation-date" style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="leadDepartment" label={t('approvals.form.lead')} rules={required}>
            <Select data-testid="consultation-lead" options={dept} style={{ width: 220 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="departments"
          label={t('approvals.form.departments')}
          dependencies={['leadDepartment']}
          rules={[
            ...required,
            ({ getFieldValue }) => ({
              validator: (_, value: string[] | undefined) =>
                !value?.length || value.includes(getFieldValue('leadDepartment') as string)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('approvals.form.leadAmong'))),
            }),
          ]}
        >
          <Select mode="multiple" data-testid="consultation-departments" options={dept} />
        </Form.Item>
        <Form.Item name="minutes" label={t('approvals.form.minutes')} extra={t('approvals.form.minutesHint')}>
          <Input.TextArea data-testid="consultation-minutes" autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {fields.map((f) => (
                <Card key={f.key} size="small" data-testid="decision" styles={{ body: { paddingBottom: 0 } }}>
                  <Space size={12} wrap align="start">
                    <Form.Item name={[f.name, 'step']} label={t('approvals.form.step')} rules={required}>
                      <Select
                        data-testid="decision-step"
                        style={{ width: 180 }}
                        options={steps.map((s) => ({ value: s.code, label: i18n.language === 'en' ? s.nameEn : s.nameZh }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'simplified']} label={t('approvals.form.simplified')} valuePropName="checked">
                      <Switch data-testid="decision-simplified" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }}>
                      {t('approvals.form.remove')}
                    </Button>
                  </Space>
                  {decisions?.[f.name]?.simplified && (
                    <Form.Item name={[f.name, 'minute']} label={t('approvals.form.minute')} rules={required}>
                      <Select
                        data-testid="decision-minute"
                        placeholder={t('approvals.form.minutePlaceholder')}
                        options={lines.map((l) => ({ value: l, label: l }))}
                      />
                    </Form.Item>
                  )}
                  <Form.Item name={[f.name, 'requiredMaterials']} label={t('approvals.form.materials')}>
                    <Select
                      mode="multiple"
                      data-testid="decision-materials"
                      options={MATERIALS.map((m) => ({ value: m, label: t(`approvals.materials.${m}`) }))}
                    />
                  </Form.Item>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ simplified: false })} data-testid="decision-add">
                {t('approvals.form.addDecision')}
              </Button>
            </Space>
          )}
        </Form.List>
        {record.isError && (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert testId="consultation-error" title={t('approvals.recordFailed')} error={record.error} />
          </div>
        )}
      </Form>
    </Modal>
  );
}
