// What other web modules may use of the stats module: its chart canvas. Its pages and menu entry are its
// manifest, module.tsx, which only the app's module list imports.
export { default as EChart, type ChartClick } from './EChart.tsx';
