// What other web modules may use of the grid module: an event's timeline and state tag, and its words (the
// residents' /m pages show a resident's reports with them). Its pages are its manifest, module.tsx.
export { default as EventTimeline, type TimelineStep } from './EventTimeline.tsx';
export { default as StateTag } from './StateTag.tsx';
export {
  categoryName,
  formatAt,
  roleName,
  stateName,
  stepName,
  STATE_COLOR,
  GRID_STATES,
  type GridState,
  type NamedCategory,
} from './labels.ts';
