// 发起问卷 (surveys.manage): kind, title and the questions (single / multiple choice, scale, text;
// required or not). Options of a baseline survey may name a third-level indicator, so a household
// choosing them records a need. Question ids and option codes are made from their order (q1, o1…).
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useFormModal } from '../../app/useFormModal.ts';
import { CATALOGUE_STALE, catalogueKeys, fetchIndicators } from '../catalogue/index.ts';
import { openSurvey } from './api.ts';
import { SURVEY_KINDS, type NewSurvey, type Question, type SurveyKind } from './types.ts';

const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const;

interface OptionValues {
  label: string;
  indicatorCode?: string;
}
interface QuestionValues {
  type: Question['type'];
  text: string;
  required: boolean;
  options?: OptionValues[];
  min?: number;
  max?: number;
  maxLength?: number;
}
interface Values {
  kind: SurveyKind;
  title: string;
  questions: QuestionValues[];
}

const blankQuestion = (): QuestionValues => ({ type: 'single', text: '', required: true, options: [{ label: '' }, { label: '' }] });

/** The definition the server takes, from the form's values. */
export function toDefinition(v: Values): NewSurvey {
  return {
    kind: v.kind,
    title: v.title.trim(),
    questions: v.questions.map((q, i) => {
      const base = { id: `q${i + 1}`, type: q.type, text: q.text.trim(), required: !!q.required };
      if (q.type === 'single' || q.type === 'multiple')
        return {
          ...base,
          options: (q.options ?? []).map((o, j) => ({
            code: `o${j + 1}`,
            label: o.label.trim(),
            ...(v.kind === 'baseline' && o.indicatorCode ? { indicatorCode: o.indicatorCode } : {}),
          })),
        };
      if (q.type === 'scale') return { ...base, min: q.min ?? 1, max: q.max ?? 5 };
      return q.maxLength ? { ...base, maxLength: q.maxLength } : base;
    }),
  };
}

interface Props {
  projectId: string;
  open: boolean;
  onClose: () => void;
  onOpened: (id: string) => void;
}

export default function OpenSurveyModal({ projectId, open, onClose, onOpened }: Props) {
  const { t, i18n } = useTranslation();
  const { form, save, modalProps } = useFormModal<Values, NewSurvey, { id: string }>({
    mutationFn: (input) => openSurvey(projectId, input),
    onDone: (res) => onOpened(res.id),
    onClose,
    submitTestId: 'survey-open-submit',
  });
  const kind = Form.useWatch('kind', form);
  const indicators = useQuery({
    queryKey: catalogueKeys.indicators(undefined),
    queryFn: () => fetchIndicators(),
    staleTime: CATALOGUE_STALE,
    enabled: open && kind === 'baseline',
  });
  const leafOptions = (indicators.data?.items ?? [])
    .filter((x) => x.level === 3)
    .map((x) => ({ value: x.code, label: `${x.code} ${i18n.language === 'en' ? x.nameEn : x.name}` }));
  const required = { required: true, whitespace: true, message: t('participation.builder.fieldRequired') };

  return (
    <Modal open={open} width={760} title={t('participation.builder.title')} okText={t('participation.builder.submit')} {...modalProps}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'baseline', questions: [blankQuestion()] }}
        onFinish={(v) => save.mutate(toDefinition(v))}
      >
        <Space wrap size={12} align="start" style={{ width: '100%' }}>
          <Form.Item name="kind" label={t('participation.builder.kind')} rules={[{ required: true }]}>
            <Select
              data-testid="survey-kind"
              style={{ width: 180 }}
              options={SURVEY_KINDS.map((k) => ({ value: k, label: t(`participation.surveys.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t('participation.builder.surveyTitle')} rules={[required]} style={{ minWidth: 360, flex: 1 }}>
            <Input data-testid="survey-title" maxLength={200} />
          </Form.Item>
        </Space>
        {kind === 'baseline' && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('participation.builder.indicatorHint')}
          </Typography.Paragraph>
        )}
        <Form.List
          name="questions"
          rules={[
            {
              validator: async (_, qs: unknown[] | undefined) => {
                if (!qs?.length) throw new Error(t('participation.builder.atLeastOne'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {fields.map((field, i) => (
                <QuestionEditor
                  key={field.key}
                  name={field.name}
                  index={i}
                  baseline={kind === 'baseline'}
                  indicatorOptions={leafOptions}
                  indicatorsLoading={indicators.isFetching}
                  onRemove={() => remove(field.name)}
                />
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(blankQuestion())} data-testid="survey-add-question">
                {t('participation.builder.addQuestion')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Space>
          )}
        </Form.List>
      </Form>
      {save.isError && (
        <div style={{ marginTop: 12 }}>
          <ProblemAlert title={t('participation.builder.failed')} error={save.error} testId="survey-open-problem" />
        </div>
      )}
    </Modal>
  );
}

interface EditorProps {
  name: number;
  index: number;
  baseline: boolean;
  indicatorOptions: { value: string; label: string }[];
  indicatorsLoading: boolean;
  onRemove: () => void;
}

function QuestionEditor({ name, index, baseline, indicatorOptions, indicatorsLoading, onRemove }: EditorProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<Values>();
  const type = Form.useWatch(['questions', name, 'type'], form) as Question['type'] | undefined;
  const required = { required: true, whitespace: true, message: t('participation.builder.fieldRequired') };
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`survey-question-${index}`}
      title={t('participation.builder.question', { n: index + 1 })}
      extra={
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} data-testid={`survey-question-${index}-remove`}>
          {t('participation.builder.remove')}
        </Button>
      }
    >
      <Space wrap size={12} align="start" style={{ width: '100%' }}>
        <Form.Item name={[name, 'type']} label={t('participation.builder.type')} rules={[{ required: true }]}>
          <Select
            data-testid={`survey-question-${index}-type`}
            style={{ width: 140 }}
            options={QUESTION_TYPES.map((k) => ({ value: k, label: t(`participation.builder.types.${k}`) }))}
            onChange={(next: Question['type']) => {
              if ((next === 'single' || next === 'multiple') && !form.getFieldValue(['questions', name, 'options'])?.length)
                form.setFieldValue(['questions', name, 'options'], [{ label: '' }, { label: '' }]);
              if (next === 'scale' && form.getFieldValue(['questions', name, 'min']) === undefined) {
                form.setFieldValue(['questions', name, 'min'], 1);
                form.setFieldValue(['questions', name, 'max'], 5);
              }
            }}
          />
        </Form.Item>
        <Form.Item name={[name, 'required']} label={t('participation.builder.required')} valuePropName="checked">
          <Switch data-testid={`survey-question-${index}-required`} />
        </Form.Item>
      </Space>
      <Form.Item name={[name, 'text']} label={t('participation.builder.text')} rules={[required]}>
        <Input data-testid={`survey-question-${index}-text`} maxLength={500} />
      </Form.Item>
      {(type === 'single' || type === 'multiple') && (
        <Form.List
          name={[name, 'options']}
          rules={[
            {
              validator: async (_, os: unknown[] | undefined) => {
                if (!os || os.length < 2) throw new Error(t('participation.builder.atLeastTwo'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div>
              <Typography.Text type="secondary">{t('participation.builder.options')}</Typography.Text>
              {fields.map((f, j) => (
                <Space key={f.key} align="start" wrap style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'label']} rules={[required]} style={{ marginBottom: 0 }}>
                    <Input
                      data-testid={`survey-question-${index}-option-${j}`}
                      placeholder={t('participation.builder.option')}
                      maxLength={200}
                      style={{ width: 240 }}
                    />
                  </Form.Item>
                  {baseline && (
                    <Form.Item name={[f.name, 'indicatorCode']} style={{ marginBottom: 0 }}>
                      <Select
                        allowClear
                        showSearch={{ optionFilterProp: 'label' }}
                        loading={indicatorsLoading}
                        data-testid={`survey-question-${index}-option-${j}-indicator`}
                        placeholder={t('participation.builder.indicator')}
                        options={indicatorOptions}
                        style={{ width: 280 }}
                        popupMatchSelectWidth={false}
                      />
                    </Form.Item>
                  )}
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={t('participation.builder.remove')}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button
                type="link"
                icon={<PlusOutlined />}
                onClick={() => add({ label: '' })}
                data-testid={`survey-question-${index}-add-option`}
                style={{ paddingInline: 0 }}
              >
                {t('participation.builder.addOption')}
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
      )}
      {type === 'scale' && (
        <Space wrap size={12} align="start">
          <Form.Item
            name={[name, 'min']}
            label={t('participation.builder.min')}
            rules={[{ required: true, message: t('participation.builder.fieldRequired') }]}
          >
            <InputNumber precision={0} data-testid={`survey-question-${index}-min`} />
          </Form.Item>
          <Form.Item
            name={[name, 'max']}
            label={t('participation.builder.max')}
            dependencies={[['questions', name, 'min']]}
            rules={[
              { required: true, message: t('participation.builder.fieldRequired') },
              {
                validator: async (_, max: number | undefined) => {
                  const min = form.getFieldValue(['questions', name, 'min']) as number | undefined;
                  if (max !== undefined && min !== undefined && (max <= min || max - min > 100))
                    throw new Error(t('participation.builder.minMax'));
                },
              },
            ]}
          >
            <InputNumber precision={0} data-testid={`survey-question-${index}-max`} />
          </Form.Item>
        </Space>
      )}
      {type === 'text' && (
        <Form.Item name={[name, 'maxLength']} label={t('participation.builder.maxLength')}>
          <InputNumber min={1} max={2000} precision={0} placeholder="2000" data-testid={`survey-question-${index}-maxlength`} />
        </Form.Item>
      )}
    </Card>
  );
}
