// 纸质选票录入: a community worker keys one paper sheet (household, choice, sheet number).
// A sheet counts once two different workers key it alike; the answer says where it stands.
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import type { ProjectDetail } from '../projects/index.ts';
import { fetchHouseholds } from '../registry/index.ts';
import { participationKeys, postPaperVote } from './api.ts';
import { VOTE_CHOICES, type PaperVoteInput, type VoteAnswer, type VoteChoice } from './types.ts';

interface Values {
  compoundId: string;
  building?: string;
  householdId?: string;
  choice?: VoteChoice;
  sheetNo?: string;
  scanRef?: string;
}

const STATUS_ALERT = { counted: 'success', pending_second_keying: 'info', mismatch: 'warning' } as const;

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export default function PaperVoteForm({ project, ballotId }: { project: ProjectDetail; ballotId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  // Opened from the home's "waiting for a second keying" list: that household and sheet number, ready to key.
  const [params] = useSearchParams();
  const compoundId = Form.useWatch('compoundId', form) ?? project.compounds[0]?.id;
  const building = Form.useWatch('building', form)?.trim() || undefined;
  const [answer, setAnswer] = useState<VoteAnswer | null>(null);
  // One Idempotency-Key per distinct request: a retry of the same sheet reuses it.
  const pending = useRef<{ body: string; key: string } | null>(null);

  const households = useQuery({
    queryKey: ['participation', 'households', compoundId, building ?? null],
    queryFn: () => fetchHouseholds(compoundId!, 500, null, building),
    enabled: !!compoundId,
    staleTime: 60_000,
  });

  const save = useMutation({
    mutationFn: (body: PaperVoteInput) => {
      const text = JSON.stringify(body);
      if (pending.current?.body !== text) pending.current = { body: text, key: newKey() };
      return postPaperVote(ballotId, body, pending.current.key);
    },
    onSuccess: (res) => {
      pending.current = null;
      setAnswer(res);
      // A mismatch joins the list officers reconcile from.
      if (res.status === 'mismatch') void client.invalidateQueries({ queryKey: participationKeys.paper(ballotId, 'mismatch') });
      // The list of sheets waiting for a second keying and its count change with every keying.
      void client.invalidateQueries({ queryKey: participationKeys.paper(ballotId, 'pending_second_keying') });
      void client.invalidateQueries({ queryKey: ['participation', 'ballots'] });
      form.setFieldsValue({ householdId: undefined, choice: undefined, sheetNo: undefined, scanRef: undefined });
      void client.invalidateQueries({ queryKey: participationKeys.tally(ballotId) });
    },
  });

  return (
    <Card size="small" title={t('participation.paperVote.title')} data-testid="paper-vote">
      <Typography.Paragraph type="secondary">{t('participation.paperVote.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          compoundId: project.compounds[0]?.id,
          householdId: params.get('household') ?? undefined,
          sheetNo: params.get('sheet') ?? undefined,
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('compoundId' in changed || 'building' in changed) form.setFieldsValue({ householdId: undefined });
        }}
        onFinish={(v) => {
          setAnswer(null);
          const scanRef = v.scanRef?.trim() || undefined;
          save.mutate({
            householdId: v.householdId!,
            choice: v.choice!,
            channel: 'paper',
            evidence: { sheetNo: v.sheetNo!.trim(), ...(scanRef ? { scanRef } : {}) },
          });
        }}
      >
        <Space wrap size={12} align="start">
          <Form.Item name="compoundId" label={t('participation.paperVote.compound')} rules={[{ required: true }]}>
            <Select
              data-testid="vote-compound"
              style={{ width: 260 }}
              options={project.compounds.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="building" label={t('participation.paperVote.building')}>
            <Input data-testid="vote-building" style={{ width: 160 }} allowClear />
          </Form.Item>
        </Space>
        <Form.Item
          name="householdId"
          label={t('participation.paperVote.household')}
          rules={[{ required: true, message: t('participation.paper.required') }]}
        >
          <Select
            data-testid="vote-household"
            showSearch={{ optionFilterProp: 'label' }}
            loading={households.isFetching}
            placeholder={t('participation.paperVote.householdPlaceholder')}
            options={(households.data?.items ?? []).map((h) => ({
              value: h.id,
              label: t('participation.coverage.room', { building: h.building, unit: h.unit, room: h.room }),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="choice"
          label={t('participation.paperVote.choice')}
          rules={[{ required: true, message: t('participation.paper.required') }]}
        >
          <Radio.Group data-testid="vote-choice" optionType="button" buttonStyle="solid">
            {VOTE_CHOICES.map((c) => (
              <Radio.Button key={c} value={c} data-testid={`vote-choice-${c}`}>
                {t(`participation.paperVote.choices.${c}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Space wrap size={12} align="start">
          <Form.Item
            name="sheetNo"
            label={t('participation.paperVote.sheetNo')}
            rules={[{ required: true, whitespace: true, message: t('participation.paper.required') }]}
          >
            <Input data-testid="vote-sheet" maxLength={40} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="scanRef" label={t('participation.paperVote.scanRef')}>
            <Input data-testid="vote-scan" maxLength={200} style={{ width: 260 }} />
          </Form.Item>
        </Space>
        {save.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert
              title={t('participation.paperVote.failed')}
              error={save.error}
              testId="vote-problem"
              onClose={() => save.reset()}
            />
          </div>
        )}
        {answer && (
          <Alert
            style={{ marginBottom: 16 }}
            type={STATUS_ALERT[answer.status]}
            showIcon
            data-testid="vote-status"
            data-status={answer.status}
            title={t(`participation.paperVote.statusTitle.${answer.status}`)}
            description={
              <>
                {answer.sheetNo && answer.household && (
                  <div data-testid="vote-recorded">
                    {t('participation.officer.recorded', {
                      compound: answer.household.compound,
                      address: t('participation.coverage.room', answer.household),
                      sheetNo: answer.sheetNo,
                    })}
                  </div>
                )}
                <div>{t(`participation.paperVote.status.${answer.status}`)}</div>
                {answer.receipt && (
                  <div data-testid="vote-receipt">{t('participation.paperVote.receipt', { receipt: answer.receipt })}</div>
                )}
              </>
            }
          />
        )}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="vote-submit">
          {t('participation.paperVote.submit')}
        </Button>
      </Form>
    </Card>
  );
}
