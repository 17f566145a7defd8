import './gates.ts';

export { participationRoutes } from './participation.routes.ts';
export { seedBallots, seedPassedBallot } from './seed.ts';
export { satisfactionQuestions, seedBaselineSurvey, seedSatisfactionSurveys, seedSurveys } from './surveys.seed.ts';
export { freezeTallies, satisfactionCounts, type SatisfiedRule } from './surveys.service.ts';
export { surveysRoutes } from './surveys.routes.ts';
export { passes, agreeNeeded, type Tally } from './tally.ts';
export { deliberationRoutes } from './deliberation.ts';
export { acceptanceRoutes, seedAcceptances } from './acceptance.ts';
export { residentRoutes } from './resident.ts';
export { ballotOutcome, consentSupport, passedBallotKinds } from './ballots.service.ts';
