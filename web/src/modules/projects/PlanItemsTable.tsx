// The plan's lines: quantity (two places) and an optional unit price in yuan (else the
// price list's), with each line's amount computed exactly as the user types.
import type { HTMLAttributes } from 'react';
import { Button, Flex, InputNumber, Table, Tooltip, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { fenToYuanString, formatFen } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { indicatorName, type CatalogueIndex } from '../catalogue/index.ts';
import type { DraftLine, RunningTotals } from './planMath.ts';

interface Props {
  lines: DraftLine[];
  index: CatalogueIndex | null;
  prices: Map<string, number>;
  totals: RunningTotals;
  editable: boolean;
  onChange: (code: string, patch: Partial<DraftLine>) => void;
  onRemove: (code: string) => void;
}

export default function PlanItemsTable({ lines, index, prices, totals, editable, onChange, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const priceText = (code: string) => {
    const shown = totals.lines.get(code)?.unitPriceFen;
    return shown === null || shown === undefined ? '—' : formatFen(shown);
  };

  const columns: ColumnsType<DraftLine> = [
    {
      title: t('plan.columns.code'),
      dataIndex: 'code',
      width: 84,
      render: (c: string) => (
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {c}
        </Typography.Text>
      ),
    },
    {
      title: t('plan.columns.indicator'),
      dataIndex: 'code',
      key: 'name',
      render: (c: string) => {
        const ind = index?.byCode.get(c);
        return ind ? indicatorName(ind, lang) : c;
      },
    },
    {
      title: t('plan.columns.unit'),
      dataIndex: 'code',
      key: 'unit',
      width: 56,
      align: 'center',
      render: (c: string) => {
        const unit = index?.byCode.get(c)?.unit;
        return unit ? t(`catalogue.units.${unit}`, { defaultValue: unit }) : '';
      },
    },
    {
      title: t('plan.columns.quantity'),
      dataIndex: 'quantity',
      width: 124,
      render: (q: string, row) =>
        editable ? (
          <InputNumber<string>
            data-testid="plan-quantity"
            stringMode
            min="0"
            precision={2}
            value={q === '' ? null : q}
            status={totals.invalid.includes(row.code) && q !== '' ? 'error' : undefined}
            placeholder="0.00"
            onChange={(v) => onChange(row.code, { quantity: v ?? '' })}
            style={{ width: '100%' }}
          />
        ) : (
          q
        ),
    },
    {
      title: t('plan.columns.unitPrice'),
      dataIndex: 'unitPrice',
      width: 130,
      render: (p: string, row) => {
        const listed = prices.get(row.code);
        if (!editable) return priceText(row.code);
        return (
          <Tooltip title={listed === undefined ? t('plan.noListPrice') : t('plan.listPrice', { price: formatFen(listed) })}>
            <InputNumber<string>
              data-testid="plan-unit-price"
              stringMode
              min="0"
              precision={2}
              prefix="¥"
              value={p === '' ? null : p}
              placeholder={listed === undefined ? '' : fenToYuanString(listed)}
              onChange={(v) => onChange(row.code, { unitPrice: v ?? '' })}
              style={{ width: '100%' }}
            />
          </Tooltip>
        );
      },
    },
    {
      title: t('plan.columns.amount'),
      key: 'amount',
      width: 130,
      align: 'right',
      render: (_v, row) => {
        const amount = totals.lines.get(row.code)?.amountFen;
        return (
          <span data-testid="plan-line-amount" data-fen={amount === null || amount === undefined ? '' : String(amount)} style={num}>
            {amount === null || amount === undefined ? '—' : formatFen(amount)}
          </span>
        );
      },
    },
    ...(editable
      ? [
          {
            key: 'remove',
            width: 48,
            render: (_v: unknown, row: DraftLine) => (
              <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label="remove" onClick={() => onRemove(row.code)} />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={8}>
      <Flex justify="end">
        <ExportXlsxButton<DraftLine>
          fileName={t('plan.items', { count: lines.length })}
          testId="plan-items-export"
          // While editing the price cell is an input; the sheet carries the price in effect, as read-only rows show it.
          columns={xlsxColumnsFrom(columns, { unitPrice: (l) => priceText(l.code) })}
          rows={lines}
        />
      </Flex>
      <Table<DraftLine>
        data-testid="plan-items"
        rowKey="code"
        size="small"
        bordered
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 700 }}
        onRow={(row) => ({ 'data-testid': 'plan-row', 'data-code': row.code }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('plan.noItems') }}
      />
    </Flex>
  );
}

const num = { fontVariantNumeric: 'tabular-nums' } as const;
