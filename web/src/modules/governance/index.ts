// What other web modules and the app may use of the governance module; nothing else is imported from outside it.
import { lazy } from 'react';
export { useDistricts } from './useDistricts.ts';
export { governanceModule } from './module.tsx';
// A project's 长效治理 tab, in a chunk of its own.
export const GovernanceTab = lazy(() => import('./GovernanceTab.tsx'));
