// Shapes of the coordination ("renovate once", 综合改一次) API: timetables, work packages, rules, reviews, notices.

export type ScheduleStatus = 'running' | 'done' | 'failed';
export type PackageStatus = 'planned' | 'started' | 'done';

export interface ScheduleListItem {
  id: string;
  year: number;
  division: string;
  status: ScheduleStatus;
  createdAt: string;
  replanOf: string | null;
}

export interface DisturbanceWindow {
  compoundId: string;
  compoundName: string;
  start: number;
  end: number;
  startDate: string;
  endDate: string;
  disturbanceDays: number;
  excavations: number;
}

export interface Summary {
  makespan: number;
  makespanDate: string | null;
  disturbanceDays: number;
  excavations: number;
  repeatedExcavations: number;
  windows: DisturbanceWindow[];
}

export interface Comparison {
  disturbanceDaysSaved: number;
  repeatedExcavationsAvoided: number;
  makespanDelta: number;
}

export interface Schedule {
  id: string;
  year: number;
  division: string;
  status: ScheduleStatus;
  startsOn: string;
  replanOf: string | null;
  today: number | null;
  error: string | null;
  coordinated: Summary | null;
  baseline: Summary | null;
  comparison: Comparison | null;
}

export interface ScheduledPackage {
  packageId: string;
  projectId: string;
  compoundId: string;
  compoundName: string;
  kind: string;
  department: string;
  opensGround: boolean;
  durationDays: number;
  crews: number;
  status: PackageStatus;
  start: number;
  end: number;
  startDate: string;
  endDate: string;
  baselineStart: number;
  baselineEnd: number;
  baselineStartDate: string;
  baselineEndDate: string;
}

export interface StartedJob {
  jobId: string;
  scheduleId: string;
}

export interface JobState {
  id?: string;
  status: string;
  error?: unknown;
}

export interface WorkPackage {
  id: string;
  projectId: string;
  projectName: string;
  compoundId: string;
  compoundName: string;
  year: number;
  kind: string;
  department: string;
  durationDays: number;
  crews: number;
  opensGround: boolean;
  blocksAccess: boolean;
  planItemCodes: string[];
  status: PackageStatus;
  startedOn: string | null;
}

export interface WorkPackagePatch {
  durationDays?: number;
  crews?: number;
  blocksAccess?: boolean;
  status?: PackageStatus;
  startedOn?: string | null;
}

export interface KindInfo {
  kind: string;
  department: string;
  opensGround: boolean;
}

export interface Kinds {
  kinds: KindInfo[];
  departments: string[];
}

export interface PrecedenceRule {
  id: string;
  beforeKind: string;
  afterKind: string;
  lagDays: number;
  note: string | null;
}

export interface DepartmentCrews {
  department: string;
  crews: number;
}

export interface Blackout {
  id: string;
  compoundId: string | null;
  compoundName: string | null;
  fromDate: string;
  toDate: string;
  reason: string;
}

export type ReviewDepartment = 'housing' | 'development_reform' | 'finance';
export const REVIEW_DEPARTMENTS: readonly ReviewDepartment[] = ['housing', 'development_reform', 'finance'];

export interface ReviewDecision {
  decision: 'approve' | 'return';
  comments: string | null;
  decidedAt: string;
}

export interface PlanReviewItem {
  projectId: string;
  projectName: string;
  districtCode: string;
  status: 'pending' | 'approved' | 'returned';
  decisions: Record<ReviewDepartment, ReviewDecision | null>;
}

export interface PlanReviews {
  year: number;
  fixed: boolean;
  items: PlanReviewItem[];
}

export interface PackageNotice {
  id: string;
  department: string;
  scheduleId: string;
  packageId: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}
