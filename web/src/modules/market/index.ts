// What other web modules may use of market participation: nothing yet; its pages and menu entries are its
// manifest, module.tsx, which only the app's module list imports.
export type { EligibleCompound, Subsidy, PublicSpace, SpaceGrant } from './api.ts';
