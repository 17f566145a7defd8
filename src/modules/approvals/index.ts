export { approvalsRoutes } from './approvals.routes.ts';
export { projectsWithCompleteApprovals } from './approvals.service.ts';
export { departments, materials, stepCodes, steps, type Department, type Material, type StepCode } from './steps.ts';
export { seedApprovals } from './seed.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { approvalChecklistGate, consultationMinutesGate } from './approvals.service.ts';
import { approvalsRoutes as approvalsRoutes_ } from './approvals.routes.ts';
export const manifest = defineModule({
  name: 'approvals',
  gates: [consultationMinutesGate, approvalChecklistGate],
  routes: [approvalsRoutes_],
});
