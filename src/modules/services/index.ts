// Home care services (R22): providers and their offerings, slots and qualifications; older residents' care
// profiles; orders matched to providers, dispatched, checked in and out, rated and complained about; subsidies by
// rule; the community's matching figures. Other modules, the benches and the dashboard use only what is here.
export type { Candidate, MatchRequest, MatchingRule, Ranked, Ineligible } from './matching.ts';
export { rankCandidates, haversineM } from './matching.ts';
export { subsidyFor, ageOn, shanghaiDay, type SubsidyRule, type SubsidyBand } from './subsidy.ts';
export { findCandidates } from './candidates.ts';
export { catalogueAt, matchingAt, dispatchAt, subsidiesAt, type ServiceCatalogue, type ServiceKind } from './rules.ts';
export { matchingFigures } from './figures.ts';
export { expireOffer, servicesSweep, rankForOrder, matchForProfile } from './dispatch.ts';
export { seedServices, SERVICES_DEMO } from './seed.ts';
export { orderStatuses, type OrderStatus } from './schema.ts';

// The module's manifest: what the server and the worker collect (docs: src/platform/module.ts).
import { defineModule } from '../../platform/module.ts';
import { careRoutes } from './care.routes.ts';
import { offerTimeoutJob, servicesSweepJob } from './dispatch.ts';
import { orderRoutes } from './orders.routes.ts';
import { providerRoutes } from './providers.routes.ts';
import { residentServiceRoutes } from './resident.routes.ts';
export const manifest = defineModule({
  name: 'services',
  routes: [providerRoutes, careRoutes, orderRoutes, residentServiceRoutes],
  jobs: [offerTimeoutJob],
  schedules: [{ kind: servicesSweepJob, cron: '* * * * *' }],
});
