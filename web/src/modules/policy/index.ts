// What other web modules and the app may use of the policy module; nothing else is imported from outside it.
export { fetchRules, policyKeys } from './api.ts';
export { policyModule } from './module.tsx';
