// What other web modules may use of the repairs module: a request's status tag and timeline, and its words (the
// residents' /m pages show their repairs with them). Its pages are its manifest, module.tsx.
export { default as StatusTag } from './StatusTag.tsx';
export { default as RepairTimeline, type RepairStep } from './RepairTimeline.tsx';
export { formatAt, localName, outcomeName, placeText, statusName, STATUS_COLOR, REPAIR_STATUSES, type RepairStatus } from './labels.ts';
