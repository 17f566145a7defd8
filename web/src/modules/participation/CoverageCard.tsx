// 入户覆盖: reached of all households with a progress bar, refusals, the table by building
// and unit, and the households not reached yet ("full coverage" is what the gate demands).
import { Alert, Card, Col, Empty, Flex, Progress, Row, Skeleton, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { fetchCoverage, participationKeys } from './api.ts';
import { percent } from './format.ts';
import type { Coverage, SurveySummary } from './types.ts';

type BuildingRow = Coverage['byBuilding'][number];
type NotReachedRow = Coverage['notReached'][number];

export default function CoverageCard({ survey }: { survey: SurveySummary }) {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: participationKeys.coverage(survey.id), queryFn: () => fetchCoverage(survey.id) });
  const byBuildingColumns: TableColumnsType<BuildingRow> = [
    { title: t('participation.coverage.columns.building'), dataIndex: 'building' },
    { title: t('participation.coverage.columns.unit'), dataIndex: 'unit' },
    {
      title: t('participation.coverage.columns.reached'),
      key: 'reached',
      align: 'right',
      render: (_, r) => `${r.reached} / ${r.total}`,
    },
    {
      title: t('participation.coverage.columns.rate'),
      key: 'rate',
      width: 150,
      render: (_, r) => (
        <Progress size="small" percent={percent(r.reached, r.total)} status={r.reached >= r.total ? 'success' : 'normal'} />
      ),
    },
  ];
  const notReachedColumns: TableColumnsType<NotReachedRow> = [
    { title: t('participation.coverage.columns.building'), dataIndex: 'building' },
    { title: t('participation.coverage.columns.unit'), dataIndex: 'unit' },
    { title: t('participation.paper.household'), dataIndex: 'room' },
  ];

  let body;
  if (query.isPending) body = <Skeleton active paragraph={{ rows: 3 }} />;
  else if (query.isError) body = <Alert type="error" showIcon title={t('common.error')} description={errorMessage(query.error)} />;
  else {
    const c = query.data;
    const full = c.total > 0 && c.reached >= c.total;
    body = (
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Row gutter={[16, 12]} align="middle">
          <Col xs={24} md={10}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              <span data-testid="coverage-reached" data-reached={c.reached} data-total={c.total}>
                {t('participation.coverage.reached', { reached: c.reached, total: c.total })}
              </span>
            </Typography.Title>
            <Typography.Text type="secondary" data-testid="coverage-refused" data-refused={c.refused}>
              {t('participation.coverage.refused', { count: c.refused })}
            </Typography.Text>
          </Col>
          <Col xs={24} md={14}>
            <Progress
              data-testid="coverage-progress"
              percent={percent(c.reached, c.total)}
              success={{ percent: percent(c.refused, c.total) }}
              status={full ? 'success' : 'active'}
            />
          </Col>
        </Row>
        {full ? (
          <Alert type="success" showIcon title={t('participation.coverage.full')} data-testid="coverage-full" />
        ) : (
          <Alert
            type={survey.kind === 'baseline' ? 'warning' : 'info'}
            showIcon
            title={t('participation.coverage.notFull', { count: c.total - c.reached })}
            data-testid="coverage-not-full"
          />
        )}
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={12}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong>{t('participation.coverage.byBuilding')}</Typography.Text>
              <ExportXlsxButton<BuildingRow>
                fileName={`${survey.title} ${t('participation.coverage.byBuilding')}`}
                testId="coverage-by-building-export"
                // The rate is drawn as a bar; the sheet gives its percentage.
                columns={xlsxColumnsFrom(byBuildingColumns, { rate: (r) => `${percent(r.reached, r.total)}%` })}
                rows={c.byBuilding}
              />
            </Flex>
            <Table<BuildingRow>
              data-testid="coverage-by-building"
              rowKey={(r) => `${r.building}\u0000${r.unit}`}
              size="small"
              bordered
              style={{ marginTop: 8 }}
              dataSource={c.byBuilding}
              pagination={c.byBuilding.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={byBuildingColumns}
            />
          </Col>
          <Col xs={24} lg={12}>
            <Flex justify="space-between" align="center" gap={8} wrap>
              <Typography.Text strong>
                {t('participation.coverage.notReached')} <Tag>{c.notReached.length}</Tag>
              </Typography.Text>
              <ExportXlsxButton<NotReachedRow>
                fileName={`${survey.title} ${t('participation.coverage.notReached')}`}
                testId="coverage-not-reached-export"
                columns={xlsxColumnsFrom(notReachedColumns)}
                rows={c.notReached}
              />
            </Flex>
            <Table<NotReachedRow>
              data-testid="coverage-not-reached"
              rowKey="householdId"
              size="small"
              bordered
              style={{ marginTop: 8 }}
              dataSource={c.notReached}
              pagination={c.notReached.length > 10 ? { pageSize: 10, size: 'small' } : false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('participation.coverage.noneLeft')} /> }}
              columns={notReachedColumns}
            />
          </Col>
        </Row>
      </Space>
    );
  }
  return (
    <Card size="small" title={`${t('participation.coverage.title')} · ${survey.title}`} data-testid="coverage-card">
      {body}
    </Card>
  );
}
