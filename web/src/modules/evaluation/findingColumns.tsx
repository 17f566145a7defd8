// The columns of a findings list (the findings tab and an engagement's findings): severity, the
// responsible office, the due date, and the status with a close action for findings.close.
import { Button, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { TFunction } from 'i18next';
import type { Finding } from './types.ts';

const SEVERITY_COLORS = { low: 'default', medium: 'orange', high: 'red' } as const;

export function findingColumns(t: TFunction, onClose: ((f: Finding) => void) | null): ColumnsType<Finding> {
  return [
    {
      title: t('evaluation.findings.text'),
      key: 'text',
      render: (_, f) => (
        <span data-testid="finding-row" data-id={f.id} data-status={f.status}>
          {f.text}
        </span>
      ),
    },
    {
      title: t('evaluation.findings.severity'),
      key: 'severity',
      width: 90,
      render: (_, f) => <Tag color={SEVERITY_COLORS[f.severity]}>{t(`evaluation.severities.${f.severity}`)}</Tag>,
    },
    { title: t('evaluation.findings.office'), key: 'office', width: 120, render: (_, f) => f.responsibleDivision },
    { title: t('evaluation.findings.dueOn'), key: 'due', width: 110, render: (_, f) => f.dueOn },
    {
      title: t('evaluation.findings.status'),
      key: 'status',
      width: 110,
      render: (_, f) =>
        f.status === 'closed' ? (
          <Tooltip title={f.closingNote ? `${f.closedBy ?? ''}：${f.closingNote}` : undefined}>
            <Tag color="green">{t('evaluation.findings.statuses.closed')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="gold">{t('evaluation.findings.statuses.open')}</Tag>
        ),
    },
    ...(onClose
      ? [
          {
            title: t('evaluation.actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, f: Finding) =>
              f.status === 'open' && (
                <Button size="small" onClick={() => onClose(f)} data-testid="finding-close">
                  {t('evaluation.findings.close')}
                </Button>
              ),
          },
        ]
      : []),
  ];
}
