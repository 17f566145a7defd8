// 居民表决 (/m/ballots/:id?household=): the question, my vote (agree / disagree / abstain, confirmed
// first) and its receipt; after close the result and whether my receipt is in the published list.
// Each vote attempt carries one Idempotency-Key, reused if the same attempt is retried.
import { useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Descriptions, Modal, Radio, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { CheckCircleFilled, CheckOutlined, CloseCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { checkUrl, VOTE_CHOICES, type ClosedTally, type VoteChoice } from '../participation/index.ts';
import { castVote, fetchBallot, fetchMine, fetchReceipts, fetchTally, newIdempotencyKey, residentKeys } from './api.ts';
import { formatAt, homeLabel } from './format.ts';
import type { BallotDetail } from './types.ts';
import TechDetails from '../../app/TechDetails.tsx';

/** The public check page, with what the resident holds: the check fails if the stored chain no longer gives the same head and signature. */
const checkPath = (ballotId: string, h: HeldReceipt) =>
  checkUrl('', ballotId, { receipt: h.receipt, head: h.head, signature: h.signature });

const CHOICE_COLOR: Record<VoteChoice, string> = { agree: '#389e0d', disagree: '#cf1322', abstain: '#8c8c8c' };

interface HeldReceipt {
  receipt: string;
  /**
   * What this household just chose, repeated on the receipt of the vote just cast. It lives on this screen only:
   * the server never answers a household's choice, so a phone shown later to someone else proves nothing.
   */
  choice: VoteChoice | null;
  position: number | null;
  head: string | null;
  signature: string | null;
}

function ReceiptCard({
  ballotId,
  held,
  title,
  testId = 'm-receipt',
}: {
  ballotId: string;
  held: HeldReceipt;
  title: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { receipt, position, head, signature, choice } = held;
  return (
    <Card size="small" data-testid={testId} style={{ borderColor: '#b7eb8f', background: '#f6ffed', marginBottom: 12 }}>
      <Space orientation="vertical" size={6} style={{ width: '100%' }}>
        <Space>
          <CheckCircleFilled style={{ color: '#52c41a', fontSize: 18 }} />
          <Typography.Text strong>{title}</Typography.Text>
        </Space>
        {choice && (
          <Typography.Text data-testid="m-receipt-choice" data-choice={choice} style={{ fontSize: 17 }}>
            {t('resident.ballot.yourChoice')}
            <Typography.Text strong style={{ color: CHOICE_COLOR[choice], fontSize: 20 }}>
              {t(`resident.ballot.choices.${choice}`)}
            </Typography.Text>
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{t('resident.ballot.receipt')}</Typography.Text>
        <Typography.Text
          copyable={{ text: receipt }}
          data-testid="m-receipt-code"
          style={{ fontSize: 22, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', letterSpacing: 1, wordBreak: 'break-all' }}
        >
          {receipt}
        </Typography.Text>
        {head && (
          <Descriptions
            size="small"
            column={1}
            colon={false}
            data-testid="m-receipt-chain"
            styles={{ label: { width: 72, color: '#8c8c8c' } }}
          >
            <Descriptions.Item label={t('participation.anchors.position')}>
              <span data-testid="m-receipt-position">{position}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('participation.anchors.head')}>
              <Typography.Text copyable={{ text: head }} style={{ fontSize: 12, fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {head.slice(0, 16)}…
              </Typography.Text>
            </Descriptions.Item>
            {signature && (
              <Descriptions.Item label={t('participation.anchors.signature')}>
                <Typography.Text copyable={{ text: signature }} style={{ fontSize: 12, fontFamily: 'monospace', wordBreak: 'break-all' }}>
                  {signature.slice(0, 16)}…
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13 }}>
          {t('resident.ballot.receiptHint')}
        </Typography.Paragraph>
        <Link to={checkPath(ballotId, held)} data-testid="m-receipt-check">
          <Button block icon={<SafetyCertificateOutlined />}>
            {t('participation.anchors.checkReceipt')}
          </Button>
        </Link>
      </Space>
    </Card>
  );
}

function BallotResult({ ballot, receipt }: { ballot: BallotDetail; receipt: string | null }) {
  const { t } = useTranslation();
  const tally = useQuery({ queryKey: residentKeys.tally(ballot.id), queryFn: () => fetchTally(ballot.id) });
  const receipts = useQuery({ queryKey: residentKeys.receipts(ballot.id), queryFn: () => fetchReceipts(ballot.id) });
  const closed = tally.data?.status === 'closed' ? (tally.data as ClosedTally) : null;
  const inList = receipt ? receipts.data?.items.some((r) => r.receipt === receipt) : undefined;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {tally.isPending && <Skeleton active paragraph={{ rows: 3 }} />}
      {tally.isError && <ProblemAlert title={t('common.error')} error={tally.error} testId="m-tally-problem" />}
      {closed && (
        <Card size="small" title={t('resident.ballot.result')} data-testid="m-tally" data-passed={String(closed.passed)}>
          <Alert
            type={closed.passed ? 'success' : 'warning'}
            showIcon
            data-testid="m-tally-passed"
            title={closed.passed ? t('resident.ballot.passed') : t('resident.ballot.notPassed')}
            description={t('resident.ballot.rule', closed.rule)}
            style={{ marginBottom: 12 }}
          />
          <Row gutter={[8, 12]}>
            {(['agree', 'disagree', 'abstain', 'notVoted', 'eligible'] as const).map((k) => (
              <Col span={k === 'eligible' ? 24 : 12} key={k}>
                <Statistic
                  title={t(`resident.ballot.${k}`)}
                  valueRender={() => (
                    <span data-testid={`m-tally-${k}`} data-value={closed[k]}>
                      {closed[k]}
                    </span>
                  )}
                />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      {receipts.isError && <ProblemAlert title={t('common.error')} error={receipts.error} testId="m-receipts-problem" />}
      {receipts.data && (
        <Card size="small" data-testid="m-receipts" data-count={receipts.data.items.length}>
          <Space orientation="vertical" size={8} style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('resident.ballot.published', { count: receipts.data.items.length })}</Typography.Text>
            {receipt === null ? (
              <Typography.Text data-testid="m-receipt-none">{t('resident.ballot.noReceipt')}</Typography.Text>
            ) : (
              <Alert
                type={inList ? 'success' : 'error'}
                showIcon
                icon={inList ? <CheckCircleFilled /> : <CloseCircleFilled />}
                data-testid={inList ? 'm-receipt-in-list' : 'm-receipt-not-in-list'}
                title={t(inList ? 'resident.ballot.inList' : 'resident.ballot.notInList')}
              />
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}

export default function ResidentBallotPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const ballot = useQuery({ queryKey: residentKeys.ballot(id), queryFn: () => fetchBallot(id), enabled: !!id });
  const mine = useQuery({ queryKey: residentKeys.mine, queryFn: fetchMine });
  const entries = (mine.data?.ballots ?? []).filter((b) => b.id === id);
  const householdId = params.get('household') ?? entries[0]?.householdId ?? null;
  const entry = entries.find((b) => b.householdId === householdId);
  const home = mine.data?.households.find((h) => h.householdId === householdId);
  const [choice, setChoice] = useState<VoteChoice | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [changing, setChanging] = useState(false);
  const [justCast, setJustCast] = useState<HeldReceipt | null>(null);
  const attempt = useRef<{ choice: VoteChoice; key: string } | null>(null);

  const vote = useMutation({
    mutationFn: (c: VoteChoice) => {
      if (attempt.current?.choice !== c) attempt.current = { choice: c, key: newIdempotencyKey() };
      return castVote(id, householdId!, c, attempt.current.key);
    },
    onSuccess: (res, chosen) => {
      attempt.current = null;
      setConfirming(false);
      setChanging(false);
      setChoice(null);
      if (res.receipt)
        setJustCast({
          receipt: res.receipt,
          choice: chosen,
          position: res.position ?? null,
          head: res.head ?? null,
          signature: res.signature ?? null,
        });
      void client.invalidateQueries({ queryKey: residentKeys.mine });
      window.scrollTo(0, 0);
    },
    onError: () => setConfirming(false),
  });

  if (ballot.isPending || mine.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (ballot.isError) return <ProblemAlert title={t('common.error')} error={ballot.error} testId="m-ballot-problem" />;
  const b = ballot.data;
  const open = b.status === 'open';
  const held: HeldReceipt | null =
    justCast ??
    (entry?.receipt
      ? { receipt: entry.receipt, choice: null, position: entry.position, head: entry.head, signature: entry.signature }
      : null);
  const receipt = held?.receipt ?? null;
  const voted = !!justCast || !!entry?.votedAt;
  const canVote = open && !!householdId && !!entry && (!voted || (b.revote === 'last_counts' && changing));

  return (
    <div data-testid="m-ballot" data-ballot-id={b.id} data-status={b.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={4} wrap style={{ marginBottom: 4 }}>
          <Tag color="purple">{t(`resident.kinds.ballot.${b.kind}`)}</Tag>
          <Tag color={open ? 'green' : 'default'} data-testid="m-ballot-status">
            {open ? t('resident.ballot.open') : t('resident.home.closed')}
          </Tag>
        </Space>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="m-ballot-title">
          {b.title}
        </Typography.Title>
        {home && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {homeLabel(home)}
          </Typography.Paragraph>
        )}
        <Descriptions size="small" column={1} colon={false} styles={{ label: { width: 96, color: '#8c8c8c' } }}>
          {b.proposal && (
            <Descriptions.Item label={t('resident.ballot.proposal')}>
              <span data-testid="m-ballot-proposal">{t(`resident.modes.${b.proposal}`, { defaultValue: b.proposal })}</span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('resident.ballot.closesAt')}>{formatAt(b.closesAt, i18n.language)}</Descriptions.Item>
          <Descriptions.Item label={t('resident.ballot.revote')}>{t(`resident.ballot.revotes.${b.revote}`)}</Descriptions.Item>
          <Descriptions.Item label={t('resident.ballot.electorateHash')}>
            <TechDetails inline>
              <Typography.Text
                copyable={{ text: b.electorateHash }}
                style={{ fontSize: 12, fontFamily: 'monospace', wordBreak: 'break-all' }}
              >
                {b.electorateHash.slice(0, 16)}…
              </Typography.Text>
            </TechDetails>
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {!entry && !justCast && <Alert type="warning" showIcon title={t('resident.ballot.noHousehold')} style={{ marginBottom: 12 }} />}

      {held && (
        <ReceiptCard
          ballotId={b.id}
          held={held}
          title={
            justCast
              ? t('resident.ballot.counted')
              : entry?.votedAt
                ? t('resident.ballot.alreadyVotedAt', {
                    at: formatAt(entry.votedAt, i18n.language),
                    channel: t(`resident.ballot.channels.${entry.channel ?? 'online'}`, { defaultValue: entry.channel ?? '' }),
                  })
                : t('resident.ballot.alreadyVoted')
          }
        />
      )}

      {open && voted && b.revote === 'last_counts' && !changing && (
        <Button block onClick={() => setChanging(true)} data-testid="m-revote" style={{ marginBottom: 12 }}>
          {t('resident.ballot.revoteButton')}
        </Button>
      )}

      {canVote && (
        <Card size="small" title={t('resident.ballot.choose')} data-testid="m-vote" style={{ marginBottom: 12 }}>
          {/* Older eyes: the chosen option is filled in its own colour, large, with a tick; the others stay outlined. */}
          <Radio.Group
            value={choice}
            buttonStyle="solid"
            onChange={(e) => setChoice(e.target.value as VoteChoice)}
            style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
          >
            {VOTE_CHOICES.map((c) => {
              const chosen = choice === c;
              return (
                <Radio.Button
                  key={c}
                  value={c}
                  data-testid={`m-choice-${c}`}
                  aria-checked={chosen}
                  style={{
                    height: 56,
                    lineHeight: '54px',
                    fontSize: chosen ? 20 : 18,
                    fontWeight: chosen ? 600 : 400,
                    textAlign: 'center',
                    borderRadius: 8,
                    borderInlineStartWidth: 1,
                    ...(chosen ? { background: CHOICE_COLOR[c], borderColor: CHOICE_COLOR[c], color: '#fff' } : {}),
                  }}
                >
                  {chosen && <CheckOutlined style={{ marginInlineEnd: 8 }} data-testid="m-choice-tick" />}
                  {t(`resident.ballot.choices.${c}`)}
                </Radio.Button>
              );
            })}
          </Radio.Group>
          {vote.isError && (
            <div style={{ marginTop: 12 }}>
              <ProblemAlert title={t('resident.ballot.failed')} error={vote.error} testId="m-vote-problem" onClose={() => vote.reset()} />
            </div>
          )}
          <Button
            type="primary"
            size="large"
            block
            disabled={!choice}
            style={{ marginTop: 16 }}
            onClick={() => setConfirming(true)}
            data-testid="m-vote-submit"
          >
            {t('resident.ballot.vote')}
          </Button>
        </Card>
      )}

      <Modal
        open={confirming && !!choice}
        title={t('resident.ballot.confirmTitle')}
        okText={t('resident.ballot.confirmOk')}
        cancelText={t('resident.ballot.cancel')}
        okButtonProps={{ loading: vote.isPending, 'data-testid': 'm-vote-confirm' }}
        onOk={() => choice && vote.mutate(choice)}
        onCancel={() => setConfirming(false)}
        centered
        width={340}
      >
        {choice && (
          <Typography.Paragraph data-testid="m-vote-confirm-text">
            {t('resident.ballot.confirmText')}
            <Typography.Text strong style={{ color: CHOICE_COLOR[choice], fontSize: 18 }}>
              {t(`resident.ballot.choices.${choice}`)}
            </Typography.Text>
            <br />
            {b.revote === 'none' ? t('resident.ballot.confirmNoRevote') : t('resident.ballot.confirmLastCounts')}
          </Typography.Paragraph>
        )}
      </Modal>

      {!open && <BallotResult ballot={b} receipt={receipt} />}
    </div>
  );
}
