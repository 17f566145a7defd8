// What other web modules (and the app) may use of the governance module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
import { lazy } from 'react';
export { useDistricts } from './useDistricts.ts';
// A project's 长效治理 tab, in a chunk of its own.
export const GovernanceTab = lazy(() => import('./GovernanceTab.tsx'));
