// The buttons of one step: mark done, simplify citing a consultation whose minutes allow it, back to pending.
import { Button, Dropdown, Popconfirm, Space, Tooltip } from 'antd';
import { CheckOutlined, DownOutlined, RollbackOutlined, ScissorOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApprovalStep, Consultation, StepStatus } from './types.ts';

interface Props {
  step: ApprovalStep;
  consultations: Consultation[];
  busy: boolean;
  onSet: (status: StepStatus, consultationId?: string) => void;
}

/** Consultations whose minutes record a simplification of this step (the server has the last word). */
export function simplifiers(step: string, consultations: Consultation[]): Consultation[] {
  return consultations.filter((c) => !!c.minutes?.trim() && c.decisions.some((d) => d.step === step && d.simplified && !!d.minute?.trim()));
}

export default function StepActions({ step, consultations, busy, onSet }: Props) {
  const { t } = useTranslation();
  const allowed = simplifiers(step.code, consultations);
  return (
    <Space size={4} wrap>
      {step.status !== 'done' && (
        <Button size="small" icon={<CheckOutlined />} data-testid="step-done" disabled={busy} onClick={() => onSet('done')}>
          {t('approvals.markDone')}
        </Button>
      )}
      {step.status !== 'simplified' &&
        (allowed.length === 0 ? (
          <Tooltip title={t('approvals.noSimplification')}>
            <Button size="small" icon={<ScissorOutlined />} data-testid="step-simplify" disabled>
              {t('approvals.simplify')}
            </Button>
          </Tooltip>
        ) : (
          <Dropdown
            trigger={['click']}
            disabled={busy}
            menu={{
              items: [...allowed].reverse().map((c) => ({
                key: c.id,
                label: (
                  <span data-testid="simplify-with" data-consultation={c.id}>
                    {t('approvals.simplifyWith', { date: c.date })}
                  </span>
                ),
              })),
              onClick: ({ key }) => onSet('simplified', key),
            }}
          >
            <Button size="small" icon={<ScissorOutlined />} data-testid="step-simplify">
              {t('approvals.simplify')} <DownOutlined />
            </Button>
          </Dropdown>
        ))}
      {step.status !== 'pending' && (
        <Popconfirm title={t('approvals.pendingConfirm')} onConfirm={() => onSet('pending')}>
          <Button size="small" danger icon={<RollbackOutlined />} data-testid="step-pending" disabled={busy}>
            {t('approvals.backToPending')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
