// Running plan totals in integer fen (BigInt), as the server computes them:
// amountFen = round-half-up(quantity×100 × unitPriceFen / 100), summed per area and group.
import { lineAmountFen, parseHundredths, parseYuanToFen } from '../../app/money.ts';
import { SCENARIOS, level1Code, level2Code, sixHaveNames, sixHavesOf, type CatalogueIndex } from '../catalogue/index.ts';
import type { PlanItemInput } from './types.ts';

/** One editable line: the texts as typed (quantity, optional yuan unit price). */
export interface DraftLine {
  code: string;
  quantity: string;
  unitPrice: string;
}

export interface LineResult {
  quantityHundredths: bigint | null;
  unitPriceFen: bigint | null;
  /** True when the unit price comes from the price list. */
  defaultPrice: boolean;
  amountFen: bigint | null;
}

export interface RunningTotals {
  totalFen: bigint;
  byLevel1: Map<string, bigint>;
  byLevel2: Map<string, bigint>;
  lines: Map<string, LineResult>;
  invalid: string[];
}

export function evaluateLine(line: DraftLine, prices: Map<string, number>): LineResult {
  const quantityHundredths = line.quantity.trim() === '' ? null : parseHundredths(line.quantity);
  const typed = line.unitPrice.trim() === '' ? null : parseYuanToFen(line.unitPrice);
  const listed = prices.get(line.code);
  const unitPriceFen = typed ?? (listed === undefined ? null : BigInt(listed));
  const amountFen = quantityHundredths !== null && unitPriceFen !== null ? lineAmountFen(quantityHundredths, unitPriceFen) : null;
  return { quantityHundredths, unitPriceFen, defaultPrice: typed === null, amountFen };
}

export function runningTotals(lines: readonly DraftLine[], prices: Map<string, number>): RunningTotals {
  const byLevel1 = new Map<string, bigint>();
  const byLevel2 = new Map<string, bigint>();
  const results = new Map<string, LineResult>();
  const invalid: string[] = [];
  let totalFen = 0n;
  for (const line of lines) {
    const r = evaluateLine(line, prices);
    results.set(line.code, r);
    if (r.quantityHundredths === null || r.quantityHundredths <= 0n || (line.unitPrice.trim() !== '' && r.defaultPrice))
      invalid.push(line.code);
    const amount = r.amountFen ?? 0n;
    totalFen += amount;
    const l1 = level1Code(line.code);
    const l2 = level2Code(line.code);
    byLevel1.set(l1, (byLevel1.get(l1) ?? 0n) + amount);
    byLevel2.set(l2, (byLevel2.get(l2) ?? 0n) + amount);
  }
  return { totalFen, byLevel1, byLevel2, lines: results, invalid };
}

/** The PUT body: unitPriceFen only where the user typed one (else the server uses the list). */
export function toPlanInput(lines: readonly DraftLine[]): PlanItemInput[] {
  return lines.map((l) => {
    const fen = l.unitPrice.trim() === '' ? null : parseYuanToFen(l.unitPrice);
    const q = parseHundredths(l.quantity);
    const quantity = q === null ? l.quantity.trim() : `${q / 100n}.${String(q % 100n).padStart(2, '0')}`;
    return fen === null ? { indicatorCode: l.code, quantity } : { indicatorCode: l.code, quantity, unitPriceFen: Number(fen) };
  });
}

/** Six-haves and future-community scenarios the selected indicators serve. */
export function coverageOf(index: CatalogueIndex | null, codes: readonly string[]) {
  const haves = new Set<string>();
  const scenarios = new Set<string>();
  for (const code of codes) {
    const ind = index?.byCode.get(code);
    if (!ind || !index) continue;
    for (const h of sixHavesOf(index, ind)) haves.add(h);
    if (ind.futureScenario) scenarios.add(ind.futureScenario);
  }
  return {
    sixHaves: sixHaveNames(index).map((name) => ({ name, covered: haves.has(name) })),
    scenarios: SCENARIOS.map((scenario) => ({ scenario: scenario as string, covered: scenarios.has(scenario) })),
  };
}
