// 纸质问卷录入: a community worker picks a household not yet reached, answers each question
// as the paper form says (or records a refusal) with the form's number, and posts it.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Skeleton, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { errorMessage } from '../../app/api.ts';
import type { ProjectDetail } from '../projects/index.ts';
import { fetchCoverage, fetchSurvey, participationKeys, postSurveyResponse } from './api.ts';
import type { Answer, Question, SurveyResponseInput, SurveySummary } from './types.ts';

interface Values {
  householdId?: string;
  channel: 'paper' | 'refused';
  sheetNo?: string;
  scanRef?: string;
  answers?: Record<string, Answer | undefined | null>;
}

export default function PaperResponseForm({ project, survey }: { project: ProjectDetail; survey: SurveySummary }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const channel = Form.useWatch('channel', form) ?? 'paper';
  const [lastSaved, setLastSaved] = useState<string | null>(null);
  const detail = useQuery({ queryKey: participationKeys.survey(survey.id), queryFn: () => fetchSurvey(survey.id) });
  const coverage = useQuery({ queryKey: participationKeys.coverage(survey.id), queryFn: () => fetchCoverage(survey.id) });

  const save = useMutation({
    mutationFn: (body: SurveyResponseInput) => postSurveyResponse(survey.id, body),
    onSuccess: async (answer, body) => {
      const h = coverage.data?.notReached.find((x) => x.householdId === body.householdId);
      const room = h ? t('participation.coverage.room', { building: h.building, unit: h.unit, room: h.room }) : body.householdId;
      const text = t('participation.paper.saved', { room }) + (answer.replaced ? t('participation.paper.replaced') : '');
      setLastSaved(text);
      void message.success(text);
      form.resetFields();
      await Promise.all([
        client.invalidateQueries({ queryKey: participationKeys.coverage(survey.id) }),
        client.invalidateQueries({ queryKey: participationKeys.survey(survey.id) }),
        client.invalidateQueries({ queryKey: participationKeys.surveys(project.id) }),
        client.invalidateQueries({ queryKey: ['projects', 'one', project.id] }),
      ]);
    },
  });

  if (survey.status === 'closed') {
    return (
      <Card size="small" title={t('participation.paper.title')} data-testid="paper-response">
        <Alert type="info" showIcon title={t('participation.paper.closed')} />
      </Card>
    );
  }
  if (detail.isPending || coverage.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (detail.isError || coverage.isError)
    return <Alert type="error" showIcon title={t('common.error')} description={errorMessage(detail.error ?? coverage.error)} />;

  const questions = detail.data.questions;
  const households = coverage.data.notReached;

  const submit = (v: Values) => {
    const answers: Record<string, Answer> = {};
    if (v.channel === 'paper') {
      for (const q of questions) {
        const a = v.answers?.[q.id];
        if (a === undefined || a === null || a === '' || (Array.isArray(a) && a.length === 0)) continue;
        answers[q.id] = a;
      }
    }
    const sheetNo = v.sheetNo?.trim() || undefined;
    const scanRef = v.scanRef?.trim() || undefined;
    save.mutate({
      householdId: v.householdId!,
      channel: v.channel,
      answers,
      evidence: sheetNo || scanRef ? { sheetNo, scanRef } : undefined,
    });
  };

  return (
    <Card size="small" title={t('participation.paper.title')} data-testid="paper-response">
      <Typography.Paragraph type="secondary">{t('participation.paper.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ channel: 'paper' }}
        onFinish={submit}
        onValuesChange={() => setLastSaved(null)}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="householdId"
          label={t('participation.paper.household')}
          rules={[{ required: true, message: t('participation.paper.required') }]}
        >
          <Select
            data-testid="paper-household"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('participation.paper.householdPlaceholder')}
            options={households.map((h) => ({
              value: h.householdId,
              label: t('participation.coverage.room', { building: h.building, unit: h.unit, room: h.room }),
            }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('participation.paper.channel')}>
          <Radio.Group data-testid="paper-channel" optionType="button" buttonStyle="solid">
            <Radio.Button value="paper" data-testid="paper-channel-paper">
              {t('participation.paper.channels.paper')}
            </Radio.Button>
            <Radio.Button value="refused" data-testid="paper-channel-refused">
              {t('participation.paper.channels.refused')}
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Space wrap size={12} align="start">
          <Form.Item
            name="sheetNo"
            label={t('participation.paper.sheetNo')}
            rules={[{ required: channel === 'paper', whitespace: true, message: t('participation.paper.required') }]}
          >
            <Input data-testid="paper-sheet" maxLength={40} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="scanRef" label={t('participation.paper.scanRef')}>
            <Input data-testid="paper-scan" maxLength={200} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        {channel === 'refused' ? (
          <Alert type="info" showIcon title={t('participation.paper.refusedHint')} style={{ marginBottom: 16 }} />
        ) : (
          questions.map((q, i) => <QuestionField key={q.id} q={q} index={i} />)
        )}
        {save.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert title={t('participation.paper.failed')} error={save.error} testId="paper-problem" onClose={() => save.reset()} />
          </div>
        )}
        {lastSaved && <Alert type="success" showIcon title={lastSaved} data-testid="paper-saved" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="paper-submit">
          {t('participation.paper.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function QuestionField({ q, index }: { q: Question; index: number }) {
  const { t } = useTranslation();
  const label = `${index + 1}. ${q.text}`;
  const rules = [{ required: q.required, message: t('participation.paper.required') }];
  const testId = `paper-q-${q.id}`;
  switch (q.type) {
    case 'single':
      return (
        <Form.Item name={['answers', q.id]} label={label} rules={rules}>
          <Radio.Group data-testid={testId} options={(q.options ?? []).map((o) => ({ value: o.code, label: o.label }))} />
        </Form.Item>
      );
    case 'multiple':
      return (
        <Form.Item name={['answers', q.id]} label={label} rules={rules}>
          <Checkbox.Group data-testid={testId} options={(q.options ?? []).map((o) => ({ value: o.code, label: o.label }))} />
        </Form.Item>
      );
    case 'scale': {
      const min = q.min ?? 1;
      const max = q.max ?? 5;
      // Short scales as buttons (1–10 steps), longer ones as a number.
      return (
        <Form.Item name={['answers', q.id]} label={`${label}（${min}–${max}）`} rules={rules}>
          {max - min <= 10 ? (
            <Radio.Group data-testid={testId} optionType="button">
              {Array.from({ length: max - min + 1 }, (_, k) => min + k).map((v) => (
                <Radio.Button key={v} value={v} data-testid={`${testId}-${v}`}>
                  {v}
                </Radio.Button>
              ))}
            </Radio.Group>
          ) : (
            <InputNumber data-testid={testId} min={min} max={max} precision={0} />
          )}
        </Form.Item>
      );
    }
    case 'text':
      return (
        <Form.Item name={['answers', q.id]} label={label} rules={rules}>
          <Input.TextArea data-testid={testId} maxLength={q.maxLength ?? 2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      );
  }
}
