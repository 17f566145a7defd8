// 填报成效: counts as whole numbers, areas as decimal strings with at most two places
// (sent normalised to two). A 400 marks each field the server names.
import { Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import { hundredthsToString, parseHundredths } from '../../app/money.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { saveOutcomes } from './api.ts';
import { OUTCOME_AREAS, OUTCOME_FIELDS, type OutcomeFigures, type Outcomes } from './types.ts';

const AREA = /^\d{1,10}(\.\d{1,2})?$/;
const isArea = (f: string): f is (typeof OUTCOME_AREAS)[number] => (OUTCOME_AREAS as readonly string[]).includes(f);

interface Props {
  open: boolean;
  outcomes: Outcomes;
  onClose: () => void;
  onSaved: (next: Outcomes) => void;
}

/** The rule that refused the figures (outcomes.area_plausibility), by its name in the reader's language. */
function RuleNamed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const rule = error instanceof ApiError ? (error.problem.rule as { name?: unknown } | undefined) : undefined;
  if (typeof rule?.name !== 'string') return null;
  return (
    <div data-testid="outcomes-error-rule" style={{ marginTop: 4, fontWeight: 500 }}>
      {t('trust.outcomes.rule', { name: rule.name })}
    </div>
  );
}

export default function OutcomesModal({ open, outcomes, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<OutcomeFigures>();
  const save = useMutation({
    mutationFn: (body: OutcomeFigures) => saveOutcomes(outcomes.projectId, body),
    onSuccess: (next) => {
      onSaved(next);
      onClose();
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const fields = (err.problem.errors ?? [])
        .map((e) => ({ name: (e.path ?? '').replace(/^body\./, ''), errors: [e.message] }))
        .filter((f) => (OUTCOME_FIELDS as readonly string[]).includes(f.name));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    },
  });

  const submit = (v: OutcomeFigures) => {
    const body = { ...v };
    for (const f of OUTCOME_AREAS) body[f] = hundredthsToString(parseHundredths(String(v[f]))!);
    save.mutate(body);
  };

  return (
    <Modal
      open={open}
      title={t('outcomes.edit')}
      width={640}
      onCancel={onClose}
      destroyOnHidden
      okText={t('outcomes.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'outcomes-submit' }}
      onOk={() => form.submit()}
    >
      <Form<OutcomeFigures> form={form} layout="vertical" initialValues={outcomes} onFinish={submit} data-testid="outcomes-form">
        <Row gutter={12}>
          {OUTCOME_FIELDS.map((f) => (
            <Col xs={24} sm={12} key={f}>
              {isArea(f) ? (
                <Form.Item
                  name={f}
                  label={t(`outcomes.fields.${f}`)}
                  rules={[{ required: true, pattern: AREA, message: t('outcomes.areaInvalid') }]}
                  normalize={(v: string) => v.trim()}
                >
                  <Input inputMode="decimal" data-testid={`outcome-input-${f}`} suffix="㎡" />
                </Form.Item>
              ) : (
                <Form.Item name={f} label={t(`outcomes.fields.${f}`)} rules={[{ required: true, message: t('outcomes.countInvalid') }]}>
                  <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: '100%' }} data-testid={`outcome-input-${f}`} />
                </Form.Item>
              )}
            </Col>
          ))}
        </Row>
        {save.isError && (
          <ProblemAlert
            testId="outcomes-error"
            title={t('outcomes.saveFailed')}
            error={save.error}
            extra={<RuleNamed error={save.error} />}
          />
        )}
      </Form>
    </Modal>
  );
}
