// What other web modules (and the app) may use of the participation module; nothing else is imported from outside it.
import { lazy } from 'react';
export { checkUrl } from './anchors.ts';
export { formatAt, percent } from './format.ts';
export { VOTE_CHOICES, type Answer, type ClosedTally, type Question, type SurveyResponseAnswer, type VoteChoice } from './types.ts';
// A project's 居民参与 tab, in a chunk of its own.
export const ParticipationTab = lazy(() => import('./ParticipationTab.tsx'));
