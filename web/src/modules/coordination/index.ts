// What other web modules may use of the coordination module: a package's dates drawer and the words of its
// kinds and departments (the liaison's home). Its pages and menu entry are its manifest, module.tsx, which only
// the app's module list imports.
export { default as PackageDates, type DatedPackage } from './PackageDates.tsx';
export { useLabels } from './hooks.ts';
