// Running totals per first- and second-level indicator and the project total, in exact fen;
// after a save, the server's totals beside them.
import { Card, Descriptions, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen, formatFenBig } from '../../app/money.ts';
import { indicatorName, type CatalogueIndex } from '../catalogue/index.ts';
import type { RunningTotals } from './planMath.ts';
import type { Plan } from './types.ts';

interface Props {
  totals: RunningTotals;
  index: CatalogueIndex | null;
  saved: Plan | null;
  dirty: boolean;
}

export default function PlanTotals({ totals, index, saved, dirty }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const name = (code: string) => {
    const ind = index?.byCode.get(code);
    return ind ? indicatorName(ind, lang) : code;
  };
  const level1 = [...totals.byLevel1.entries()].sort(([a], [b]) => a.localeCompare(b));

  return (
    <Card size="small" title={t('plan.totals')} data-testid="plan-totals">
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        <Statistic
          title={t('plan.runningTotal')}
          valueRender={() => (
            <span data-testid="plan-running-total" data-fen={String(totals.totalFen)} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatFen(totals.totalFen)}
            </span>
          )}
        />
        {totals.totalFen >= 1_000_000n && <Typography.Text type="secondary">≈ {formatFenBig(totals.totalFen, lang)}</Typography.Text>}
        {level1.map(([l1, amount]) => (
          <div key={l1} data-testid="plan-level1-total" data-code={l1} data-fen={String(amount)}>
            <div style={row}>
              <Typography.Text strong>
                {l1} {name(l1)}
              </Typography.Text>
              <Typography.Text strong style={num}>
                {formatFen(amount)}
              </Typography.Text>
            </div>
            {[...totals.byLevel2.entries()]
              .filter(([l2]) => l2.startsWith(`${l1}.`))
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([l2, a2]) => (
                <div
                  key={l2}
                  style={{ ...row, paddingInlineStart: 16 }}
                  data-testid="plan-level2-total"
                  data-code={l2}
                  data-fen={String(a2)}
                >
                  <Typography.Text type="secondary">
                    {l2} {name(l2)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={num}>
                    {formatFen(a2)}
                  </Typography.Text>
                </div>
              ))}
          </div>
        ))}
        {saved && (
          <Descriptions size="small" column={1} bordered style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('plan.serverTotal', { version: saved.version })}>
              <span data-testid="plan-server-total" data-fen={String(saved.totals.totalFen)} style={num}>
                {formatFen(saved.totals.totalFen)}
              </span>
              {dirty && (
                <Tag color="warning" style={{ marginInlineStart: 8 }}>
                  {t('plan.unsaved')}
                </Tag>
              )}
              {!dirty && BigInt(saved.totals.totalFen) !== totals.totalFen && (
                <Tag color="error" style={{ marginInlineStart: 8 }} data-testid="plan-total-mismatch">
                  {t('plan.mismatch')}
                </Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}

const row = { display: 'flex', justifyContent: 'space-between', gap: 8 } as const;
const num = { fontVariantNumeric: 'tabular-nums' } as const;
