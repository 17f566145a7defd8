// What other web modules (and the app) may use of the registry module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
export { fetchCompound, fetchCompounds, fetchDivisions, fetchHouseholds, registryKeys } from './api.ts';
export { formatArea, formatCount } from './format.ts';
export type { CompoundSummary, Division, DivisionLevel, Page } from './types.ts';
