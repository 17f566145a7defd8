// What other web modules (and the app) may use of the evaluation module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
export { default as PrintButton } from './PrintButton.tsx';
export { evaluationKeys, fetchSatisfaction } from './api.ts';
