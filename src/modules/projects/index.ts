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
export { projectIdsInDivision, projectOverview, projectYearsInDivision, type ProjectOverview } from './overview.ts';

// For the benches: the plan's costing, as the service runs it.
export { costPlan, type PlanLine } from './plan.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { planApprovedGate, planDraftedGate } from './plan.service.ts';
import { projectsRoutes as projectsRoutes_ } from './projects.routes.ts';
import { outcomesRoutes as outcomesRoutes_ } from './outcomes.routes.ts';
export const manifest = defineModule({
  name: 'projects',
  gates: [planDraftedGate, planApprovedGate],
  routes: [projectsRoutes_, outcomesRoutes_],
});
