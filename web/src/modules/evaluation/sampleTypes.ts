// Sample-survey shapes (a stratified random sample of the city's households drawn for an outside agency,
// and its results), from the generated API contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export const SAMPLE_KINDS = ['support', 'satisfaction'] as const satisfies readonly SampleSurvey['kind'][];
export const SAMPLE_ANSWERS = ['yes', 'no', 'refused', 'unreachable'] as const satisfies readonly NonNullable<SampledHousehold['answer']>[];
export const SAMPLE_STATUS_COLORS = { draft: 'default', fielding: 'blue', closed: 'green' } as const;
export type SampleKind = (typeof SAMPLE_KINDS)[number];
export type SampleAnswer = (typeof SAMPLE_ANSWERS)[number];
export type SampleStatus = keyof typeof SAMPLE_STATUS_COLORS;

export type SampleSurvey = ResponseOf<'/api/v1/sample-surveys'>['items'][number];
export type SampleSurveyDetail = ResponseOf<'/api/v1/sample-surveys/{id}'>;
export type SampleResults = SampleSurveyDetail['results'];
export type SampleStratum = SampleResults['strata'][number];
/** Bounds as decimal strings with the rule's places; null while nothing was answered. */
export type Interval = SampleResults['estimate']['interval'];
export type SampledHousehold = ResponseOf<'/api/v1/sample-surveys/{id}/households'>['items'][number];
export type NewSampleSurvey = BodyOf<'/api/v1/sample-surveys', 'post'>;
