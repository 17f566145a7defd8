// What other web modules and the app may use of the evaluation module; nothing else is imported from outside it.
export { default as PrintButton } from './PrintButton.tsx';
export { evaluationKeys, fetchSatisfaction } from './api.ts';
export { evaluationModule } from './module.tsx';
