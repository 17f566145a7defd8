// Explains each broken funding rule in words: what was exceeded, the limit and the actual
// amount, and the rule behind the limit (key, value and unit, version, source document).
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../app/money.ts';
import type { Violation } from './fundingTypes.ts';

function ruleValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return value.map(ruleValue).join(', ');
  if (typeof value === 'object' && 'numerator' in value && 'denominator' in value) {
    const f = value as { numerator: number; denominator: number };
    return `${f.numerator}/${f.denominator}`;
  }
  return JSON.stringify(value);
}

export function useViolationText() {
  const { t } = useTranslation();
  return (v: Violation) => {
    // The server explains the violation by code in the language the interface asked for.
    if (v.message) return v.message;
    const unit = v.unit ? ` ${t(`funding.units.${v.unit.replace(/[./ ]/g, '_')}`, { defaultValue: v.unit })}` : '';
    const rule = t('funding.violation.rule', {
      key: v.rule,
      value: `${ruleValue(v.value)}${unit}`,
      version: v.version,
      source: v.source,
    });
    const what = t(`funding.violation.titles.${v.rule.replace(/\./g, '_')}`, {
      defaultValue: t('funding.violation.titles.default', { rule: v.rule }),
    });
    return t('funding.violation.text', { what, limit: formatFen(v.limitFen), rule, actual: formatFen(v.actualFen) });
  };
}

export default function FundingViolations({ violations, title }: { violations: Violation[]; title: string }) {
  const text = useViolationText();
  if (violations.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="funding-violations"
      title={title}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {violations.map((v, i) => (
            <li key={`${v.rule}-${i}`} data-testid="funding-violation" data-rule={v.rule} data-code={v.code}>
              {text(v)}
            </li>
          ))}
        </ul>
      }
    />
  );
}
