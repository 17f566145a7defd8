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
export { surveyFigures, type SurveyFigures } from './survey-figures.ts';

// For the benches: the vote chain and the evidence bundle, measured in process.
export { GENESIS, linkVote, verifyChain, voteInput, type StoredLink, type Verification, type VoteFields } from './chain.ts';
export { signHead, verifySignedChain } from './signatures.ts';
export { readEvidence } from './evidence.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { baselineSurveyCoverageGate, consentBallotGate, planApprovalBallotGate } from './gates.ts';
import { completionAcceptanceGate } from './acceptance.ts';
import { baselineNeeds } from './surveys.service.ts';
import { participationRoutes as participationRoutes_ } from './participation.routes.ts';
import { surveysRoutes as surveysRoutes_ } from './surveys.routes.ts';
import { deliberationRoutes as deliberationRoutes_ } from './deliberation.ts';
import { acceptanceRoutes as acceptanceRoutes_ } from './acceptance.ts';
import { residentRoutes as residentRoutes_ } from './resident.ts';
export const manifest = defineModule({
  name: 'participation',
  gates: [consentBallotGate, planApprovalBallotGate, baselineSurveyCoverageGate, completionAcceptanceGate],
  needsSource: baselineNeeds,
  routes: [participationRoutes_, surveysRoutes_, deliberationRoutes_, acceptanceRoutes_, residentRoutes_],
});

// For the homes (issue 16): what waits on people in ballots and surveys.
export {
  ballotsClosingBefore,
  openBallotWork,
  openSurveyWork,
  sheetsAwaitingSecondKeying,
  type OpenBallotWork,
  type OpenSurveyWork,
  type PendingSheet,
} from './worklist.ts';
