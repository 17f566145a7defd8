// Outcomes of an import: counts on success, the row report when the file was refused.
import { Alert, Card, Col, Row, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportCounts, ImportRowError } from './types.ts';

export function ImportCountsView({ counts }: { counts: ImportCounts }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="import-success">
      <Alert type="success" showIcon title={t('import.success')} style={{ marginBottom: 16 }} />
      <Row gutter={16}>
        <Col xs={8}>
          <Statistic title={t('import.created')} value={counts.created} styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('import.updated')} value={counts.updated} styles={{ content: { color: '#1558b0' } }} />
        </Col>
        <Col xs={8}>
          <Statistic title={t('import.unchanged')} value={counts.unchanged} />
        </Col>
      </Row>
    </Card>
  );
}

export function ImportErrorsView({ detail, errors }: { detail?: string; errors: ImportRowError[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={t('import.nothingWritten')}
        description={[detail, errors.length > 0 ? t('import.errorCount', { count: errors.length }) : undefined].filter(Boolean).join(' · ')}
        style={{ marginBottom: 16 }}
      />
      {errors.length > 0 && (
        <Table<ImportRowError & { key: number }>
          size="small"
          bordered
          rowKey="key"
          dataSource={errors.map((e, key) => ({ ...e, key }))}
          pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          columns={[
            { title: t('import.columns.line'), dataIndex: 'line', width: 80, render: (v?: number) => v ?? '—' },
            {
              title: t('import.columns.column'),
              dataIndex: 'column',
              width: 160,
              render: (v: string | undefined, row) => v ?? row.path ?? '—',
            },
            { title: t('import.columns.message'), dataIndex: 'message' },
          ]}
        />
      )}
    </Card>
  );
}
