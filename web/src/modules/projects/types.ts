// Project, plan and funding shapes as the API returns them (docs/api-projects.md).
// Money is integer fen; areas and quantities are decimal strings with two places.
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

export interface StageInfo {
  stage: Stage | string;
  nameZh: string;
  nameEn: string;
}

export interface ProjectSummary {
  id: string;
  name: string;
  year: number;
  stage: string;
  districtCode: string;
  compoundCount: number;
  floorAreaM2: string;
  households: number;
  futureCommunity: boolean;
  cluster: boolean;
  planTotalFen: number | null;
}

export interface ProjectFilters {
  year?: number;
  stage?: string;
  q?: string;
  division?: string;
}

export interface Gate {
  code: string;
  message: string;
  satisfied?: boolean;
  satisfy?: string | null;
}

export interface TimelineEntry {
  from: string | null;
  to: string;
  at: string;
  by: { id: string; username: string; displayName: string } | null;
}

export interface ProjectDetail {
  id: string;
  name: string;
  year: number;
  stage: string;
  districtCode: string;
  floorAreaM2: string;
  households: number;
  futureCommunity: boolean;
  cluster: boolean;
  compounds: { id: string; name: string; floorAreaM2: string; households: number }[];
  timeline: TimelineEntry[];
  nextStage: string | null;
  gates: Gate[];
}

export interface NewProject {
  name: string;
  year: number;
  compoundIds: string[];
  futureCommunity?: boolean;
}

export type PlanStatus = 'draft' | 'submitted' | 'approved';

export interface PlanItem {
  indicatorCode: string;
  name: string;
  unit: string | null;
  category: string | null;
  level1: string;
  level2: string;
  quantity: string;
  unitPriceFen: number;
  amountFen: number;
}

export interface LevelTotal {
  code: string;
  name: string;
  amountFen: number;
}

export interface Plan {
  version: number;
  status: PlanStatus;
  catalogueVersion: string;
  items: PlanItem[];
  totals: { totalFen: number; byLevel1: LevelTotal[]; byLevel2: LevelTotal[] };
  coverage: { sixHaves: { name: string; covered: boolean }[]; scenarios: { scenario: string; covered: boolean }[] };
  versions: { version: number; status: PlanStatus; totalFen: number; createdAt: string }[];
}

export interface PlanItemInput {
  indicatorCode: string;
  quantity: string;
  unitPriceFen?: number;
}

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

export interface Outcomes extends OutcomeFigures {
  projectId: string;
  recorded: boolean;
  updatedAt: string | null;
}

export interface OutcomesSummary {
  items: (OutcomeFigures & { districtCode: string; year: number; projectCount: number })[];
  total: OutcomeFigures & { projectCount: number };
}
