// An account sees only what lies inside its scope (DESIGN.md §5). These
// helpers answer it in SQL on the compounds table, and for one compound or
// division in memory.
import { sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../platform/http/auth.ts';
import { divisionLevelOf, within } from './divisions.ts';
import { compounds } from './schema.ts';

/** Compounds under a division code, the code given as a prepared statement's placeholder. */
export function underDivision(code: string, placeholder: string): SQL {
  const p = sql.placeholder(placeholder);
  switch (divisionLevelOf(code)) {
    case 'community':
      return sql`${compounds.communityCode} = ${p}`;
    case 'subdistrict':
      return sql`${compounds.subdistrictCode} = ${p}`;
    case 'district':
      return sql`${compounds.districtCode} = ${p}`;
    case 'city':
      return sql`${compounds.cityCode} = ${p}`;
    case 'province':
      return sql`left(${compounds.cityCode}, 2) = left(${p}, 2)`;
    default:
      return sql`false`;
  }
}

export function compoundInScope(scope: Scope, compound: { id: string; communityCode: string }): boolean {
  if (scope.compoundIds.includes(compound.id)) return true;
  return scope.division !== null && within(compound.communityCode, scope.division);
}

/** Whether a division is visible: inside the scope, or an ancestor on the way down to it. */
export function divisionVisible(scope: Scope, code: string): boolean {
  if (!scope.division) return false;
  return within(code, scope.division) || within(scope.division, code);
}
