// For the homes (issue 16): the open findings an office must close.
export { findingsToClose } from './open-findings.ts';
export { placeSatisfaction, validateTiers, type Placement, type SatisfactionTierRule } from './tiers.ts';
export { evaluationRoutes } from './evaluation.routes.ts';
export { seedEvaluation } from './seed.ts';
export { assessmentRoutes } from './assessment.routes.ts';
export { satisfactionRoutes } from './satisfaction.ts';
export { sampleSurveysRoutes } from './sample-surveys.routes.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { evaluationRoutes as evaluationRoutes_ } from './evaluation.routes.ts';
import { assessmentRoutes as assessmentRoutes_ } from './assessment.routes.ts';
import { satisfactionRoutes as satisfactionRoutes_ } from './satisfaction.ts';
import { sampleSurveysRoutes as sampleSurveysRoutes_ } from './sample-surveys.routes.ts';
export const manifest = defineModule({
  name: 'evaluation',
  routes: [evaluationRoutes_, assessmentRoutes_, satisfactionRoutes_, sampleSurveysRoutes_],
});
