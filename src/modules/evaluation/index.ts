export { placeSatisfaction, validateTiers, type Placement, type SatisfactionTierRule } from './tiers.ts';
