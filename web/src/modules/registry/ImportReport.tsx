// Outcomes of an import: counts on success, the row report when the file was refused.
import { Alert, Card, Col, Flex, Row, Statistic, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
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

type ErrorRow = ImportRowError & { key: number };

export function ImportErrorsView({ detail, errors }: { detail?: string; errors: ImportRowError[] }) {
  const { t } = useTranslation();
  const rows: ErrorRow[] = errors.map((e, key) => ({ ...e, key }));
  const columns: TableColumnsType<ErrorRow> = [
    { title: t('import.columns.line'), dataIndex: 'line', width: 80, render: (v?: number) => v ?? '—' },
    {
      title: t('import.columns.column'),
      dataIndex: 'column',
      width: 160,
      render: (v: string | undefined, row) => v ?? row.path ?? '—',
    },
    { title: t('import.columns.message'), dataIndex: 'message' },
  ];
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
        <Flex vertical gap={8}>
          <Flex justify="end">
            <ExportXlsxButton<ErrorRow>
              fileName={`${t('import.title')} ${t('import.errorCount', { count: errors.length })}`}
              columns={xlsxColumnsFrom(columns)}
              rows={rows}
            />
          </Flex>
          <Table<ErrorRow>
            size="small"
            bordered
            rowKey="key"
            dataSource={rows}
            pagination={errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 560 }}
            columns={columns}
          />
        </Flex>
      )}
    </Card>
  );
}
