// Everything the exchange asks of the grid module, in one place (through its index.ts only).
export { createGridEvent, transitionGridEvent, getGridEvent, gridCategories } from '../grid/index.ts';
export type { GridEventDetail, GridEventState } from '../grid/index.ts';
