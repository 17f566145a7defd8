import {
  compoundIdsOfResident,
  householdAddressesOfCompounds,
  householdIdsOfCompounds,
  householdIdsOfResident,
} from './households.service.ts';
import { compoundsInScope } from './registry.service.ts';

export { registryRoutes } from './registry.routes.ts';
export { compoundsForSeeding, loadDivisions, seedRegistry, type SeedScale, type SeedSummary } from './seed.ts';
export { divisionLevelOf, lineage, within, isEligible } from './divisions.ts';
export { compoundInScope } from './scope.ts';

/** What other modules may ask of the registry. */
export const registry = {
  compoundIdsOfResident,
  compoundsInScope,
  householdAddressesOfCompounds,
  householdIdsOfCompounds,
  householdIdsOfResident,
};
export { importFile, importKinds, type ImportKind, type ImportOutcome } from './import.service.ts';
export { exportCompounds, exportHouseholds } from './exports.ts';
