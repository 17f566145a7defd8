// The plan's status and actions: save, submit to the residents' vote, record their approval,
// start a new revision of a frozen plan; its versions; six-haves and scenario coverage.
import { Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../app/money.ts';
import type { Plan, PlanStatus } from './types.ts';

const STATUS_COLORS: Record<PlanStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success' };

interface ActionsProps {
  plan: Plan | null;
  editable: boolean;
  dirty: boolean;
  canWrite: boolean;
  canApprove: boolean;
  busy: string | null;
  invalid: boolean;
  onSave: () => void;
  onSubmit: () => void;
  onApprove: () => void;
  onRevise: () => void;
}

export function PlanActions(p: ActionsProps) {
  const { t } = useTranslation();
  const status = p.plan?.status;
  return (
    <Space wrap data-testid="plan-actions">
      <span>{t('plan.status')}：</span>
      <Tag color={status ? STATUS_COLORS[status] : 'default'} data-testid="plan-status" data-status={status ?? 'none'}>
        {status ? t(`plan.statuses.${status}`) : t('plan.statuses.none')}
      </Tag>
      {p.plan && <Typography.Text type="secondary">{t('plan.versionN', { version: p.plan.version })}</Typography.Text>}
      {p.canWrite && p.editable && (
        <Button type="primary" data-testid="plan-save" loading={p.busy === 'save'} disabled={!p.dirty || p.invalid} onClick={p.onSave}>
          {t('plan.save')}
        </Button>
      )}
      {p.canWrite && status === 'draft' && !p.dirty && (
        <Popconfirm title={t('plan.submitConfirm')} onConfirm={p.onSubmit}>
          <Button data-testid="plan-submit" loading={p.busy === 'submit'}>
            {t('plan.submit')}
          </Button>
        </Popconfirm>
      )}
      {p.canApprove && status === 'submitted' && (
        <Popconfirm title={t('plan.approveConfirm')} onConfirm={p.onApprove}>
          <Button data-testid="plan-approve" loading={p.busy === 'approve'}>
            {t('plan.approve')}
          </Button>
        </Popconfirm>
      )}
      {p.canWrite && !p.editable && status !== 'draft' && (
        <Button data-testid="plan-revise" onClick={p.onRevise}>
          {t('plan.revise')}
        </Button>
      )}
    </Space>
  );
}

export function PlanCoverage({ coverage }: { coverage: Plan['coverage'] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('plan.coverage')} data-testid="plan-coverage">
      <Typography.Text type="secondary">{t('catalogue.sixHaves')}</Typography.Text>
      <div style={{ margin: '4px 0 8px' }}>
        {coverage.sixHaves.map((h) => (
          <Tag key={h.name} color={h.covered ? 'green' : undefined} data-testid="six-have" data-covered={String(h.covered)}>
            {h.covered ? '✓ ' : ''}
            {t(`catalogue.sixHavesNames.${h.name}`, { defaultValue: h.name })}
          </Tag>
        ))}
      </div>
      <Typography.Text type="secondary">{t('catalogue.scenario')}</Typography.Text>
      <div style={{ marginTop: 4 }}>
        {coverage.scenarios.map((s) => (
          <Tag key={s.scenario} color={s.covered ? 'cyan' : undefined} data-testid="scenario" data-covered={String(s.covered)}>
            {s.covered ? '✓ ' : ''}
            {t(`catalogue.scenarios.${s.scenario}`, { defaultValue: s.scenario })}
          </Tag>
        ))}
      </div>
    </Card>
  );
}

export function PlanVersions({ plan, viewing, onView }: { plan: Plan; viewing: number | null; onView: (v: number | null) => void }) {
  const { t } = useTranslation();
  const latest = Math.max(...plan.versions.map((v) => v.version), plan.version);
  return (
    <Card size="small" title={t('plan.versions')} data-testid="plan-versions">
      <List
        size="small"
        dataSource={[...plan.versions].sort((a, b) => b.version - a.version)}
        renderItem={(v) => {
          const active = (viewing ?? latest) === v.version;
          return (
            <List.Item
              style={{ cursor: 'pointer', background: active ? '#e6f0ff' : undefined, paddingInline: 8 }}
              onClick={() => onView(v.version === latest ? null : v.version)}
            >
              <Space size={6} wrap>
                <strong>{t('plan.versionN', { version: v.version })}</strong>
                <Tag color={STATUS_COLORS[v.status as PlanStatus]}>{t(`plan.statuses.${v.status}`)}</Tag>
                <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatFen(v.totalFen)}</span>
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {new Date(v.createdAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}
              </Typography.Text>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
