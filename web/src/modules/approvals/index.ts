// What other web modules (and the app) may use of the approvals module; nothing else is imported from outside it.
import { lazy } from 'react';
// A project's 审批 tab, in a chunk of its own.
export const ApprovalsTab = lazy(() => import('./ApprovalsTab.tsx'));
