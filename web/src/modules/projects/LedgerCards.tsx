// The disbursement ledger with its form (a 409 means the source's planned plus amended
// amount would be passed: an amendment is needed first) and the amendments with theirs.
import { Alert, Button, Card, Form, Input, InputNumber, Select, Table, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api.ts';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { fenToNumber, formatFen, parseYuanToFen } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { addAmendment, addDisbursement, projectKeys } from './api.ts';
import { FUNDING_SOURCES, type Amendment, type Disbursement, type NewAmendment, type NewDisbursement } from './fundingTypes.ts';
import { DateField } from '../../app/DateTimeField.tsx';

interface LedgerProps {
  projectId: string;
  canWrite: boolean;
}

function useSourceOptions() {
  const { t } = useTranslation();
  return FUNDING_SOURCES.map((s) => ({ value: s, label: t(`funding.sources.${s}`) }));
}

function amountFen(text: string): number {
  const fen = parseYuanToFen(text);
  if (fen === null || fen <= 0n) throw new Error('amount');
  return fenToNumber(fen);
}

export function DisbursementsCard({ projectId, canWrite, rows }: LedgerProps & { rows: Disbursement[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const sources = useSourceOptions();
  const add = useMutation({
    mutationFn: (v: { date: string; source: string; amount: string; payee: string; documentRef: string }) =>
      addDisbursement(projectId, {
        date: v.date,
        source: v.source as NewDisbursement['source'],
        amountFen: amountFen(v.amount),
        payee: v.payee.trim(),
        documentRef: v.documentRef.trim(),
      }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: projectKeys.funding(projectId) });
    },
  });
  const over = add.error instanceof ApiError && add.error.status === 409 ? add.error.problem : null;
  const fenOf = (v: unknown) => (typeof v === 'number' ? formatFen(v) : '—');
  const columns: TableColumnsType<Disbursement> = [
    { title: t('funding.columns.date'), dataIndex: 'date', width: 110 },
    {
      title: t('funding.columns.source'),
      dataIndex: 'source',
      render: (s: string) => t(`funding.sources.${s}`, { defaultValue: s }),
    },
    { title: t('funding.columns.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
    { title: t('funding.columns.payee'), dataIndex: 'payee' },
    { title: t('funding.columns.documentRef'), dataIndex: 'documentRef' },
  ];

  return (
    <Card
      size="small"
      title={t('funding.disbursements')}
      data-testid="disbursements"
      extra={
        <ExportXlsxButton<Disbursement>
          fileName={t('funding.disbursements')}
          testId="disbursements-export"
          columns={xlsxColumnsFrom(columns)}
          rows={rows}
        />
      }
    >
      <Table<Disbursement>
        rowKey={(r) => r.id ?? `${r.date}-${r.documentRef}`}
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('funding.noDisbursements') }}
        columns={columns}
      />
      {canWrite && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)}>
          <Form.Item name="date" rules={[{ required: true }]}>
            <DateField placeholder={t('funding.columns.date')} />
          </Form.Item>
          <SourceAndAmount sources={sources} />
          <Form.Item name="payee" rules={[{ required: true, whitespace: true }]}>
            <Input placeholder={t('funding.columns.payee')} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="documentRef" rules={[{ required: true, whitespace: true }]}>
            <Input placeholder={t('funding.columns.documentRef')} style={{ width: 150 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('funding.disburse')}
          </Button>
        </Form>
      )}
      {add.isError && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          data-testid="disbursement-error"
          title={over ? t('funding.overDisbursed') : errorMessage(add.error)}
          description={
            over ? t('funding.needAmendment', { available: fenOf(over.availableFen), requested: fenOf(over.requestedFen) }) : undefined
          }
        />
      )}
    </Card>
  );
}

export function AmendmentsCard({ projectId, canWrite, rows }: LedgerProps & { rows: Amendment[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const client = useQueryClient();
  const sources = useSourceOptions();
  const add = useMutation({
    mutationFn: (v: { source: string; amount: string; reason: string }) =>
      addAmendment(projectId, { source: v.source as NewAmendment['source'], amountFen: amountFen(v.amount), reason: v.reason.trim() }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: projectKeys.funding(projectId) });
    },
  });
  const columns: TableColumnsType<Amendment> = [
    { title: t('funding.columns.date'), dataIndex: 'at', width: 110, render: (v?: string) => v?.slice(0, 10) ?? '—' },
    {
      title: t('funding.columns.source'),
      dataIndex: 'source',
      render: (s: string) => t(`funding.sources.${s}`, { defaultValue: s }),
    },
    { title: t('funding.columns.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
    { title: t('funding.columns.reason'), dataIndex: 'reason' },
  ];
  return (
    <Card
      size="small"
      title={t('funding.amendments')}
      data-testid="amendments"
      extra={
        <ExportXlsxButton<Amendment>
          fileName={t('funding.amendments')}
          testId="amendments-export"
          columns={xlsxColumnsFrom(columns)}
          rows={rows}
        />
      }
    >
      <Table<Amendment>
        rowKey={(r) => r.id ?? `${r.source}-${r.reason}`}
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('funding.noAmendments') }}
        columns={columns}
      />
      {canWrite && (
        <Form form={form} layout="inline" style={{ marginTop: 12, rowGap: 8 }} onFinish={(v) => add.mutate(v)}>
          <SourceAndAmount sources={sources} />
          <Form.Item name="reason" rules={[{ required: true, whitespace: true }]}>
            <Input placeholder={t('funding.columns.reason')} style={{ width: 240 }} />
          </Form.Item>
          <Button htmlType="submit" loading={add.isPending}>
            {t('funding.amend')}
          </Button>
        </Form>
      )}
      {add.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorMessage(add.error)} />}
    </Card>
  );
}

/** The source and amount fields both ledger forms ask for (amount in yuan, two decimals, as a string). */
function SourceAndAmount({ sources }: { sources: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="source" rules={[{ required: true }]}>
        <Select placeholder={t('funding.columns.source')} options={sources} style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="amount" rules={[{ required: true }]}>
        <InputNumber<string>
          stringMode
          min="0.01"
          precision={2}
          prefix="¥"
          placeholder={t('funding.columns.amount')}
          style={{ width: 150 }}
        />
      </Form.Item>
    </>
  );
}
