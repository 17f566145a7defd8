// 核验 (/verify/ballots/:id?receipt=&head=&sig=): public, no sign-in. With a receipt: the household's
// position, the head after its vote and that head's signature, checked against the published key, the
// chain as stored now and the anchor log. Without: the close head the public notice printed (its QR code).
import { useParams, useSearchParams } from 'react-router';
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatAt } from './format.ts';
import LanguageSwitch from '../../app/LanguageSwitch.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { checkAnchor, checkReceipt, type AnchorCheck, type ReceiptCheck } from './anchors.ts';

const mono = { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 12, wordBreak: 'break-all' } as const;

export default function BallotCheckPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const receipt = params.get('receipt');
  const head = params.get('head');
  const sig = params.get('sig');
  const check = useQuery<ReceiptCheck | AnchorCheck>({
    queryKey: ['participation', 'check', id, receipt, head, sig],
    queryFn: () => (receipt ? checkReceipt(id, receipt, head, sig) : checkAnchor(id, head, sig)),
    enabled: !!id,
  });
  const d = check.data;
  return (
    <div style={{ maxWidth: 640, margin: '24px auto', padding: '0 12px' }} data-testid="ballot-check">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {receipt ? t('participation.anchors.checkReceiptTitle') : t('participation.anchors.checkNoticeTitle')}
        </Typography.Title>
        <LanguageSwitch />
      </Space>
      <Card size="small">
        {check.isPending && <Skeleton active paragraph={{ rows: 5 }} />}
        {check.isError && <ProblemAlert title={t('participation.anchors.checkFailed')} error={check.error} testId="check-problem" />}
        {d && (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Alert
              type={d.valid ? 'success' : 'error'}
              showIcon
              data-testid="check-result"
              data-valid={String(d.valid)}
              title={d.valid ? t('participation.anchors.valid') : t('participation.anchors.invalid')}
              description={
                d.reasons.length ? (
                  <Space wrap size={4}>
                    {d.reasons.map((r) => (
                      <Tag key={r} color={r === 'unanchored' ? 'default' : 'red'} data-testid="check-reason">
                        {t(`participation.anchors.reasons.${r}`, { defaultValue: r, n: d.forgedAt ?? '?' })}
                      </Tag>
                    ))}
                  </Space>
                ) : undefined
              }
            />
            <Descriptions size="small" column={1} bordered>
              {'receipt' in d && (
                <>
                  <Descriptions.Item label={t('participation.anchors.receipt')}>
                    <span data-testid="check-receipt">{d.receipt}</span> {!d.counted && <Tag>{t('participation.anchors.superseded')}</Tag>}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.position')}>{d.position}</Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.head')}>
                    <span style={mono} data-tech>
                      {d.head}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.signature')}>
                    <span style={mono} data-tech>
                      {d.signature ?? '—'}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.signatureOk')}>
                    {d.signatureOk ? t('participation.anchors.yes') : t('participation.anchors.no')}
                  </Descriptions.Item>
                </>
              )}
              {'anchor' in d && (
                <>
                  <Descriptions.Item label={t('participation.anchors.ballot')}>{d.title}</Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.head')}>
                    <span style={mono} data-tech>
                      {d.anchor?.head ?? '—'}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.signature')}>
                    <span style={mono} data-tech>
                      {d.anchor?.signature ?? '—'}
                    </span>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('participation.anchors.anchoredAt')}>
                    {d.anchor?.at ? formatAt(d.anchor.at, i18n.language) : '—'}
                  </Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t('participation.anchors.chain')}>
                {d.ballotOk ? t('participation.anchors.chainOk') : t('participation.anchors.chainBad', { n: d.forgedAt ?? '?' })}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
              {t('participation.anchors.keyHint')}
              <a href="/api/v1/ballots/signing-key" target="_blank" rel="noreferrer" data-testid="check-signing-key">
                {t('participation.anchors.keyLink')}
              </a>
            </Typography.Paragraph>
          </Space>
        )}
      </Card>
    </div>
  );
}
