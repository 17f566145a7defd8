// Project, plan and outcome shapes, from the generated API contract (web/src/api/schema.gen.ts).
// Money is integer fen; areas and quantities are decimal strings with two places.
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export type Stage =
  | 'planned'
  | 'surveyed'
  | 'consented'
  | 'designed'
  | 'plan_approved'
  | 'consulted'
  | 'approved'
  | 'tendered'
  | 'under_construction'
  | 'accepted'
  | 'handed_over';

export type StageInfo = ResponseOf<'/api/v1/projects/stages'>['items'][number];
export type ProjectSummary = ResponseOf<'/api/v1/projects'>['items'][number];

export interface ProjectFilters {
  year?: number;
  /** Any text from the address bar: the server answers 400 for an unknown stage. */
  stage?: string;
  q?: string;
  division?: string;
  /** The projects that renovate one compound (its page's links). */
  compoundId?: string;
  /** Server-side sort (issue 16): a column of the list, ascending unless `order` is desc. */
  sort?: string;
  order?: 'asc' | 'desc';
}

export type ProjectDetail = ResponseOf<'/api/v1/projects/{id}'>;
export type Gate = ProjectDetail['gates'][number];
export type TimelineEntry = ProjectDetail['timeline'][number];
export type NewProject = BodyOf<'/api/v1/projects', 'post'>;

export type Plan = ResponseOf<'/api/v1/projects/{id}/plan'>;
export type PlanStatus = Plan['status'];
export type PlanItem = Plan['items'][number];
export type LevelTotal = Plan['totals']['byLevel1'][number];
export type PlanItemInput = BodyOf<'/api/v1/projects/{id}/plan', 'put'>['items'][number];

export const OUTCOME_COUNTS = ['parkingSpacesAdded', 'liftsInstalled', 'liftPositionsReserved', 'barrierFreeAgeFriendlyItems'] as const;
export const OUTCOME_AREAS = ['publicServiceSpaceM2', 'fitnessSpaceM2', 'stateOwnedRoomsM2'] as const;
/** The seven figures in display order. */
export const OUTCOME_FIELDS = [
  'parkingSpacesAdded',
  'liftsInstalled',
  'liftPositionsReserved',
  'publicServiceSpaceM2',
  'fitnessSpaceM2',
  'barrierFreeAgeFriendlyItems',
  'stateOwnedRoomsM2',
] as const;

/** Counts are whole numbers; areas m² as decimal strings with two places. */
export type OutcomeFigures = Record<(typeof OUTCOME_COUNTS)[number], number> & Record<(typeof OUTCOME_AREAS)[number], string>;

export type Outcomes = ResponseOf<'/api/v1/projects/{id}/outcomes'>;
export type OutcomesSummary = ResponseOf<'/api/v1/outcomes/summary'>;
