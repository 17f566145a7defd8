// The overview's shapes as GET /api/v1/stats/overview returns them: counts are numbers,
// areas decimal strings with two places, money integer fen per source.
import { FUNDING_SOURCES as PLANNABLE_SOURCES } from '../projects/fundingTypes.ts';
import type { DivisionLevel } from '../registry/types.ts';

/** The plannable sources, and awards, which only an exemplary-case selection writes. */
export const FUNDING_SOURCES = [...PLANNABLE_SOURCES, 'exemplary_award'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const STAGES = [
  'planned',
  'surveyed',
  'consented',
  'designed',
  'plan_approved',
  'consulted',
  'approved',
  'tendered',
  'under_construction',
  'accepted',
  'handed_over',
] as const;
export type Stage = (typeof STAGES)[number];

export interface Overview {
  division: string;
  level: DivisionLevel;
  year: number | null;
  /** The years in which the division has projects, ascending. */
  years: number[];
  projects: number;
  compounds: number;
  floorAreaM2: string;
  households: number;
  parkingSpaces: number;
  liftsInstalled: number;
  liftPositionsReserved: number;
  serviceSpaceM2: string;
  fitnessSpaceM2: string;
  barrierFreeItems: number;
  stateRoomsM2: string;
  fundingFen: Partial<Record<FundingSource, number>> & Record<string, number>;
  /** Agree votes over eligible households in each project's latest closed renovation-consent ballot. */
  support: { ballots: number; agree: number; eligible: number; rate: string | null; percent: string | null };
  /** Satisfied over answering households in each project's latest satisfaction survey. */
  satisfaction: { surveys: number; satisfied: number; answered: number; rate: string | null; percent: string | null };
  byStage: Partial<Record<Stage, number>> & Record<string, number>;
}
