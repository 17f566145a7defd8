// The overview's shapes as GET /api/v1/stats/overview returns them: counts are numbers,
// areas decimal strings with two places, money integer fen per source.
import { FUNDING_SOURCES as PLANNABLE_SOURCES } from '../projects/index.ts';
import type { ResponseOf } from '../../api/client.ts';

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

/** The overview as GET /api/v1/stats/overview answers it (generated contract). */
export type Overview = ResponseOf<'/api/v1/stats/overview'>;
