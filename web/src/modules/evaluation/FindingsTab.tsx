// 整改事项: findings whose responsible office is in scope, soonest due first, by status; the
// responsible office closes its own (findings.close).
import { useState } from 'react';
import { Segmented, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import CursorTable from '../../app/CursorTable.tsx';
import { xlsxColumnsFrom } from '../../app/xlsx.ts';
import { useAuth } from '../accounts/index.ts';
import { evaluationKeys, fetchFindings } from './api.ts';
import CloseFindingModal from './CloseFindingModal.tsx';
import { findingColumns } from './findingColumns.tsx';
import type { Finding } from './types.ts';
import { usePaged } from './usePaged.ts';

export default function FindingsTab() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [status, setStatus] = useState<'open' | 'closed' | 'all'>('open');
  const [closing, setClosing] = useState<Finding | null>(null);
  const filter = status === 'all' ? undefined : status;
  const { query, rows } = usePaged(evaluationKeys.findings(filter), (q) => fetchFindings({ ...q, status: filter }));
  const columns = findingColumns(t, can('findings.close') ? setClosing : null);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          data-testid="findings-status"
          value={status}
          onChange={setStatus}
          options={(['open', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`evaluation.findings.filter.${s}`) }))}
        />
      </Space>
      <CursorTable
        query={query}
        rows={rows}
        columns={columns}
        testId="finding-table"
        exportName={t('evaluation.findings.title')}
        exportColumns={xlsxColumnsFrom(columns, { actions: null })}
        emptyText={t('evaluation.findings.empty')}
        scrollX={900}
      />
      {closing && <CloseFindingModal finding={closing} onClose={() => setClosing(null)} />}
    </Space>
  );
}
