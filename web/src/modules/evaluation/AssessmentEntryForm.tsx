// Assessor entries for a draft year (assessment.enter): the score of an indicator the records
// cannot give, with its evidence, or bonus points for a district with the reason. The server
// checks each against the scheme (422 with the field) and refuses a published year (409).
import { App, Button, Card, Col, Form, Input, Row, Segmented, Select } from 'antd';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { enterAssessment, evaluationKeys } from './api.ts';
import type { Assessment, BonusInput, IndicatorEntry } from './types.ts';

const POINTS = /^\d{1,6}(\.\d{1,2})?$/;

interface Props {
  assessment: Assessment;
  indicatorName: (code: string) => string;
  grounds: { code: string; name: string }[];
  groundName: (code: string) => string;
}

type Values = { districtCode: string; code: string; points: string; text: string };

export default function AssessmentEntryForm({ assessment, indicatorName, grounds, groundName }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [kind, setKind] = useState<'indicator' | 'bonus'>('indicator');
  const [form] = Form.useForm<Values>();
  // What an assessor may enter is what the draft shows as entered (the scheme's other indicators come from the records).
  const enterable = [
    ...new Set(assessment.districts.flatMap((d) => d.indicators.filter((i) => i.provenance.basis === 'entered').map((i) => i.code))),
  ];
  const save = useMutation({
    mutationFn: (body: { indicators?: IndicatorEntry[]; bonus?: BonusInput[] }) => enterAssessment(assessment.year, body),
    onSuccess: (next) => {
      client.setQueryData(evaluationKeys.assessment(assessment.year), next);
      void message.success(t('evaluation.assessment.entered'));
      form.resetFields(['points', 'text']);
    },
  });
  const submit = (v: Values) =>
    save.mutate(
      kind === 'indicator'
        ? { indicators: [{ districtCode: v.districtCode, code: v.code, score: v.points, evidence: v.text.trim() }] }
        : { bonus: [{ districtCode: v.districtCode, ground: v.code, points: v.points, reason: v.text.trim() }] },
    );
  const codes =
    kind === 'indicator'
      ? enterable.map((c) => ({ value: c, label: `${c} ${indicatorName(c)}` }))
      : grounds.map((g) => ({ value: g.code, label: `${g.code} ${groundName(g.code)}` }));

  return (
    <Card size="small" title={t('evaluation.assessment.enterTitle')} className="no-print" data-testid="assessment-entry">
      <Segmented<'indicator' | 'bonus'>
        value={kind}
        onChange={(v) => {
          setKind(v);
          form.resetFields(['code']);
          save.reset();
        }}
        options={[
          { value: 'indicator', label: t('evaluation.assessment.enterIndicator') },
          { value: 'bonus', label: t('evaluation.assessment.enterBonus') },
        ]}
        style={{ marginBottom: 12 }}
      />
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={() => save.isError && save.reset()}>
        <Row gutter={12}>
          <Col xs={24} md={6}>
            <Form.Item
              name="districtCode"
              label={t('evaluation.assessment.district')}
              rules={[{ required: true, message: t('evaluation.required') }]}
            >
              <Select
                data-testid="entry-district"
                showSearch={{ optionFilterProp: 'label' }}
                options={assessment.districts.map((d) => ({ value: d.districtCode, label: d.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item
              name="code"
              label={kind === 'indicator' ? t('evaluation.assessment.indicator') : t('evaluation.assessment.ground')}
              rules={[{ required: true, message: t('evaluation.required') }]}
            >
              <Select data-testid="entry-code" options={codes} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item
              name="points"
              label={kind === 'indicator' ? t('evaluation.assessment.score') : t('evaluation.assessment.points')}
              rules={[
                { required: true, message: t('evaluation.required') },
                { pattern: POINTS, message: t('evaluation.assessment.pointsInvalid') },
              ]}
            >
              <Input data-testid="entry-points" inputMode="decimal" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="text"
              label={kind === 'indicator' ? t('evaluation.assessment.evidence') : t('evaluation.assessment.reason')}
              rules={[{ required: true, whitespace: true, message: t('evaluation.required') }]}
            >
              <Input data-testid="entry-text" maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="entry-submit">
          {t('evaluation.assessment.enterSubmit')}
        </Button>
      </Form>
      {save.isError && (
        <ProblemAlert
          title={t('evaluation.assessment.enterFailed')}
          error={save.error}
          testId="entry-problem"
          onClose={() => save.reset()}
        />
      )}
    </Card>
  );
}
