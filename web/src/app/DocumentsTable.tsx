// A table of filed documents, newest first, each with a download through the session (blob link)
// and its size and upload time. The caller names the columns before the file and between size and
// time. Used by the approval materials and the governance documents.
import { useState } from 'react';
import { App, Button, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';
import ExportXlsxButton from './ExportXlsxButton.tsx';
import { xlsxColumnsFrom } from './xlsx.ts';
import { cityTime } from './time.ts';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

interface Props<T extends { id: string; filename: string; uploadedAt: string }> {
  /** Oldest first, as the server lists them. */
  documents: T[];
  download: (doc: T) => Promise<unknown>;
  sizeOf: (doc: T) => number;
  /** The i18n prefix of the column titles `file`, `size` and `uploadedAt`. */
  titlePrefix: string;
  emptyText: string;
  scrollX: number;
  /** The row's test id; its download button is `${testId}-download`. */
  testId: string;
  /** More `data-*` attributes of a row (beside `data-id`). */
  rowData?: (doc: T) => Record<string, string>;
  /** Columns before the file, and between its size and upload time. */
  leading?: TableColumnsType<T>;
  trailing?: TableColumnsType<T>;
}

export default function DocumentsTable<T extends { id: string; filename: string; uploadedAt: string }>({
  documents,
  download,
  sizeOf,
  titlePrefix,
  emptyText,
  scrollX,
  testId,
  rowData,
  leading = [],
  trailing = [],
}: Props<T>) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const fetchFile = (doc: T) => {
    setBusy(doc.id);
    download(doc)
      .catch((err: unknown) => void message.error(`${t('approvals.downloadFailed')}：${errorMessage(err)}`))
      .finally(() => setBusy(null));
  };

  const rows = [...documents].reverse();
  const columns: TableColumnsType<T> = [
    ...leading,
    {
      title: t(`${titlePrefix}.file`),
      key: 'file',
      render: (_, d) => (
        <Button
          type="link"
          size="small"
          icon={<DownloadOutlined />}
          loading={busy === d.id}
          onClick={() => fetchFile(d)}
          data-testid={`${testId}-download`}
          style={{ paddingInline: 0 }}
        >
          {d.filename}
        </Button>
      ),
    },
    { title: t(`${titlePrefix}.size`), key: 'size', width: 90, render: (_, d) => formatSize(sizeOf(d)) },
    ...trailing,
    {
      title: t(`${titlePrefix}.uploadedAt`),
      key: 'at',
      width: 170,
      render: (_, d) => <Typography.Text type="secondary">{cityTime(d.uploadedAt, i18n.language)}</Typography.Text>,
    },
  ];
  return (
    <>
      <Flex justify="end" style={{ marginBlockEnd: 8 }}>
        <ExportXlsxButton
          fileName={testId}
          columns={xlsxColumnsFrom(columns, {
            file: (d) => d.filename,
            at: (d) => cityTime(d.uploadedAt, i18n.language),
          })}
          rows={rows}
          testId={`${testId}-export`}
        />
      </Flex>
      <Table<T>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={documents.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText }}
        scroll={{ x: scrollX }}
        onRow={(d) => ({ 'data-testid': testId, 'data-id': d.id, ...rowData?.(d) }) as object}
        columns={columns}
      />
    </>
  );
}
