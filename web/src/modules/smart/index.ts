// What other web modules may use of the smart module: the overview's safety figures. Its pages and menu
// entries are its manifest, module.tsx, which only the app's module list imports.
export { default as SafetyCards } from './SafetyCards.tsx';
