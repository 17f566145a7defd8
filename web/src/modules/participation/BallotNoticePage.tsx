// 表决结果公示 (/ballots/:id/notice): a closed ballot's public notice to print and post — the question,
// the tally and the rule, every published receipt, and the close head signed with the key kept outside
// the database as the anchor log holds it, with a QR code of the public check of that head.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Card, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { PrintButton } from '../evaluation/index.ts';
import { fetchTally, participationKeys } from './api.ts';
import { checkUrl, fetchNotice, fetchNoticeBallot } from './anchors.ts';
import { formatAt } from './format.ts';
import type { ClosedTally } from './types.ts';

export default function BallotNoticePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const ballot = useQuery({ queryKey: ['participation', 'ballot', id], queryFn: () => fetchNoticeBallot(id), enabled: !!id });
  const tally = useQuery({ queryKey: participationKeys.tally(id), queryFn: () => fetchTally(id), enabled: !!id });
  const notice = useQuery({ queryKey: ['participation', 'notice', id], queryFn: () => fetchNotice(id), enabled: !!id });
  const anchor = notice.data?.anchor ?? null;
  const url = anchor ? checkUrl(window.location.origin, id, { head: anchor.head, signature: anchor.signature }) : null;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (url) void QRCode.toDataURL(url, { margin: 1, width: 180, errorCorrectionLevel: 'M' }).then(setQr);
  }, [url]);

  const failed = ballot.error ?? tally.error ?? notice.error;
  if (failed) return <ProblemAlert title={t('participation.anchors.noticeFailed')} error={failed} testId="notice-problem" />;
  if (!ballot.data || !tally.data || !notice.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const b = ballot.data;
  const result = tally.data.status === 'closed' ? (tally.data as ClosedTally) : null;
  const lang = i18n.language;
  return (
    <Card data-testid="ballot-notice">
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <PrintButton />
      </Space>
      <div className="print-doc">
        <h1>{t('participation.anchors.noticeTitle', { title: b.title })}</h1>
        <p className="print-meta">
          {t('participation.anchors.noticeMeta', {
            opened: formatAt(b.openedAt, lang),
            closed: b.closedAt ? formatAt(b.closedAt, lang) : '—',
            eligible: b.eligible,
          })}
        </p>
        {result && (
          <table className="print-keep" data-testid="notice-tally">
            <tbody>
              {(['eligible', 'agree', 'disagree', 'abstain', 'notVoted'] as const).map((k) => (
                <tr key={k}>
                  <th>{t(k === 'eligible' ? 'participation.ballots.eligible' : `participation.ballots.${k}`)}</th>
                  <td>{result[k]}</td>
                </tr>
              ))}
              <tr>
                <th>{t('participation.anchors.outcome')}</th>
                <td>
                  {result.passed ? t('participation.anchors.passed') : t('participation.anchors.notPassed')}（{result.rule.numerator}/
                  {result.rule.denominator}，{result.rule.name}，{t('participation.anchors.version', { version: result.rule.version })}）
                </td>
              </tr>
            </tbody>
          </table>
        )}
        <h2>{t('participation.anchors.anchorTitle')}</h2>
        {anchor ? (
          <div className="print-keep" style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
            {qr && (
              <div>
                <img src={qr} alt={url ?? ''} width={150} height={150} data-testid="notice-qr" data-url={url ?? ''} />
                {/* On a screen the check page is one click away; on paper the QR code stands for it. */}
                <div className="no-print">
                  <Link
                    to={`/verify/ballots/${encodeURIComponent(id)}?${new URL(url!).searchParams.toString()}`}
                    data-testid="notice-check-link"
                  >
                    {t('participation.anchors.openCheck')}
                  </Link>
                </div>
              </div>
            )}
            <table style={{ flex: 1 }}>
              <tbody>
                <tr>
                  <th>{t('participation.anchors.head')}</th>
                  <td style={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="notice-head" data-tech>
                    {anchor.head}
                  </td>
                </tr>
                <tr>
                  <th>{t('participation.anchors.signature')}</th>
                  <td style={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 11 }} data-tech>
                    {anchor.signature}
                  </td>
                </tr>
                <tr>
                  <th>{t('participation.anchors.keyId')}</th>
                  <td style={{ fontFamily: 'monospace' }} data-tech>
                    {anchor.keyId}
                  </td>
                </tr>
                <tr>
                  <th>{t('participation.anchors.anchoredAt')}</th>
                  <td>
                    {formatAt(anchor.at, lang)}（{t('participation.anchors.position')} {anchor.position}）
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        ) : (
          <Alert type="warning" showIcon title={t('participation.anchors.unanchored')} />
        )}
        <p className="print-small">{t('participation.anchors.noticeHint')}</p>
        <h2>{t('participation.anchors.receiptsTitle', { count: notice.data.items.length })}</h2>
        <table data-testid="notice-receipts">
          <thead>
            <tr>
              <th>{t('participation.anchors.receipt')}</th>
              <th>{t('participation.anchors.channel')}</th>
              <th>{t('participation.anchors.castAt')}</th>
            </tr>
          </thead>
          <tbody>
            {notice.data.items.map((r) => (
              <tr key={r.receipt}>
                <td style={{ fontFamily: 'monospace' }}>{r.receipt}</td>
                <td>{t(`participation.anchors.channels.${r.channel}`, { defaultValue: r.channel })}</td>
                <td>{formatAt(r.at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
