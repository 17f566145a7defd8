// The "Export .xlsx" button every table carries. The rows are an array, or a function that
// gathers them first (a cursor list fetches its remaining pages), so the button shows one
// loading state for the whole export and one error message whatever step failed.
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './api.ts';
import { downloadXlsx, type XlsxColumn } from './xlsx.ts';

interface Props<T> {
  fileName: string;
  /** The worksheet's name; the file name by default. */
  sheet?: string;
  columns: XlsxColumn<T>[];
  rows: T[] | (() => Promise<T[]>);
  testId?: string;
}

export default function ExportXlsxButton<T>({ fileName, sheet, columns, rows, testId = 'xlsx-export' }: Props<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    setBusy(true);
    try {
      const all = typeof rows === 'function' ? await rows() : rows;
      await downloadXlsx(fileName, sheet ?? fileName, columns, all);
    } catch (err) {
      void message.error({
        content: <span data-testid="export-error">{`${t('common.exportFailed')}：${errorMessage(err)}`}</span>,
        duration: 8,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      disabled={Array.isArray(rows) && rows.length === 0}
      onClick={() => void run()}
      data-testid={testId}
    >
      {t('common.exportXlsx')}
    </Button>
  );
}
