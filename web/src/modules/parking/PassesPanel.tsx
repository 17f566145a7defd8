// Monthly passes: granted for a plate and a calendar month at the tariff's price, the payment's method and reference
// written down (the plate then passes the barriers all month); listed the latest month first.
import { Alert, App, Button, Form, Input, Select, Space, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import ProblemAlert from '../../app/ProblemAlert.tsx';
import { formatFen } from '../../app/money.ts';
import { cityTime } from '../../app/time.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { fetchPasses, grantPass, parkingKeys, PAYMENT_METHODS, shanghaiMonth, type NewParkingPass, type ParkingPass } from './api.ts';

const PAGE = 20;

const passState = (month: string, now = shanghaiMonth()) => (month < now ? 'past' : month > now ? 'ahead' : 'current');
const STATE_COLOR = { past: 'default', current: 'green', ahead: 'blue' } as const;

export default function PassesPanel({ compoundId }: { compoundId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewParkingPass>();
  const query = useInfiniteQuery({
    queryKey: parkingKeys.passes(compoundId),
    queryFn: ({ pageParam }) => fetchPasses(compoundId, PAGE, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  const grant = useMutation({
    mutationFn: (v: NewParkingPass) => grantPass(compoundId, { ...v, plate: v.plate.trim(), reference: v.reference.trim() }),
    onSuccess: (p) => {
      void message.success(t('parkingDesk.passGranted', { plate: p.plate, month: p.month, amount: formatFen(p.amountFen) }));
      void queryClient.invalidateQueries({ queryKey: parkingKeys.all(compoundId) });
      form.resetFields(['plate', 'reference']);
    },
  });

  const columns: ColumnsType<ParkingPass> = [
    {
      title: t('parkingDesk.columns.plate'),
      key: 'plate',
      width: 110,
      render: (_, p) => (
        <span data-testid="pass-row" data-plate={p.plate}>
          {p.plate}
        </span>
      ),
    },
    { title: t('parkingDesk.columns.month'), key: 'month', width: 100, render: (_, p) => p.month },
    {
      title: t('parkingDesk.columns.state'),
      key: 'state',
      width: 90,
      render: (_, p) => {
        const s = passState(p.month);
        return <Tag color={STATE_COLOR[s]}>{t(`parkingDesk.passState.${s}`)}</Tag>;
      },
    },
    {
      title: t('parkingDesk.columns.amount'),
      key: 'amount',
      width: 110,
      render: (_, p) => <span data-testid="pass-amount">{formatFen(p.amountFen)}</span>,
    },
    { title: t('parkingDesk.method'), key: 'method', width: 110, render: (_, p) => t(`parkingDesk.methods.${p.method}`) },
    { title: t('parkingDesk.reference'), key: 'reference', width: 160, render: (_, p) => p.reference },
    { title: t('parkingDesk.columns.recordedAt'), key: 'createdAt', width: 170, render: (_, p) => cityTime(p.createdAt, i18n.language) },
  ];

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('parkingDesk.passHint')} />
      <Form
        form={form}
        layout="inline"
        initialValues={{ month: shanghaiMonth(), method: 'wechat' }}
        onFinish={(v) => grant.mutate(v)}
        data-testid="pass-form"
      >
        <Form.Item
          name="plate"
          label={t('parkingDesk.columns.plate')}
          rules={[{ required: true, whitespace: true, message: t('parkingDesk.required') }]}
        >
          <Input maxLength={16} placeholder="浙A12345" style={{ width: 130 }} data-testid="pass-plate" />
        </Form.Item>
        <Form.Item
          name="month"
          label={t('parkingDesk.columns.month')}
          rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: t('parkingDesk.monthInvalid') }]}
        >
          <Input type="month" style={{ width: 150 }} data-testid="pass-month" />
        </Form.Item>
        <Form.Item name="method" label={t('parkingDesk.method')}>
          <Select
            style={{ width: 120 }}
            data-testid="pass-method"
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`parkingDesk.methods.${m}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="reference"
          label={t('parkingDesk.reference')}
          rules={[{ required: true, whitespace: true, message: t('parkingDesk.required') }]}
        >
          <Input maxLength={64} style={{ width: 180 }} data-testid="pass-reference" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={grant.isPending} data-testid="pass-submit">
            {t('parkingDesk.grantPass')}
          </Button>
        </Form.Item>
      </Form>
      {grant.isError && (
        <ProblemAlert title={t('parkingDesk.passFailed')} error={grant.error} testId="pass-error" onClose={() => grant.reset()} />
      )}
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="passes-table"
        emptyText={t('parkingDesk.noPasses')}
        scrollX={900}
        exportName={t('parkingDesk.tabs.passes')}
        exportColumns={xlsxColumnsFrom(columns, {
          plate: (p) => p.plate,
          state: (p) => t(`parkingDesk.passState.${passState(p.month)}`),
          amount: (p) => formatFen(p.amountFen),
        })}
      />
    </Space>
  );
}
