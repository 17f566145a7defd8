// 打印 / 导出 PDF: the browser's own print dialog, where "Save as PDF" is the export; what is
// printed is decided by the print stylesheet (web/src/app/print.css), not here.
import { Button } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export default function PrintButton({ testId = 'print-button' }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid={testId} className="no-print">
      {t('evaluation.print')}
    </Button>
  );
}
