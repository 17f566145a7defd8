export { approvalsRoutes } from './approvals.routes.ts';
export { projectsWithCompleteApprovals } from './approvals.service.ts';
export { departments, materials, stepCodes, steps, type Department, type Material, type StepCode } from './steps.ts';
export { seedApprovals } from './seed.ts';
