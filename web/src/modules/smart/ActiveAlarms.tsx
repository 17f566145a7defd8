// The open alarms, grouped by severity (紧急 first) and newest first within each: what happened, where, how
// often and since when, the level it has climbed to, with acknowledge / clear at hand and the rest in the drawer.
import type { CSSProperties } from 'react';
import { Badge, Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { alarmTypeLabel, beijingTime, newestFirst, personName, severityColor, severityLabel } from './dutyFormat.ts';
import { SEVERITIES, type Alarm } from './dutyTypes.ts';

export interface AlarmNames {
  device: (a: Alarm) => string;
  compound: (a: Alarm) => string;
}

interface Props {
  alarms: Alarm[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  names: AlarmNames;
  canHandle: boolean;
  busyId: string | null;
  onOpen: (a: Alarm) => void;
  onAcknowledge: (a: Alarm) => void;
  onClear: (a: Alarm) => void;
}

export default function ActiveAlarms({ alarms, loading, error, onRetry, names, canHandle, busyId, onOpen, onAcknowledge, onClear }: Props) {
  const { t } = useTranslation();
  if (loading) return <Skeleton active paragraph={{ rows: 6 }} data-testid="duty-active-loading" />;
  if (error && !alarms)
    return (
      <ProblemAlert
        testId="duty-active-error"
        title={t('common.error')}
        error={error}
        extra={
          <Button size="small" style={{ marginTop: 8 }} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  if (!alarms || alarms.length === 0)
    return <Empty data-testid="duty-active-empty" image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('duty.active.empty')} />;

  return (
    <Flex vertical gap={12} data-testid="duty-active">
      {SEVERITIES.map((severity) => {
        const group = alarms.filter((a) => a.severity === severity).sort(newestFirst);
        if (group.length === 0) return null;
        return (
          <section key={severity} data-testid="duty-severity-group" data-severity={severity} aria-label={severityLabel(t, severity)}>
            <Flex align="center" gap={8} style={{ marginBottom: 8 }}>
              <Badge color={severityColor[severity]} />
              <Typography.Title level={5} style={{ margin: 0, color: severityColor[severity] }}>
                {severityLabel(t, severity)}
              </Typography.Title>
              <Typography.Text type="secondary">{t('duty.active.count', { count: group.length })}</Typography.Text>
            </Flex>
            <Row gutter={[12, 12]}>
              {group.map((a) => (
                <Col key={a.id} xs={24} md={12} xxl={8}>
                  <AlarmCard
                    alarm={a}
                    names={names}
                    canHandle={canHandle}
                    busy={busyId === a.id}
                    onOpen={() => onOpen(a)}
                    onAcknowledge={() => onAcknowledge(a)}
                    onClear={() => onClear(a)}
                  />
                </Col>
              ))}
            </Row>
          </section>
        );
      })}
    </Flex>
  );
}

function AlarmCard({
  alarm: a,
  names,
  canHandle,
  busy,
  onOpen,
  onAcknowledge,
  onClear,
}: {
  alarm: Alarm;
  names: AlarmNames;
  canHandle: boolean;
  busy: boolean;
  onOpen: () => void;
  onAcknowledge: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const assignee = personName(a.assignee);
  return (
    <Card
      size="small"
      style={{ ...styles.card, borderInlineStartColor: severityColor[a.severity] }}
      data-testid="duty-alarm"
      data-id={a.id}
      data-status={a.status}
      data-severity={a.severity}
      data-count={a.count}
    >
      <Flex justify="space-between" align="start" gap={8} wrap>
        <Space size={6} wrap>
          <Tag color={severityColor[a.severity]} style={{ marginInlineEnd: 0 }}>
            {severityLabel(t, a.severity)}
          </Tag>
          <Typography.Text strong data-testid="duty-alarm-type">
            {alarmTypeLabel(t, a)}
          </Typography.Text>
          {a.count > 1 && <Tag data-testid="duty-alarm-count">{t('duty.countN', { count: a.count })}</Tag>}
        </Space>
        <Tag color={a.status === 'active' ? 'red' : 'blue'} data-testid="duty-alarm-status" style={{ marginInlineEnd: 0 }}>
          {t(`duty.status.${a.status}`)}
        </Tag>
      </Flex>
      <dl style={styles.facts}>
        <dt style={styles.dt}>{t('duty.field.device')}</dt>
        <dd style={styles.dd} data-testid="duty-alarm-device">
          {names.device(a)}
        </dd>
        <dt style={styles.dt}>{t('duty.field.compound')}</dt>
        <dd style={styles.dd} data-testid="duty-alarm-compound">
          {names.compound(a)}
        </dd>
        <dt style={styles.dt}>{t('duty.field.firstAt')}</dt>
        <dd style={styles.dd}>{beijingTime(a.firstAt)}</dd>
        <dt style={styles.dt}>{t('duty.field.lastAt')}</dt>
        <dd style={styles.dd}>{beijingTime(a.lastAt)}</dd>
        {a.level && (
          <>
            <dt style={styles.dt}>{t('duty.escalationLabel')}</dt>
            <dd style={styles.dd} data-testid="duty-alarm-level" data-level={a.level}>
              {t(`duty.escalation.${a.level}`)}
            </dd>
          </>
        )}
        {assignee && (
          <>
            <dt style={styles.dt}>{t('duty.field.assignee')}</dt>
            <dd style={styles.dd}>{assignee}</dd>
          </>
        )}
      </dl>
      <Flex gap={8} wrap justify="end">
        <Button size="small" onClick={onOpen} data-testid="duty-alarm-open">
          {t('duty.action.detail')}
        </Button>
        {canHandle && a.status === 'active' && (
          <Button size="small" type="primary" icon={<CheckOutlined />} loading={busy} onClick={onAcknowledge} data-testid="duty-alarm-ack">
            {t('duty.action.acknowledge')}
          </Button>
        )}
        {canHandle && (
          <Button size="small" danger icon={<StopOutlined />} disabled={busy} onClick={onClear} data-testid="duty-alarm-clear">
            {t('duty.action.clear')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}

const styles = {
  card: { borderInlineStartWidth: 4, borderInlineStartStyle: 'solid', height: '100%' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: 12,
    rowGap: 2,
    margin: '8px 0',
    fontSize: 13,
    color: '#595959',
  },
  dt: { color: '#8c8c8c' },
  dd: { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
} satisfies Record<string, CSSProperties>;
