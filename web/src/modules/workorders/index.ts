// What other web modules may use of the work-orders module: the status tag (the duty console shows it beside an
// alarm's order). Its pages and menu entry are its manifest, module.tsx, which only the app's module list imports.
export { default as StatusTag } from './StatusTag.tsx';
