// Coordinated against departments-alone: disturbance days, repeated excavations avoided, makespan.
import type { ReactNode } from 'react';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Comparison, Summary } from './types.ts';

interface Props {
  coordinated: Summary;
  baseline: Summary | null;
  comparison: Comparison | null;
}

/** One of the three columns: a card carrying the compared figure as data for the tests. */
function StatCard({
  testId,
  field,
  coordinated,
  baseline,
  children,
}: Omit<Props, 'comparison'> & { testId: string; field: 'disturbanceDays' | 'repeatedExcavations' | 'makespan'; children: ReactNode }) {
  return (
    <Col xs={24} md={8}>
      <Card size="small" data-testid={testId} data-coordinated={coordinated[field]} data-baseline={baseline?.[field] ?? ''}>
        {children}
      </Card>
    </Col>
  );
}

export default function ScheduleStats({ coordinated, baseline, comparison }: Props) {
  const { t, i18n } = useTranslation();
  const saved = comparison?.disturbanceDaysSaved ?? (baseline ? baseline.disturbanceDays - coordinated.disturbanceDays : null);
  const avoided =
    comparison?.repeatedExcavationsAvoided ?? (baseline ? baseline.repeatedExcavations - coordinated.repeatedExcavations : null);
  const delta = comparison?.makespanDelta ?? (baseline ? coordinated.makespan - baseline.makespan : null);
  const num = (n: number | undefined) => (n === undefined ? '—' : n.toLocaleString(i18n.language));
  const days = (value: number) => t('coordination.schedule.stats.days', { value: num(value) });
  const colon = t('coordination.colon');
  const good = '#389e0d';
  const bad = '#cf1322';
  return (
    <Row gutter={[12, 12]} data-testid="schedule-stats">
      <StatCard testId="stat-disturbance" field="disturbanceDays" coordinated={coordinated} baseline={baseline}>
        <Statistic
          title={t('coordination.schedule.stats.disturbanceDays')}
          value={coordinated.disturbanceDays}
          suffix={<Typography.Text type="secondary">/ {num(baseline?.disturbanceDays)}</Typography.Text>}
        />
        {saved !== null && (
          <Typography.Text style={{ color: saved >= 0 ? good : bad }}>
            {saved >= 0
              ? t('coordination.schedule.stats.saved', { value: num(saved) })
              : t('coordination.schedule.stats.more', { value: num(-saved) })}
          </Typography.Text>
        )}
        {baseline && (
          <div>
            <Typography.Text type="secondary">
              {t('coordination.schedule.stats.compared', { value: days(baseline.disturbanceDays) })}
            </Typography.Text>
          </div>
        )}
      </StatCard>
      <StatCard testId="stat-excavations" field="repeatedExcavations" coordinated={coordinated} baseline={baseline}>
        <Statistic
          title={t('coordination.schedule.stats.repeatedAvoided')}
          value={avoided ?? '—'}
          styles={{ content: { color: (avoided ?? 0) > 0 ? good : undefined } }}
        />
        <Typography.Text>
          {t('coordination.schedule.stats.repeatedExcavations')}
          {colon}
          {num(coordinated.repeatedExcavations)} / {num(baseline?.repeatedExcavations)}
        </Typography.Text>
        <div>
          <Typography.Text type="secondary">
            {t('coordination.schedule.stats.excavations')}
            {colon}
            {num(coordinated.excavations)} / {num(baseline?.excavations)}
          </Typography.Text>
        </div>
      </StatCard>
      <StatCard testId="stat-makespan" field="makespan" coordinated={coordinated} baseline={baseline}>
        <Statistic
          title={t('coordination.schedule.stats.makespan')}
          value={coordinated.makespan}
          suffix={<Typography.Text type="secondary">/ {num(baseline?.makespan)}</Typography.Text>}
        />
        {delta !== null && (
          <Typography.Text style={{ color: delta <= 0 ? good : bad }}>
            {delta < 0
              ? t('coordination.schedule.stats.deltaShorter', { value: -delta })
              : delta > 0
                ? t('coordination.schedule.stats.deltaLonger', { value: delta })
                : t('coordination.schedule.stats.deltaSame')}
          </Typography.Text>
        )}
        <div>
          <Typography.Text type="secondary">
            {t('coordination.schedule.stats.finish', { date: coordinated.makespanDate ?? '—' })}
          </Typography.Text>
        </div>
      </StatCard>
    </Row>
  );
}
