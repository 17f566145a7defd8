// A plan as plain functions: check the lines against the catalogue and price
// list, cost them exactly in fen, total them by level, and see which of the
// six haves and nine future-community scenarios they serve.
import { exactDecimal, type DecimalShape } from '../../platform/decimal.ts';
import type { FieldError } from '../../platform/http/problem.ts';
import { formatYuan, hundredths, lineAmountFen, MAX_EXACT_FEN } from '../../platform/money.ts';
import type { Indicator } from '../catalogue/index.ts';
import { projectMessages as pjm } from './messages.ts';

/** plan_items.quantity is numeric(14, 2). */
export const QUANTITY: DecimalShape = { integerDigits: 12, scale: 2, example: '120.50' };

export interface PlanLineInput {
  indicatorCode: string;
  /** A string or an exact JSON number (see platform/decimal.ts). */
  quantity: string | number;
  unitPriceFen?: number;
}

export interface PlanLine {
  indicatorCode: string;
  quantityHundredths: bigint;
  unitPriceFen: bigint;
}

export function resolvePlanLines(
  input: PlanLineInput[],
  catalogue: Map<string, Indicator>,
  prices: Map<string, bigint>,
): { lines: PlanLine[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const lines: PlanLine[] = [];
  const seen = new Map<string, number>();
  let totalFen = 0n;
  input.forEach((line, i) => {
    const at = (field: string) => `body.items.${i}.${field}`;
    const indicator = catalogue.get(line.indicatorCode);
    if (!indicator || indicator.level !== 3) {
      errors.push({ path: at('indicatorCode'), message: pjm.msg('field.plan_not_indicator', { code: line.indicatorCode }) });
      return;
    }
    const first = seen.get(line.indicatorCode);
    if (first !== undefined) errors.push({ path: at('indicatorCode'), message: pjm.msg('field.plan_repeats', { first }) });
    seen.set(line.indicatorCode, i);
    const text = exactDecimal(line.quantity, QUANTITY, at('quantity'), errors);
    if (text === null) return;
    const quantity = hundredths(text);
    if (quantity <= 0n) errors.push({ path: at('quantity'), message: pjm.msg('field.plan_positive') });
    const price = line.unitPriceFen !== undefined ? BigInt(line.unitPriceFen) : prices.get(line.indicatorCode);
    if (price === undefined) {
      errors.push({ path: at('unitPriceFen'), message: pjm.msg('field.plan_no_price', { code: line.indicatorCode }) });
      return;
    }
    // Amounts travel as exact JSON numbers: a line or a total beyond that is refused, not rounded or overflowed.
    const amountFen = lineAmountFen(quantity, price);
    totalFen += amountFen;
    if (amountFen > MAX_EXACT_FEN)
      errors.push({ path: at('quantity'), message: pjm.msg('field.plan_line_too_large', { yuan: formatYuan(MAX_EXACT_FEN) }) });
    else if (totalFen > MAX_EXACT_FEN)
      errors.push({ path: at('quantity'), message: pjm.msg('field.plan_total_too_large', { yuan: formatYuan(MAX_EXACT_FEN) }) });
    lines.push({ indicatorCode: line.indicatorCode, quantityHundredths: quantity, unitPriceFen: price });
  });
  return { lines, errors };
}

export interface CostedPlan {
  items: (PlanLine & { amountFen: bigint; level1: string; level2: string })[];
  totalFen: bigint;
  byLevel1: { code: string; name: string; amountFen: bigint }[];
  byLevel2: { code: string; name: string; amountFen: bigint }[];
  coverage: { sixHaves: { name: string; covered: boolean }[]; scenarios: { scenario: string; covered: boolean }[] };
}

export function costPlan(
  lines: PlanLine[],
  catalogue: Map<string, Indicator>,
  sixHaves: readonly string[],
  scenarios: readonly string[],
): CostedPlan {
  const byLevel1 = new Map<string, bigint>();
  const byLevel2 = new Map<string, bigint>();
  const haves = new Set<string>();
  const covered = new Set<string>();
  let totalFen = 0n;
  const items = lines.map((line) => {
    const indicator = catalogue.get(line.indicatorCode)!;
    const level2 = indicator.parent!;
    const level1 = catalogue.get(level2)!.parent!;
    const amountFen = lineAmountFen(line.quantityHundredths, line.unitPriceFen);
    totalFen += amountFen;
    byLevel1.set(level1, (byLevel1.get(level1) ?? 0n) + amountFen);
    byLevel2.set(level2, (byLevel2.get(level2) ?? 0n) + amountFen);
    // An item serves its area's "have", and some (governance items) name one of their own.
    for (const have of [catalogue.get(level1)!.sixHaves, indicator.sixHaves]) if (have) haves.add(have);
    if (indicator.futureScenario) covered.add(indicator.futureScenario);
    return { ...line, amountFen, level1, level2 };
  });
  const totals = (m: Map<string, bigint>) =>
    [...m].sort(([a], [b]) => a.localeCompare(b)).map(([code, amountFen]) => ({ code, name: catalogue.get(code)!.name, amountFen }));
  return {
    items,
    totalFen,
    byLevel1: totals(byLevel1),
    byLevel2: totals(byLevel2),
    coverage: {
      sixHaves: sixHaves.map((name) => ({ name, covered: haves.has(name) })),
      scenarios: scenarios.map((scenario) => ({ scenario, covered: covered.has(scenario) })),
    },
  };
}

/** Basic-category items the baseline survey found a need for, but the plan leaves out: flagged for the designers. */
export function basicNeedsLeftOut(needs: Set<string>, planned: string[], catalogue: Map<string, Indicator>): Indicator[] {
  const inPlan = new Set(planned);
  return [...needs]
    .filter((code) => !inPlan.has(code))
    .map((code) => catalogue.get(code))
    .filter((i): i is Indicator => !!i && i.level === 3 && i.category === 'basic')
    .sort((a, b) => a.code.localeCompare(b.code));
}
