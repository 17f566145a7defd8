// 在线问卷 (/m/surveys/:id?household=): the questionnaire for one of my homes; answers are
// checked here for the obvious (required), and by the server in full: its field errors
// (body.answers.<questionId>) land under the question they concern.
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import type { Answer, Question, SurveyResponseAnswer } from '../participation/index.ts';
import { answerSurvey, fetchMine, fetchSurvey, residentKeys } from './api.ts';
import { formatAt, homeLabel } from './format.ts';

type Values = Record<string, Answer | undefined | null>;

const TEXT_MAX = 2000;
const bigChoice = { display: 'flex', flexDirection: 'column', gap: 10 } as const;

interface InputProps {
  q: Question;
  /** Injected by the surrounding Form.Item. */
  value?: Answer;
  onChange?: (value: unknown) => void;
}

function QuestionInput({ q, value, onChange }: InputProps) {
  const { t } = useTranslation();
  const bind = { value, onChange };
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group {...bind} style={bigChoice} data-testid={`m-q-${q.id}`}>
          {(q.options ?? []).map((o) => (
            <Radio key={o.code} value={o.code} data-testid={`m-q-${q.id}-${o.code}`}>
              {o.label}
            </Radio>
          ))}
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group {...bind} value={value as string[] | undefined} style={bigChoice} data-testid={`m-q-${q.id}`}>
          {(q.options ?? []).map((o) => (
            <Checkbox key={o.code} value={o.code} data-testid={`m-q-${q.id}-${o.code}`}>
              {o.label}
            </Checkbox>
          ))}
        </Checkbox.Group>
      );
    case 'scale': {
      const min = q.min ?? 1;
      const max = q.max ?? 5;
      if (max - min <= 10)
        return (
          <Radio.Group
            {...bind}
            optionType="button"
            buttonStyle="solid"
            data-testid={`m-q-${q.id}`}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
          >
            {Array.from({ length: max - min + 1 }, (_, i) => min + i).map((v) => (
              <Radio.Button
                key={v}
                value={v}
                data-testid={`m-q-${q.id}-${v}`}
                style={{ minWidth: 44, textAlign: 'center', borderRadius: 6 }}
              >
                {v}
              </Radio.Button>
            ))}
          </Radio.Group>
        );
      return (
        <InputNumber
          value={value as number | undefined}
          onChange={onChange}
          min={min}
          max={max}
          precision={0}
          style={{ width: '100%' }}
          data-testid={`m-q-${q.id}`}
          inputMode="numeric"
        />
      );
    }
    case 'text': {
      const max = q.maxLength ?? TEXT_MAX;
      return (
        <Input.TextArea
          value={value as string | undefined}
          onChange={(e) => onChange?.(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={max}
          showCount
          placeholder={t('resident.survey.textPlaceholder', { max })}
          data-testid={`m-q-${q.id}`}
        />
      );
    }
  }
}

/** The answers the server takes: unanswered questions are left out, not sent empty. */
function toAnswers(questions: Question[], values: Values): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of questions) {
    const v = values[q.id];
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && !v.length) continue;
    if (typeof v === 'string' && !v.trim()) continue;
    out[q.id] = typeof v === 'string' && q.type === 'text' ? v.trim() : v;
  }
  return out;
}

export default function ResidentSurveyPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<SurveyResponseAnswer | null>(null);
  const survey = useQuery({ queryKey: residentKeys.survey(id), queryFn: () => fetchSurvey(id), enabled: !!id });
  const mine = useQuery({ queryKey: residentKeys.mine, queryFn: fetchMine });
  const mineEntries = (mine.data?.surveys ?? []).filter((s) => s.id === id);
  const householdId = params.get('household') ?? mineEntries[0]?.householdId ?? null;
  const entry = mineEntries.find((s) => s.householdId === householdId);
  const home = mine.data?.households.find((h) => h.householdId === householdId);

  const submit = useMutation({
    mutationFn: (answers: Record<string, Answer>) => answerSurvey(id, householdId!, answers),
    onSuccess: (res) => {
      setDone(res);
      void client.invalidateQueries({ queryKey: residentKeys.mine });
      window.scrollTo(0, 0);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      const fields = (err.problem.errors ?? []).flatMap((e) => {
        const m = /^body\.answers\.([^.]+)/.exec(e.path ?? '');
        return m ? [{ name: m[1]!, errors: [e.message] }] : [];
      });
      if (fields.length) form.setFields(fields);
    },
  });

  if (survey.isPending || (mine.isPending && !params.get('household'))) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (survey.isError) return <ProblemAlert title={t('common.error')} error={survey.error} testId="m-survey-problem" />;
  const s = survey.data;

  if (done)
    return (
      <Card data-testid="m-survey-done">
        <Result
          status="success"
          title={t('resident.survey.submitted')}
          subTitle={done.replaced ? t('resident.survey.replaced') : formatAt(done.enteredAt, i18n.language)}
          extra={
            <Link to="/m">
              <Button type="primary" block data-testid="m-survey-home">
                {t('resident.survey.backHome')}
              </Button>
            </Link>
          }
        />
      </Card>
    );

  return (
    <div data-testid="m-survey" data-survey-id={s.id} data-status={s.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={4} wrap style={{ marginBottom: 4 }}>
          <Tag color="blue">{t(`resident.kinds.survey.${s.kind}`)}</Tag>
          {s.status !== 'open' && <Tag>{t('resident.home.closed')}</Tag>}
        </Space>
        <Typography.Title level={4} style={{ margin: '4px 0' }} data-testid="m-survey-title">
          {s.title}
        </Typography.Title>
        {home && <Typography.Text type="secondary">{homeLabel(home)}</Typography.Text>}
      </Card>
      {s.status !== 'open' && (
        <Alert type="info" showIcon title={t('resident.survey.closed')} style={{ marginBottom: 12 }} data-testid="m-survey-closed" />
      )}
      {s.status === 'open' && entry?.answeredAt && (
        <Alert
          type="info"
          showIcon
          title={t('resident.survey.resubmitHint')}
          style={{ marginBottom: 12 }}
          data-testid="m-survey-answered"
        />
      )}
      {!householdId && !mine.isPending && (
        <Alert type="warning" showIcon title={t('resident.survey.noHousehold')} style={{ marginBottom: 12 }} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={s.status !== 'open' || !householdId}
        requiredMark={false}
        scrollToFirstError
        onFinish={(values) => submit.mutate(toAnswers(s.questions, values))}
      >
        {s.questions.map((q, i) => (
          <Card key={q.id} size="small" style={{ marginBottom: 12 }} data-testid={`m-question-${q.id}`}>
            <Form.Item
              name={q.id}
              style={{ marginBottom: 0 }}
              label={
                <span style={{ fontWeight: 500, whiteSpace: 'normal' }}>
                  {i + 1}. {q.text}{' '}
                  {q.required && (
                    <Tag color="red" style={{ marginInlineStart: 4 }}>
                      {t('resident.survey.required')}
                    </Tag>
                  )}
                  {q.type === 'multiple' && <Tag>{t('participation.results.types.multiple')}</Tag>}
                </span>
              }
              extra={q.type === 'scale' ? t('resident.survey.scaleHint', { min: q.min, max: q.max }) : undefined}
              rules={
                q.required
                  ? [
                      {
                        validator: (_, v: unknown) =>
                          v === undefined || v === null || (Array.isArray(v) && !v.length) || (typeof v === 'string' && !v.trim())
                            ? Promise.reject(new Error(t('resident.survey.requiredMissing')))
                            : Promise.resolve(),
                      },
                    ]
                  : []
              }
            >
              <QuestionInput q={q} />
            </Form.Item>
          </Card>
        ))}
        {submit.isError && (
          <div style={{ marginBottom: 12 }}>
            <ProblemAlert title={t('resident.survey.submitFailed')} error={submit.error} testId="m-survey-problem" />
          </div>
        )}
        {s.status === 'open' && (
          <Button type="primary" htmlType="submit" size="large" block loading={submit.isPending} data-testid="m-survey-submit">
            {t('resident.survey.submit')}
          </Button>
        )}
      </Form>
    </div>
  );
}
