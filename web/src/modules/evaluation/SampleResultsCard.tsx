// The results of a sample survey: the headline stratified estimate with its confidence interval,
// the pooled Wilson interval beside it as a check, the response rate, and per district the frame,
// the sample, the answers and the rate.
import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { fractionText, intervalText, percentText } from './sampleFormat.ts';
import type { SampleStratum, SampleSurveyDetail } from './sampleTypes.ts';

export default function SampleResultsCard({ survey }: { survey: SampleSurveyDetail }) {
  const { t } = useTranslation();
  const r = survey.results;
  const level = t('evaluation.sample.interval', { percent: r.confidence.percent });
  const districtName = (code: string) => r.strata.find((s) => s.districtCode === code)?.name ?? code;
  const count = (key: 'frameSize' | 'sampleSize' | 'yes' | 'no' | 'refused' | 'unreachable' | 'pending' | 'responded', title: string) => ({
    title,
    key,
    width: 72,
    align: 'right' as const,
    render: (_: unknown, s: SampleStratum) => s[key],
  });
  const columns: ColumnsType<SampleStratum> = [
    {
      title: t('evaluation.sample.district'),
      key: 'district',
      width: 110,
      render: (_, s) => (
        <span data-testid="sample-stratum" data-code={s.districtCode}>
          {s.name ?? s.districtCode}
        </span>
      ),
    },
    count('frameSize', t('evaluation.sample.frame')),
    count('sampleSize', t('evaluation.sample.size')),
    {
      title: t('evaluation.sample.answered'),
      key: 'answered',
      width: 72,
      align: 'right',
      render: (_, s) => <span data-testid="sample-stratum-answered">{s.sampleSize - s.pending}</span>,
    },
    count('yes', t('evaluation.sample.answers.yes')),
    count('no', t('evaluation.sample.answers.no')),
    count('refused', t('evaluation.sample.answers.refused')),
    count('unreachable', t('evaluation.sample.answers.unreachable')),
    count('responded', t('evaluation.sample.responded')),
    // The server's rate is the exact fraction yes/responded; its percentage is only for reading.
    { title: t('evaluation.sample.rate'), key: 'rate', width: 150, render: (_, s) => fractionText(s.yes, s.responded) },
  ];
  return (
    <Card
      size="small"
      title={t('evaluation.sample.results')}
      extra={
        <ExportXlsxButton
          fileName={`${survey.title} ${t('evaluation.sample.strata')}`}
          columns={xlsxColumnsFrom(columns)}
          rows={r.strata}
          testId="sample-strata-export"
        />
      }
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} md={10}>
          <Statistic
            title={t(`evaluation.sample.estimate.${survey.kind}`)}
            value={percentText(r.estimate.value)}
            valueRender={(node) => (
              <span data-testid="sample-estimate" data-value={r.estimate.value ?? ''} data-rate={r.estimate.rate ?? ''}>
                {node}
              </span>
            )}
          />
          <Typography.Text data-testid="sample-estimate-interval">{`${level}：${intervalText(r.estimate.interval)}`}</Typography.Text>
        </Col>
        <Col xs={24} md={8}>
          <Statistic
            title={t('evaluation.sample.pooled')}
            value={percentText(r.pooled.value)}
            valueRender={(node) => (
              <span data-testid="sample-pooled" data-value={r.pooled.value ?? ''}>
                {node}
              </span>
            )}
          />
          <Typography.Text data-testid="sample-pooled-interval">{`${level}：${intervalText(r.pooled.interval)}`}</Typography.Text>
          <div>
            <Typography.Text type="secondary">{t('evaluation.sample.pooledHint')}</Typography.Text>
          </div>
        </Col>
        <Col xs={24} md={6}>
          <Statistic
            title={t('evaluation.sample.responseRate')}
            value={percentText(r.responseRate.value)}
            valueRender={(node) => <span data-testid="sample-response-rate">{node}</span>}
          />
          <Typography.Text type="secondary">{`${r.responded}/${r.sampled} · ${t('evaluation.sample.responseHint')}`}</Typography.Text>
        </Col>
      </Row>
      {r.responded > 0 && r.estimate.strataWithoutAnswers.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          title={t('evaluation.sample.withoutAnswers', { names: r.estimate.strataWithoutAnswers.map(districtName).join('、') })}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('evaluation.sample.strata')}
      </Typography.Title>
      <Table<SampleStratum>
        size="small"
        rowKey="districtCode"
        bordered
        pagination={false}
        dataSource={r.strata}
        columns={columns}
        scroll={{ x: 900 }}
        data-testid="sample-strata"
      />
    </Card>
  );
}
