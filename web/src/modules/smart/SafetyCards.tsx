// The overview's safety figures (平安指数) for one division: alarms by severity and by type, mean time to
// acknowledge and to clear in words, and devices online, from GET /api/v1/safety/summary. Shown only to
// accounts that read alarms; the overview places it and passes the division it shows.
import type { CSSProperties, ReactNode } from 'react';
import { Card, Col, Empty, Flex, Progress, Row, Skeleton, Tag, Typography } from 'antd';
import { AlertOutlined, ClockCircleOutlined, FieldTimeOutlined, WifiOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type ResponseOf } from '../../api/client.ts';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { useAuth } from '../accounts/index.ts';
import { dutyKeys } from './dutyApi.ts';
import { beijingTime, durationWords, severityColor, severityLabel } from './dutyFormat.ts';
import { SEVERITIES } from './dutyTypes.ts';

export type SafetySummary = ResponseOf<'/api/v1/safety/summary'>;

const fetchSafety = (division: string): Promise<SafetySummary> => api.get('/api/v1/safety/summary', { query: { division } });

export default function SafetyCards({ division }: { division: string }) {
  const { can } = useAuth();
  if (!can('alarms.read')) return null;
  return <Safety division={division} />;
}

function Safety({ division }: { division: string }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: dutyKeys.safety(division), queryFn: () => fetchSafety(division), staleTime: 30_000 });
  const title = (
    <Flex gap={8} align="baseline" wrap>
      <span>{t('duty.safety.title')}</span>
      {q.data && (
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }} data-testid="safety-period">
          {t('duty.safety.period', { from: beijingTime(q.data.from).slice(0, 10), to: beijingTime(q.data.to).slice(0, 10) })}
        </Typography.Text>
      )}
    </Flex>
  );
  return (
    <Card size="small" title={title} style={{ marginTop: 12 }} data-testid="safety-cards" data-division={division}>
      {q.isLoading ? (
        <Skeleton active data-testid="safety-loading" />
      ) : q.error ? (
        <ProblemAlert testId="safety-error" title={t('duty.safety.error')} error={q.error} />
      ) : q.data ? (
        <SafetyFigures s={q.data} />
      ) : null}
    </Card>
  );
}

function SafetyFigures({ s }: { s: SafetySummary }) {
  const { t } = useTranslation();
  const { devices, alarms } = s;
  const percent = devices.total === 0 ? 0 : Math.floor((devices.online * 100) / devices.total);
  const types = alarms.byType.filter((x) => x.count > 0).sort((a, b) => b.count - a.count);
  const bySeverity = new Map(alarms.bySeverity.map((x) => [x.severity, x.count]));
  return (
    <Flex vertical gap={12}>
      <Row gutter={[12, 12]}>
        <Figure
          testId="safety-alarms"
          value={alarms.total}
          raw={alarms.total}
          icon={<AlertOutlined />}
          label={t('duty.safety.alarms')}
          note={`${t('duty.safety.active')} ${alarms.open}`}
        />
        <Figure
          testId="safety-mtta"
          raw={s.meanSecondsToAcknowledge ?? ''}
          value={durationWords(t, s.meanSecondsToAcknowledge)}
          icon={<ClockCircleOutlined />}
          label={t('duty.safety.mtta')}
        />
        <Figure
          testId="safety-mttc"
          raw={s.meanSecondsToClear ?? ''}
          value={durationWords(t, s.meanSecondsToClear)}
          icon={<FieldTimeOutlined />}
          label={t('duty.safety.mttc')}
        />
        <Figure
          testId="safety-online"
          raw={devices.online}
          value={devices.online}
          icon={<WifiOutlined />}
          label={t('duty.safety.online')}
          note={t('duty.safety.onlineOf', { total: devices.total })}
          extra={<Progress percent={percent} size="small" showInfo={false} />}
        />
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={10}>
          <Typography.Text type="secondary">{t('duty.safety.bySeverity')}</Typography.Text>
          <Flex wrap gap={6} style={{ marginTop: 6 }} data-testid="safety-by-severity">
            {SEVERITIES.map((sev) => (
              <Tag
                key={sev}
                color={severityColor[sev]}
                data-severity={sev}
                data-value={bySeverity.get(sev) ?? 0}
                style={{ marginInlineEnd: 0 }}
              >
                {severityLabel(t, sev)} {bySeverity.get(sev) ?? 0}
              </Tag>
            ))}
          </Flex>
        </Col>
        <Col xs={24} md={14}>
          <Typography.Text type="secondary">{t('duty.safety.byType')}</Typography.Text>
          {types.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.safety.empty')} style={{ margin: 0 }} />
          ) : (
            <Flex wrap gap={6} style={{ marginTop: 6 }} data-testid="safety-by-type">
              {types.map((x) => (
                <Tag key={x.type} data-type={x.type} data-value={x.count} style={{ marginInlineEnd: 0 }}>
                  {x.typeName} {x.count}
                </Tag>
              ))}
            </Flex>
          )}
        </Col>
      </Row>
    </Flex>
  );
}

function Figure({
  testId,
  raw,
  value,
  icon,
  label,
  note,
  extra,
}: {
  testId: string;
  raw: string | number;
  value: ReactNode;
  icon: ReactNode;
  label: string;
  note?: string;
  extra?: ReactNode;
}) {
  return (
    <Col xs={12} md={6}>
      <div style={styles.figure} data-testid={testId} data-value={raw}>
        <div style={styles.label}>
          {icon} {label}
        </div>
        <div style={styles.value} data-testid={`${testId}-value`}>
          {value}
        </div>
        {note && <div style={styles.note}>{note}</div>}
        {extra}
      </div>
    </Col>
  );
}

const styles = {
  figure: { background: '#fafcff', border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px', height: '100%' },
  label: { color: '#8c8c8c', fontSize: 13, lineHeight: 1.3 },
  value: { color: '#0b3d91', fontSize: 20, fontWeight: 600, lineHeight: 1.4, fontVariantNumeric: 'tabular-nums' },
  note: { color: '#8c8c8c', fontSize: 12 },
} satisfies Record<string, CSSProperties>;
