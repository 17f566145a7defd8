// The R1 hierarchy as plain functions: official codes encode their ancestors
// (330105004001 → 330105004 → 330105 → 330100 → 330000), so level and
// lineage are read off the code itself.
import type { DivisionLevel } from './schema.ts';

export function divisionLevelOf(code: string): DivisionLevel | undefined {
  if (/^\d{12}$/.test(code)) return 'community';
  if (/^\d{9}$/.test(code)) return 'subdistrict';
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'district';
}

/** Codes from province down to the code itself. */
export function lineage(code: string): string[] {
  const level = divisionLevelOf(code);
  if (!level) return [];
  const province = code.slice(0, 2) + '0000';
  const city = code.slice(0, 4) + '00';
  const chain = [province];
  if (level === 'province') return chain;
  chain.push(city);
  if (level === 'city') return chain;
  chain.push(code.slice(0, 6));
  if (level === 'district') return chain;
  chain.push(code.slice(0, 9));
  if (level === 'subdistrict') return chain;
  chain.push(code);
  return chain;
}

/**
 * The prefix every 12-digit community code inside a division starts with:
 * province 2 digits, city 4, district 6, subdistrict 9, community 12.
 */
export function divisionPrefix(code: string): string {
  const digits = { province: 2, city: 4, district: 6, subdistrict: 9, community: 12 }[divisionLevelOf(code) ?? 'community'];
  return code.slice(0, digits);
}

/** True when `code` is `ancestor` or lies beneath it. */
export function within(code: string, ancestor: string): boolean {
  return lineage(code).includes(ancestor);
}

export function parentOf(code: string): string | null {
  const chain = lineage(code);
  return chain.length > 1 ? chain[chain.length - 2]! : null;
}

/** The year a compound must be built in or before, given the rule's date `built_before` (inclusive). */
export function eligibilityCutoffYear(builtBefore: string): number {
  const [y, m, d] = builtBefore.split('-').map(Number) as [number, number, number];
  // Only the year of building is known, so the whole year must lie on or before the date.
  return m === 12 && d === 31 ? y : y - 1;
}

export function isEligible(yearBuilt: number, builtBefore: string): boolean {
  return yearBuilt <= eligibilityCutoffYear(builtBefore);
}
