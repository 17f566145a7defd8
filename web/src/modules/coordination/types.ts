// Shapes of the coordination ("renovate once", 综合改一次) API: timetables, work packages, rules, reviews, notices,
// from the generated contract (web/src/api/schema.gen.ts).
import type { BodyOf, ResponseOf } from '../../api/client.ts';

export type ScheduleListItem = ResponseOf<'/api/v1/schedules'>['items'][number];
export type Schedule = ResponseOf<'/api/v1/schedules/{id}'>;
export type ScheduleStatus = Schedule['status'];
export type Summary = NonNullable<Schedule['coordinated']>;
export type DisturbanceWindow = Summary['windows'][number];
export type Comparison = NonNullable<Schedule['comparison']>;

export type ScheduledPackage = ResponseOf<'/api/v1/schedules/{id}/packages'>['items'][number];
export type StartedJob = ResponseOf<'/api/v1/schedules', 'post'>;
export type JobState = ResponseOf<'/api/v1/jobs/{id}'>;

export type WorkPackage = ResponseOf<'/api/v1/work-packages'>['items'][number];
export type PackageStatus = WorkPackage['status'];
export type WorkPackagePatch = BodyOf<'/api/v1/work-packages/{id}', 'patch'>;

export type Kinds = ResponseOf<'/api/v1/coordination/kinds'>;
export type KindInfo = Kinds['kinds'][number];

export type PrecedenceRule = ResponseOf<'/api/v1/precedence-rules'>['items'][number];
export type NewPrecedenceRule = BodyOf<'/api/v1/precedence-rules', 'post'>;
export type DepartmentCrews = ResponseOf<'/api/v1/department-crews'>['items'][number];
export type Blackout = ResponseOf<'/api/v1/blackouts'>['items'][number];
export type NewBlackout = BodyOf<'/api/v1/blackouts', 'post'>;

export type PlanReviews = ResponseOf<'/api/v1/annual-plans/{year}/reviews'>;
export type PlanReviewItem = PlanReviews['items'][number];
export type ReviewDepartment = keyof PlanReviewItem['decisions'];
export const REVIEW_DEPARTMENTS: readonly ReviewDepartment[] = ['housing', 'development_reform', 'finance'];
export type ReviewDecision = NonNullable<PlanReviewItem['decisions'][ReviewDepartment]>;
export type NewReview = BodyOf<'/api/v1/projects/{id}/plan-reviews', 'post'>;

export type PackageNotice = ResponseOf<'/api/v1/package-notices'>['items'][number];
