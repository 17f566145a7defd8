// Editable funding lines: source (resident contributions also name their channel) and the
// amount in yuan, converted to integer fen exactly; the running sum below.
import { Button, InputNumber, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import ExportXlsxButton from '../../app/ExportXlsxButton.tsx';
import { formatFen, parseYuanToFen } from '../../app/money.ts';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { FUNDING_SOURCES, RESIDENT_CHANNELS } from './fundingTypes.ts';

export interface LineDraft {
  key: number;
  source: string;
  channel: string | null;
  amount: string;
}

interface Props {
  lines: LineDraft[];
  editable: boolean;
  onChange: (lines: LineDraft[]) => void;
  /** The rules' messages per row (by key), checked as the officer types. */
  rowErrors?: Map<number, string[]>;
  /** Messages about the whole plan, shown under the total. */
  planErrors?: string[];
}

let nextKey = 1;
export const newLineKey = () => nextKey++;

export function draftSumFen(lines: readonly LineDraft[]): bigint {
  return lines.reduce((sum, l) => sum + (parseYuanToFen(l.amount) ?? 0n), 0n);
}

export default function FundingLinesEditor({ lines, editable, onChange, rowErrors, planErrors = [] }: Props) {
  const { t } = useTranslation();
  const sourceName = (source: string) => t(`funding.sources.${source}`, { defaultValue: source });
  const channelName = (line: LineDraft) =>
    line.source === 'resident' ? t(`funding.channels.${line.channel}`, { defaultValue: line.channel ?? '' }) : '—';
  const amountText = (amount: string) => formatFen(parseYuanToFen(amount) ?? 0n);
  const patch = (key: number, change: Partial<LineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...change } : l)));

  const columns: ColumnsType<LineDraft> = [
    {
      title: t('funding.columns.source'),
      dataIndex: 'source',
      width: 200,
      render: (source: string, row) =>
        editable ? (
          <Select<string>
            data-testid="funding-source"
            value={source || undefined}
            placeholder={t('funding.pickSource')}
            style={{ width: '100%' }}
            onChange={(s) => patch(row.key, { source: s, channel: s === 'resident' ? (row.channel ?? RESIDENT_CHANNELS[0]) : null })}
            options={FUNDING_SOURCES.map((s) => ({ value: s, label: t(`funding.sources.${s}`) }))}
          />
        ) : (
          sourceName(source)
        ),
    },
    {
      title: t('funding.columns.channel'),
      dataIndex: 'channel',
      width: 190,
      render: (channel: string | null, row) => {
        if (row.source !== 'resident') return <Typography.Text type="secondary">—</Typography.Text>;
        return editable ? (
          <Select<string>
            data-testid="funding-channel"
            value={channel ?? undefined}
            style={{ width: '100%' }}
            onChange={(c) => patch(row.key, { channel: c })}
            options={RESIDENT_CHANNELS.map((c) => ({ value: c, label: t(`funding.channels.${c}`) }))}
          />
        ) : (
          channelName(row)
        );
      },
    },
    {
      title: t('funding.columns.amount'),
      dataIndex: 'amount',
      render: (amount: string, row) => {
        const errors = rowErrors?.get(row.key) ?? [];
        return (
          <>
            {editable ? (
              <InputNumber<string>
                data-testid="funding-amount"
                stringMode
                min="0"
                precision={2}
                prefix="¥"
                status={errors.length ? 'error' : undefined}
                value={amount === '' ? null : amount}
                onChange={(v) => patch(row.key, { amount: v ?? '' })}
                style={{ width: '100%' }}
              />
            ) : (
              amountText(amount)
            )}
            {errors.map((e) => (
              <Typography.Text key={e} type="danger" data-testid="funding-row-error" style={{ display: 'block', fontSize: 12 }}>
                {e}
              </Typography.Text>
            ))}
          </>
        );
      },
    },
    ...(editable
      ? [
          {
            key: 'remove',
            width: 48,
            render: (_v: unknown, row: LineDraft) => (
              <Button
                type="text"
                danger
                size="small"
                aria-label="remove"
                icon={<DeleteOutlined />}
                onClick={() => onChange(lines.filter((l) => l.key !== row.key))}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table<LineDraft>
        data-testid="funding-lines"
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={lines}
        onRow={() => ({ 'data-testid': 'funding-line' }) as object}
        locale={{ emptyText: t('funding.noLines') }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              <strong>{t('funding.linesTotal')}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={editable ? 2 : 1}>
              <strong data-testid="funding-lines-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {formatFen(draftSumFen(lines))}
              </strong>
              {planErrors.map((e) => (
                <Typography.Text key={e} type="danger" data-testid="funding-plan-error" style={{ display: 'block', fontSize: 12 }}>
                  {e}
                </Typography.Text>
              ))}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Space wrap>
        {editable && (
          <Button
            icon={<PlusOutlined />}
            data-testid="funding-add-line"
            onClick={() => onChange([...lines, { key: newLineKey(), source: '', channel: null, amount: '' }])}
          >
            {t('funding.addLine')}
          </Button>
        )}
        <ExportXlsxButton<LineDraft>
          fileName={t('funding.lines')}
          testId="funding-lines-export"
          // While editing the cells are inputs; the sheet carries the values they hold, as read-only rows show them.
          columns={xlsxColumnsFrom(columns, {
            source: (l) => sourceName(l.source),
            channel: channelName,
            amount: (l) => amountText(l.amount),
          })}
          rows={lines}
        />
      </Space>
    </Space>
  );
}
