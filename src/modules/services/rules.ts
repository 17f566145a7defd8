// The services' rules, read by day: the catalogue of kinds (a file named by services.catalogue), matching weights,
// dispatch times and subsidies. Code never holds these values.
import type { Db, Tx } from '../../platform/db/client.ts';
import { ruleAt, type PolicyRule } from '../../platform/policy.ts';
import type { MatchingRule } from './matching.ts';
import type { SubsidyRule } from './subsidy.ts';

/** A name in both languages, as the reference files write it. */
export interface Names {
  zh: string;
  en: string;
}

export interface ServiceKind {
  code: string;
  name: Names;
  minutes: number;
  requires: string[];
}

export interface ServiceCatalogue {
  version: string;
  kinds: ServiceKind[];
  qualifications: { code: string; name: Names }[];
  careLevels: { code: string; name: Names }[];
  needs: { code: string; name: Names }[];
  dialects: { code: string; name: Names }[];
}

export interface DispatchRule {
  offerSeconds: number;
  maxOffers: number;
  noShowGraceMinutes: number;
}

export const CATALOGUE_RULE = 'services.catalogue';
export const MATCHING_RULE = 'services.matching';
export const DISPATCH_RULE = 'services.dispatch';
export const SUBSIDY_RULE = 'services.subsidies';

export const catalogueAt = async (db: Db | Tx, day?: string): Promise<ServiceCatalogue> =>
  (await ruleAt<ServiceCatalogue>(db, CATALOGUE_RULE, day)).value;
export const matchingAt = async (db: Db | Tx, day?: string): Promise<MatchingRule> =>
  (await ruleAt<MatchingRule>(db, MATCHING_RULE, day)).value;
export const dispatchAt = async (db: Db | Tx, day?: string): Promise<DispatchRule> =>
  (await ruleAt<DispatchRule>(db, DISPATCH_RULE, day)).value;
export const subsidiesAt = (db: Db | Tx, day?: string): Promise<PolicyRule<SubsidyRule>> => ruleAt<SubsidyRule>(db, SUBSIDY_RULE, day);

export const kindOf = (catalogue: ServiceCatalogue, code: string): ServiceKind | undefined => catalogue.kinds.find((k) => k.code === code);
