// What other web modules (and the app) may use of the projects module; nothing else is imported from outside it.
// Its pages and menu entries are its manifest, module.tsx, which only the app's module list imports.
export { default as CompoundProjectsCard } from './CompoundProjectsCard.tsx';
export { default as GatesCard } from './GatesCard.tsx';
export { fetchOutcomesSummary, fetchProject, fetchProjects, fetchProjectYears, projectKeys } from './api.ts';
export { FUNDING_SOURCES } from './fundingTypes.ts';
export { OUTCOME_AREAS, OUTCOME_FIELDS, type OutcomeFigures, type ProjectDetail, type ProjectSummary } from './types.ts';
export { useStages } from './useStages.ts';
export { default as ProjectPicker, projectPlace } from './ProjectPicker.tsx';
