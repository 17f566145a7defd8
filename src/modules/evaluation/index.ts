export { placeSatisfaction, validateTiers, type Placement, type SatisfactionTierRule } from './tiers.ts';
export { evaluationRoutes } from './evaluation.routes.ts';
export { seedEvaluation } from './seed.ts';
export { assessmentRoutes } from './assessment.routes.ts';
export { satisfactionRoutes } from './satisfaction.ts';
export { sampleSurveysRoutes } from './sample-surveys.routes.ts';
