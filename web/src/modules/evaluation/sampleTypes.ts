// Sample-survey shapes as the API returns them (src/modules/evaluation/sample-surveys.routes.ts):
// a stratified random sample of the city's households drawn for an outside agency, and its results.
import type { RuleRef } from './types.ts';

export const SAMPLE_KINDS = ['support', 'satisfaction'] as const;
export const SAMPLE_ANSWERS = ['yes', 'no', 'refused', 'unreachable'] as const;
export const SAMPLE_STATUS_COLORS = { draft: 'default', fielding: 'blue', closed: 'green' } as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];
export type SampleAnswer = (typeof SAMPLE_ANSWERS)[number];
export type SampleStatus = keyof typeof SAMPLE_STATUS_COLORS;

export interface SampleSurvey {
  id: string;
  cityCode: string;
  year: number;
  kind: SampleKind;
  title: string;
  seed: string;
  totalSize: number;
  frameSize: number;
  rule: RuleRef;
  institution: { id: string; name: string };
  status: SampleStatus;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

/** Bounds as decimal strings with the rule's places; null while nothing was answered. */
export type Interval = { lower: string; upper: string } | null;

export interface SampleStratum {
  districtCode: string;
  name: string | null;
  frameSize: number;
  sampleSize: number;
  yes: number;
  no: number;
  refused: number;
  unreachable: number;
  pending: number;
  responded: number;
  /** yes / responded as an exact fraction ("51/80"). */
  rate: string | null;
}

export interface SampleResults {
  surveyId: string;
  kind: SampleKind;
  status: SampleStatus;
  rule: RuleRef;
  confidence: { percent: number; z: string };
  sampled: number;
  responded: number;
  responseRate: { rate: string | null; value: string | null };
  strata: SampleStratum[];
  estimate: {
    method: 'stratified';
    rate: string | null;
    value: string | null;
    interval: Interval;
    variance: string | null;
    weights: Record<string, string>;
    strataWithoutAnswers: string[];
  };
  pooled: { method: 'wilson'; yes: number; responded: number; rate: string | null; value: string | null; interval: Interval };
}

export interface SampleSurveyDetail extends SampleSurvey {
  results: SampleResults;
}

export interface SampledHousehold {
  householdId: string;
  districtCode: string;
  drawOrder: number;
  compoundId: string;
  compound: string | null;
  address: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  answer: SampleAnswer | null;
  enteredBy: string | null;
  enteredAt: string | null;
}

export interface NewSampleSurvey {
  kind: SampleKind;
  year: number;
  title: string;
  totalSize: number;
  seed?: string | null;
  institutionId: string;
}
