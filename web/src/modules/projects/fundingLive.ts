// The funding rules checked as the officer types: the server's own checkFunding (shared, pure,
// integer fen) fed with the basis the server returned with the plan, so the editor and the
// server cannot disagree. Each broken rule is shown on the rows of the sources it limits.
import { useTranslation } from 'react-i18next';
import { formatFen, parseYuanToFen } from '../../app/money.ts';
import { checkAgainstBasis, sourcesLimitedBy, type FundingCheck, type Line } from '../../../../src/modules/funding/rules.ts';
import type { LineDraft } from './FundingLinesEditor.tsx';
import type { Funding } from './fundingTypes.ts';

export interface LiveCheck {
  check: FundingCheck;
  /** Messages per draft row (by its key). */
  rowErrors: Map<number, string[]>;
  /** Messages about the whole plan (the lines exceed the cost). */
  planErrors: string[];
  /** The drafts that parse, as the lines the server would check. */
  lines: Line[];
}

const messageKeys: Record<string, string> = {
  'funding.subsidy_cap_per_m2': 'funding.live.subsidy_cap',
  'funding.resident_share_max': 'funding.live.resident_share',
};

export function useLiveCheck(basis: Funding['check']['basis'], drafts: readonly LineDraft[]): LiveCheck {
  const { t } = useTranslation();
  const rowErrors = new Map<number, string[]>();
  const add = (key: number, text: string) => rowErrors.set(key, [...(rowErrors.get(key) ?? []), text]);
  const lines: Line[] = [];
  for (const d of drafts) {
    const fen = d.amount.trim() === '' ? 0n : parseYuanToFen(d.amount);
    if (fen === null || fen < 0n) add(d.key, t('funding.live.badAmount'));
    else if (d.source) lines.push({ source: d.source as Line['source'], channel: d.channel ?? '', amountFen: fen });
  }
  const check = checkAgainstBasis(basis, lines);
  const rules = [basis.subsidyCap, basis.residentShare];
  for (const v of check.violations) {
    const rule = rules.find((r) => r.key === v.rule);
    const text = t(messageKeys[v.rule] ?? 'funding.live.rule', {
      actual: formatFen(v.actualFen),
      limit: formatFen(v.limitFen),
      rule: rule?.name ?? v.rule,
      value: rule?.valueText ?? String(v.value),
      version: v.version,
      source: v.source,
    });
    const limited = sourcesLimitedBy[v.rule] ?? [];
    for (const d of drafts) if (limited.includes(d.source as Line['source'])) add(d.key, text);
  }
  const planErrors = check.excessFen > 0n ? [t('funding.live.excess', { excess: formatFen(check.excessFen) })] : [];
  return { check, rowErrors, planErrors, lines };
}
