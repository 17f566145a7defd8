// One ballot: its facts (kind, title, closing time, revote policy, electorate hash and size);
// while open the turnout only (results stay sealed) and the paper entry form; officers close it,
// and once closed the tally with the rule it was judged by. Anyone may verify the hash chain.
import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Popconfirm, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { FileTextOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { errorMessage } from '../../app/api.ts';
import { useAuth } from '../accounts/index.ts';
import type { ProjectDetail } from '../projects/index.ts';
import { closeBallot, fetchTally, fetchVerification, participationKeys } from './api.ts';
import { formatAt, percent } from './format.ts';
import PaperVoteForm from './PaperVoteForm.tsx';
import ReconcileForm from './ReconcileForm.tsx';
import type { ClosedTally, KnownBallot } from './types.ts';
import TechDetails from '../../app/TechDetails.tsx';
import ChainEntries from './ChainEntries.tsx';

export default function BallotCard({ project, ballot }: { project: ProjectDetail; ballot: KnownBallot }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const tally = useQuery({ queryKey: participationKeys.tally(ballot.id), queryFn: () => fetchTally(ballot.id) });
  const verify = useQuery({
    queryKey: participationKeys.verification(ballot.id),
    queryFn: () => fetchVerification(ballot.id),
    enabled: false,
  });
  const [verifyAsked, setVerifyAsked] = useState(false);
  const close = useMutation({
    mutationFn: () => closeBallot(ballot.id),
    onSuccess: (result) => {
      client.setQueryData(participationKeys.tally(ballot.id), result);
      // The list shows the result and when it closed.
      void client.invalidateQueries({ queryKey: participationKeys.ballots(project.id) });
      if (verifyAsked) void verify.refetch();
    },
  });

  const electorateHash = ballot.electorateHash ?? verify.data?.electorateHash;
  const title = ballot.title ?? t('participation.ballots.unknownTitle', { id: ballot.id.slice(0, 8) });
  const status = tally.data?.status;
  const turnout = tally.data?.status === 'open' ? tally.data.turnout : null;

  return (
    <Card
      size="small"
      data-testid="ballot-card"
      data-ballot-id={ballot.id}
      data-status={status ?? ''}
      title={
        <Space wrap>
          <span data-testid="ballot-title-text">{title}</span>
          {ballot.kind && <Tag color="blue">{t(`participation.ballots.kinds.${ballot.kind}`)}</Tag>}
          {status && (
            <Tag color={status === 'open' ? 'green' : 'default'} data-testid="ballot-status">
              {t(`participation.ballots.statuses.${status}`)}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space>
          <Button
            icon={<SafetyCertificateOutlined />}
            data-testid="ballot-verify"
            loading={verify.isFetching}
            onClick={() => {
              setVerifyAsked(true);
              void verify.refetch();
            }}
          >
            {t('participation.ballots.verify')}
          </Button>
          {status === 'closed' && (
            <Link to={`/ballots/${ballot.id}/notice`} data-testid="ballot-notice-link">
              <Button icon={<FileTextOutlined />}>{t('participation.anchors.noticeLink')}</Button>
            </Link>
          )}
          {can('ballots.manage') && status === 'open' && (
            <Popconfirm
              title={t('participation.ballots.closeConfirm')}
              onConfirm={() => close.mutate()}
              okButtonProps={{ 'data-testid': 'ballot-close-confirm' }}
            >
              <Button danger loading={close.isPending} data-testid="ballot-close">
                {t('participation.ballots.close')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('participation.ballots.columns.id')}>
            <Typography.Text code copyable>
              {ballot.id}
            </Typography.Text>
          </Descriptions.Item>
          {ballot.closesAt && (
            <Descriptions.Item label={t('participation.ballots.fields.closesAt')}>
              {formatAt(ballot.closesAt, i18n.language)}
            </Descriptions.Item>
          )}
          {ballot.closedAt && (
            <Descriptions.Item label={t('participation.officer.closedAt')}>
              <span data-testid="ballot-closed-at">{formatAt(ballot.closedAt, i18n.language)}</span>
            </Descriptions.Item>
          )}
          {ballot.proposal && (
            <Descriptions.Item label={t('participation.ballots.proposal')} span={2}>
              <span data-testid="ballot-proposal-text">
                {t(`participation.ballots.modes.${ballot.proposal}`, { defaultValue: ballot.proposal })}
              </span>
            </Descriptions.Item>
          )}
          {ballot.revote && (
            <Descriptions.Item label={t('participation.ballots.fields.revote')}>
              {t(`participation.ballots.revote.${ballot.revote}`)}
            </Descriptions.Item>
          )}
          {ballot.eligible !== undefined && (
            <Descriptions.Item label={t('participation.ballots.eligible')}>
              <span data-testid="ballot-eligible">{ballot.eligible}</span>
            </Descriptions.Item>
          )}
          {electorateHash && (
            <Descriptions.Item label={t('participation.ballots.electorateHash')} span={2}>
              <TechDetails inline>
                <Typography.Text code copyable data-testid="ballot-electorate-hash" style={{ wordBreak: 'break-all' }}>
                  {electorateHash}
                </Typography.Text>
              </TechDetails>
            </Descriptions.Item>
          )}
        </Descriptions>

        {tally.isPending && <Skeleton active paragraph={{ rows: 2 }} />}
        {tally.isError && <Alert type="error" showIcon title={t('common.error')} description={errorMessage(tally.error)} />}
        {turnout !== null && (
          <>
            <Alert type="info" showIcon title={t('participation.ballots.sealed')} data-testid="ballot-sealed" />
            <Row gutter={12}>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('participation.ballots.turnout')}
                  valueRender={() => (
                    <span data-testid="ballot-turnout" data-value={turnout}>
                      {turnout}
                      {ballot.eligible !== undefined ? ` / ${ballot.eligible}` : ''}
                    </span>
                  )}
                />
              </Col>
              {ballot.eligible !== undefined && (
                <Col xs={12} md={6}>
                  <Statistic title={t('participation.ballots.turnoutRate')} value={percent(turnout, ballot.eligible)} suffix="%" />
                </Col>
              )}
            </Row>
          </>
        )}
        {tally.data?.status === 'closed' && <TallyView tally={tally.data} />}
        {close.isError && (
          <ProblemAlert
            title={t('participation.ballots.closeFailed')}
            error={close.error}
            testId="ballot-close-problem"
            onClose={() => close.reset()}
          />
        )}

        {verifyAsked && verify.isError && (
          <ProblemAlert title={t('participation.ballots.verifyFailed')} error={verify.error} testId="ballot-verify-problem" />
        )}
        {verifyAsked && verify.data && (
          <Alert
            data-testid="ballot-verification"
            data-ok={String(verify.data.ok)}
            type={verify.data.ok ? 'success' : 'error'}
            showIcon
            title={
              verify.data.ok
                ? t('participation.ballots.verifyOk', { length: verify.data.length })
                : t('participation.ballots.verifyBroken', { n: verify.data.brokenAt ?? '?' })
            }
            description={
              <Space orientation="vertical" size={2}>
                <span>
                  {t('participation.ballots.chainHead')}：
                  <Typography.Text code data-testid="ballot-chain-head">
                    {verify.data.chainHead ?? '—'}
                  </Typography.Text>
                </span>
                {verify.data.publishedHead && (
                  <span>
                    {t('participation.ballots.publishedHead')}：<Typography.Text code>{verify.data.publishedHead}</Typography.Text>
                  </span>
                )}
                <ChainEntries ballotId={ballot.id} length={verify.data.length} composition={verify.data.composition} />
                <span data-testid="ballot-signatures">
                  {verify.data.forgedAt !== undefined
                    ? t('participation.anchors.reasons.signature_forged', { n: verify.data.forgedAt })
                    : t('participation.anchors.signedLinks', { n: verify.data.signedLinks, keyId: verify.data.keyId })}
                  {' · '}
                  {t(`participation.anchors.anchorStatus.${verify.data.anchor.status}`)}
                </span>
                <span>{verify.data.electorateOk ? t('participation.ballots.electorateOk') : t('participation.ballots.electorateBad')}</span>
                {verify.data.tallyOk !== undefined && (
                  <span>{verify.data.tallyOk ? t('participation.ballots.tallyOk') : t('participation.ballots.tallyBad')}</span>
                )}
              </Space>
            }
          />
        )}

        {status === 'open' && can('ballots.enter_paper') && (
          // Opened from the list of sheets waiting for a second keying: a new sheet refills the form.
          <PaperVoteForm key={`${params.get('household') ?? ''}/${params.get('sheet') ?? ''}`} project={project} ballotId={ballot.id} />
        )}
        {status === 'open' && can('ballots.manage') && <ReconcileForm project={project} ballotId={ballot.id} />}
        {status === 'closed' && can('ballots.enter_paper') && <Alert type="info" showIcon title={t('participation.paperVote.closed')} />}
      </Space>
    </Card>
  );
}

function TallyView({ tally }: { tally: ClosedTally }) {
  const { t } = useTranslation();
  const figures = [
    ['eligible', tally.eligible],
    ['agree', tally.agree],
    ['disagree', tally.disagree],
    ['abstain', tally.abstain],
    ['notVoted', tally.notVoted],
  ] as const;
  return (
    <Card size="small" type="inner" title={t('participation.ballots.tally')} data-testid="ballot-tally" data-passed={String(tally.passed)}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Row gutter={[12, 12]}>
          {figures.map(([k, v]) => (
            <Col xs={12} md={4} key={k}>
              <Statistic
                title={k === 'eligible' ? t('participation.ballots.eligible') : t(`participation.ballots.${k}`)}
                valueRender={() => (
                  <span data-testid={`tally-${k}`} data-value={v}>
                    {v}
                  </span>
                )}
              />
            </Col>
          ))}
        </Row>
        <Alert
          type={tally.passed ? 'success' : 'warning'}
          showIcon
          data-testid="tally-passed"
          title={tally.passed ? t('participation.ballots.passed') : t('participation.ballots.notPassed')}
          description={t('participation.ballots.rule', tally.rule)}
        />
      </Space>
    </Card>
  );
}
