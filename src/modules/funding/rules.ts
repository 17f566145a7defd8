// The funding checks of R6 as plain functions over integer fen:
//   city + district subsidy ≤ cap (yuan/m²) × the project's floor area;
//   resident share ≤ the rule's fraction of the plan's cost;
//   the lines add up to the cost, or the shortfall is shown.
// Shared with the web app (web/src/modules/projects/FundingTab.tsx imports this file), which runs the same
// check as the officer types: keep it free of node-only imports (type imports are erased).
import { fractionFloor, hundredths, yuanToFen, type Fraction } from '../../platform/money.ts';
import type { FundingSource } from './schema.ts';

export interface Line {
  source: FundingSource;
  channel: string;
  amountFen: bigint;
}

export interface RuleRef<T> {
  key: string;
  version: string;
  value: T;
  unit: string | null;
  source: string;
}

export interface Violation {
  rule: string;
  value: unknown;
  unit: string | null;
  version: string;
  source: string;
  limitFen: bigint;
  actualFen: bigint;
}

export interface FundingCheck {
  costFen: bigint;
  fundedFen: bigint;
  shortfallFen: bigint;
  excessFen: bigint;
  violations: Violation[];
}

/** The sources each rule limits, so an editor can mark the rows a broken rule is about. */
export const SUBSIDY_SOURCES: readonly FundingSource[] = ['city_subsidy', 'district_subsidy'];
export const sourcesLimitedBy: Record<string, readonly FundingSource[]> = {
  'funding.subsidy_cap_per_m2': SUBSIDY_SOURCES,
  'funding.resident_share_max': ['resident'],
};

const sum = (lines: Line[], pick: (l: Line) => boolean) => lines.filter(pick).reduce((s, l) => s + l.amountFen, 0n);

/** The largest city + district subsidy the cap allows: cap in fen per m² × area in hundredths of m², rounded down to the fen. */
export function subsidyLimitFen(capYuanPerM2: number | string, floorAreaHundredths: bigint): bigint {
  return (yuanToFen(capYuanPerM2) * floorAreaHundredths) / 100n;
}

export function checkFunding(input: {
  lines: Line[];
  costFen: bigint;
  floorAreaHundredths: bigint;
  cap: RuleRef<number | string>;
  residentShare: RuleRef<Fraction>;
}): FundingCheck {
  const { lines, costFen, cap, residentShare } = input;
  const violations: Violation[] = [];
  const ref = (r: RuleRef<unknown>) => ({ rule: r.key, value: r.value, unit: r.unit, version: r.version, source: r.source });

  const subsidy = sum(lines, (l) => SUBSIDY_SOURCES.includes(l.source));
  const subsidyLimit = subsidyLimitFen(cap.value, input.floorAreaHundredths);
  if (subsidy > subsidyLimit) violations.push({ ...ref(cap), limitFen: subsidyLimit, actualFen: subsidy });

  const resident = sum(lines, (l) => l.source === 'resident');
  const residentLimit = fractionFloor(costFen, residentShare.value);
  if (resident > residentLimit) violations.push({ ...ref(residentShare), limitFen: residentLimit, actualFen: resident });

  // Awards reward a project after the fact; they neither finance its plan nor count as excess.
  const fundedFen = sum(lines, (l) => l.source !== 'exemplary_award');
  return {
    costFen,
    fundedFen,
    shortfallFen: fundedFen < costFen ? costFen - fundedFen : 0n,
    excessFen: fundedFen > costFen ? fundedFen - costFen : 0n,
    violations,
  };
}

/** What the API returns with a plan (check.basis): the inputs of checkFunding with amounts as JSON numbers. */
export interface CheckBasis {
  costFen: number;
  floorAreaM2: string;
  subsidyCap: RuleRef<number | string>;
  residentShare: RuleRef<Fraction>;
}

/** checkFunding over the basis the server sent and lines whose amounts are integer fen. */
export function checkAgainstBasis(basis: CheckBasis, lines: Line[]): FundingCheck {
  return checkFunding({
    lines,
    costFen: BigInt(basis.costFen),
    floorAreaHundredths: hundredths(basis.floorAreaM2),
    cap: basis.subsidyCap,
    residentShare: basis.residentShare,
  });
}
