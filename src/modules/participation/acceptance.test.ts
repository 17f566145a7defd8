import { describe, expect, it } from 'vitest';
import { acceptanceGaps } from './acceptance.ts';

describe('completion acceptance', () => {
  it('needs a resident representative and a building steward, and no open defect', () => {
    expect(acceptanceGaps([{ role: 'resident_representative' }, { role: 'building_steward' }], 0)).toEqual([]);
    expect(acceptanceGaps([{ role: 'supervisor' }, { role: 'building_steward' }], 0)).toEqual(["a resident representative's signature"]);
    expect(acceptanceGaps([{ role: 'resident_representative' }, { role: 'building_steward' }], 2)).toEqual(['2 open defect(s) closed']);
  });
});
