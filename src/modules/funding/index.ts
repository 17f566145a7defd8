export { fundingRoutes } from './funding.routes.ts';
export { checkFunding, subsidyLimitFen } from './rules.ts';
export { addAwardLine, fundedSourcesOfProjects, fundingBySource } from './funding.service.ts';
export { fundingSources, type FundingSource } from './schema.ts';
export { seedFunding } from './seed.ts';
