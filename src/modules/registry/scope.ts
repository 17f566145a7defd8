// An account sees only what lies inside its scope (DESIGN.md §5). These
// helpers turn a scope into SQL on the compounds table, and answer the same
// question for one compound in memory.
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../../platform/http/auth.ts';
import { divisionLevelOf, within } from './divisions.ts';
import { compounds } from './schema.ts';

/** Compounds under a division code. */
export function underDivision(code: string): SQL {
  switch (divisionLevelOf(code)) {
    case 'community':
      return sql`${compounds.communityCode} = ${code}`;
    case 'subdistrict':
      return sql`${compounds.subdistrictCode} = ${code}`;
    case 'district':
      return sql`${compounds.districtCode} = ${code}`;
    case 'city':
      return sql`${compounds.cityCode} = ${code}`;
    case 'province':
      return sql`left(${compounds.cityCode}, 2) = ${code.slice(0, 2)}`;
    default:
      return sql`false`;
  }
}

export function scopeCondition(scope: Scope): SQL {
  const parts: SQL[] = [];
  if (scope.division) parts.push(underDivision(scope.division));
  if (scope.compoundIds.length) parts.push(inArray(compounds.id, scope.compoundIds));
  if (!parts.length) return sql`false`;
  return parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`;
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
