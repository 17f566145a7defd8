import { describe, expect, it } from 'vitest';
import { divisionLevelOf, eligibilityCutoffYear, isEligible, lineage, parentOf, within } from './divisions.ts';

describe('division codes', () => {
  it('reads the level off the code', () => {
    expect(divisionLevelOf('330000')).toBe('province');
    expect(divisionLevelOf('330100')).toBe('city');
    expect(divisionLevelOf('330105')).toBe('district');
    expect(divisionLevelOf('330105004')).toBe('subdistrict');
    expect(divisionLevelOf('330105004001')).toBe('community');
    expect(divisionLevelOf('33010')).toBeUndefined();
  });

  it('lists the lineage from province down', () => {
    expect(lineage('330105004001')).toEqual(['330000', '330100', '330105', '330105004', '330105004001']);
    expect(parentOf('330105004')).toBe('330105');
    expect(within('330105004001', '330105004')).toBe(true);
    expect(within('330106001001', '330105')).toBe(false);
  });

  it('computes eligibility from the rule date, not a literal', () => {
    expect(eligibilityCutoffYear('2000-12-31')).toBe(2000);
    expect(eligibilityCutoffYear('2005-06-30')).toBe(2004);
    expect(isEligible(2000, '2000-12-31')).toBe(true);
    expect(isEligible(2001, '2000-12-31')).toBe(false);
  });
});
