// The property-service subsidy as plain functions over integers (no database, no floats):
//   cap = floor(floor area in hundredths of m² × rate in fen per m² a month ÷ 100), in fen;
//   a compound qualifies once its renovation is accepted, a registered (active) property company serves it, and
//   its satisfaction tier is at or above the rule's floor (a compound not yet surveyed has no tier to hold it back).
import { yuanToFen } from '../../platform/money.ts';

/** Stages of a renovation project after which its compounds count as renovated. */
export const RENOVATED_STAGES = ['accepted', 'handed_over'] as const;

/** The rule's rate (yuan per m² a month, e.g. 0.3) in fen, exactly. */
export const rateFen = (yuanPerM2Month: number | string): bigint => yuanToFen(yuanPerM2Month);

/** The month's largest subsidy: floor area (hundredths of m²) × rate (fen per m²), rounded down to the fen. */
export function subsidyCapFen(floorAreaHundredths: bigint, rate: bigint): bigint {
  if (floorAreaHundredths < 0n || rate < 0n) throw new RangeError('area and rate must not be negative');
  return (floorAreaHundredths * rate) / 100n;
}

export interface EligibilityFacts {
  stage: string;
  company: { status: string } | null;
  /** The satisfaction tier's lower bound in percent, or null when no survey has answers. */
  tierMinPercent: number | null;
}

export type Ineligible = 'not_renovated' | 'no_property_company' | 'company_suspended' | 'satisfaction_tier';

/** Why a compound does not qualify, or null when it does. */
export function ineligibility(f: EligibilityFacts, minTierPercent: number): Ineligible | null {
  if (!(RENOVATED_STAGES as readonly string[]).includes(f.stage)) return 'not_renovated';
  if (!f.company) return 'no_property_company';
  if (f.company.status !== 'active') return 'company_suspended';
  if (f.tierMinPercent !== null && f.tierMinPercent < minTierPercent) return 'satisfaction_tier';
  return null;
}

/** 'yyyy-mm' of a real month, or null. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/** The day whose rules govern a month: its first. */
export const monthStart = (month: string): string => `${month}-01`;

/** The month of an instant in Asia/Shanghai, 'yyyy-mm'. */
export const shanghaiMonth = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

/** The day of an instant in Asia/Shanghai, 'yyyy-mm-dd'. */
export const shanghaiDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface MonthCheck {
  compoundId: string;
  capFen: bigint;
  amountFen: bigint;
}

/** A month's asked amounts checked against their caps: those over the cap, with both figures. */
export function overCap(checks: readonly MonthCheck[]): MonthCheck[] {
  return checks.filter((c) => c.amountFen > c.capFen || c.amountFen <= 0n);
}
