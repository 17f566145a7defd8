export { fundingRoutes } from './funding.routes.ts';
export { checkFunding, subsidyLimitFen } from './rules.ts';
export { addAwardLine, fundedSourcesOfProjects, fundingBySource } from './funding.service.ts';
export { fundingSources, type FundingSource } from './schema.ts';
// For the homes (issue 16): money paid out for some projects.
export { disbursedFen, type Disbursed } from './disbursed.ts';
export { seedFunding } from './seed.ts';
export { recordSubsidyDisbursement, type SubsidyPayment } from './programme.ts';

// For the benches: a funding line as checkFunding takes it.
export type { Line as FundingLine } from './rules.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { fundingCompleteGate } from './funding.service.ts';
import { fundingRoutes as fundingRoutes_ } from './funding.routes.ts';
export const manifest = defineModule({
  name: 'funding',
  gates: [fundingCompleteGate],
  routes: [fundingRoutes_],
});
