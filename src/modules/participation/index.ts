import './gates.ts';

export { participationRoutes } from './participation.routes.ts';
export { seedBallots, seedPassedBallot } from './seed.ts';
export { passes, agreeNeeded, type Tally } from './tally.ts';
