import {
  compoundIdsOfResident,
  householdAddressesOfCompounds,
  householdFrame,
  householdIdsOfCompounds,
  householdIdsOfResident,
} from './households.service.ts';
import { buildingsOf, compoundsByRef } from './places.ts';
import { buildingPlaces, circlePlaceCount, circlePlaces, compoundPlaces, nearestCompound } from './geo.ts';
import { buildingsOfCompounds, childDivisions, compoundsInScope, divisionNames } from './registry.service.ts';
import { membershipsOfResident, verifiedMembersOf } from './members.ts';
import { backfillPhoneHashes, bindingsOfResident, residentIdsByPhone } from './residents.service.ts';
import { pendingBindings } from './pending.ts';

export { registryRoutes } from './registry.routes.ts';
export { compoundsForSeeding, DEMO_RESIDENT_PHONE, loadDivisions, seedRegistry, type SeedScale, type SeedSummary } from './seed.ts';
export { divisionLevelOf, divisionPrefix, lineage, within, isEligible } from './divisions.ts';
export { compoundInScope } from './scope.ts';
export { compoundRefKey, type CompoundRef } from './places.ts';
export type { CirclePlace, CompoundPlace } from './geo.ts';
export type { Member as RegistryMember } from './members.ts';

/** What other modules may ask of the registry. */
export const registry = {
  backfillPhoneHashes,
  buildingPlaces,
  compoundPlaces,
  nearestCompound,
  bindingsOfResident,
  buildingsOf,
  buildingsOfCompounds,
  childDivisions,
  compoundsByRef,
  residentIdsByPhone,
  compoundIdsOfResident,
  compoundsInScope,
  householdAddressesOfCompounds,
  householdFrame,
  householdIdsOfCompounds,
  householdIdsOfResident,
  // Community notices (issue 14): verified residents by place.
  verifiedMembersOf,
  membershipsOfResident,
  // The living circle (issue 15): compounds' points, divisions and households.
  circlePlaces,
  circlePlaceCount,
  // The homes (issue 16): bindings waiting for a second person's verification.
  pendingBindings,
  // Lists that show districts and subdistricts by name (issue 16, item 4).
  divisionNames,
};
export type { PendingBinding } from './pending.ts';
export { importFile, importJob, importKinds, type ImportKind, type ImportOutcome } from './import.service.ts';
export { exportCompounds, exportHouseholds } from './exports.ts';

// For the benches: the import's stages, timed apart.
export { householdFields, parseRows } from './import.ts';
export { writeHouseholds } from './households.service.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { registryRoutes as registryRoutes_ } from './registry.routes.ts';
import { importJob as importJob_ } from './import.service.ts';
export const manifest = defineModule({
  name: 'registry',
  routes: [registryRoutes_],
  jobs: [importJob_],
});
