export { projectsRoutes } from './projects.routes.ts';
export { outcomesRoutes } from './outcomes.routes.ts';
export { defineGate, installGates, installNeedsSource, type Gate, type GateProject, type GateResult, type NeedsSource } from './gates.ts';
export { currentPlan, planVersionNumbers } from './plan.service.ts';
export {
  projectCompoundIds,
  projectFacts,
  projectsForAssessment,
  projectsOfCompounds,
  projectsOfYear,
  requireProject,
} from './projects.service.ts';
export { PLAN_YEAR, seedProjects, type SeededProject } from './seed.ts';
export { outcomesSummary, type Outcomes } from './outcomes.service.ts';
export { stages, type Stage } from './stages.ts';
export { renovatedCompounds, type RenovatedCompound } from './renovated.ts';
export { stageWords } from './messages.ts';
export { projectIdsInDivision, projectOverview, projectYearsInDivision, reportedStateRoomsM2, type ProjectOverview } from './overview.ts';

// For the benches: the plan's costing, as the service runs it.
export { costPlan, type PlanLine } from './plan.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { planApprovedGate, planDraftedGate } from './plan.service.ts';
import { projectsRoutes as projectsRoutes_ } from './projects.routes.ts';
import { outcomesRoutes as outcomesRoutes_ } from './outcomes.routes.ts';
import { projectPhotosRoutes } from './photos.routes.ts';
export const manifest = defineModule({
  name: 'projects',
  gates: [planDraftedGate, planApprovedGate],
  routes: [projectsRoutes_, outcomesRoutes_, projectPhotosRoutes],
});

// For the homes (issue 16): the projects in an account's scope, when they reached stages, what blocks them.
export { projectBlockers, scopedProjects, stageMonths, type ScopedProject } from './scoped.ts';
export { nextStage } from './stages.ts';

// For the living circle's clusters (issue 15): a suggested cluster becomes a project in one step.
export { createProject } from './projects.service.ts';
