// Which sections a person's home shows, and the plain sums behind the bureau's progress figures. No database:
// the service fetches, these decide and add up.
import { stages } from '../projects/index.ts';

export const sectionKinds = [
  // The city bureau
  'yearProgress',
  'lateProjects',
  'disbursed',
  // The district and the subdistrict
  'projectsByStage',
  'ballotsClosing',
  'findings',
  // The community worker's 待办
  'paperBallots',
  'secondKeyings',
  'surveys',
  'bindings',
  // The department liaison
  'packages',
  'notices',
  // Contractors and property companies
  'workOrders',
] as const;
export type SectionKind = (typeof sectionKinds)[number];

/** What each role does first thing, in the order its home shows it. Roles not listed get no sections (shortcuts only). */
export const rolePlans: Readonly<Record<string, readonly SectionKind[]>> = {
  city_admin: ['yearProgress', 'lateProjects', 'disbursed'],
  district_officer: ['projectsByStage', 'ballotsClosing', 'findings', 'lateProjects'],
  subdistrict_officer: ['projectsByStage', 'ballotsClosing', 'findings'],
  community_worker: ['paperBallots', 'secondKeyings', 'surveys', 'bindings'],
  department_liaison: ['packages', 'notices'],
  contractor: ['workOrders', 'projectsByStage'],
  property_manager: ['workOrders'],
};

/** The permission a section reads under: a role's plan never shows what its permissions would refuse. */
export const sectionPermission: Readonly<Record<SectionKind, string>> = {
  yearProgress: 'projects.read',
  lateProjects: 'projects.read',
  disbursed: 'projects.read',
  projectsByStage: 'projects.read',
  ballotsClosing: 'projects.read',
  findings: 'findings.close',
  paperBallots: 'ballots.enter_paper',
  secondKeyings: 'ballots.enter_paper',
  surveys: 'surveys.enter',
  bindings: 'residents.bind',
  packages: 'packages.write',
  notices: 'projects.read',
  workOrders: 'workorders.read',
};

export function sectionsFor(role: string, permissions: ReadonlySet<string>): SectionKind[] {
  return (rolePlans[role] ?? []).filter((k) => permissions.has(sectionPermission[k]));
}

// The projects module's stage list is the order (R5's procedure); the homes only read it.
export const stageOrder = stages;
const at = (stage: string) => stageOrder.indexOf(stage as (typeof stageOrder)[number]);
/** Works have begun: under construction or beyond. */
export const started = (stage: string) => at(stage) >= at('under_construction');
/** Finished: accepted (竣工验收) or handed over. */
export const completed = (stage: string) => at(stage) >= at('accepted');

/** A project of an earlier year that has not been accepted yet is late. */
export const isLate = (p: { year: number; stage: string }, thisYear: number) => p.year < thisYear && !completed(p.stage);

export interface ProgressProject {
  id: string;
  districtCode: string;
  stage: string;
}
export interface StageMonth {
  projectId: string;
  stage: string;
  month: string;
}

export interface DistrictProgress {
  code: string;
  name: string;
  /** The year's plan: every project of the year is a target. */
  target: number;
  started: number;
  completed: number;
}

/** Per district: the year's projects (the target), those started and those completed, by their stage now. */
export function progressByDistrict(projects: readonly ProgressProject[], names: ReadonlyMap<string, string>): DistrictProgress[] {
  const by = new Map<string, DistrictProgress>();
  for (const p of projects) {
    let d = by.get(p.districtCode);
    if (!d)
      by.set(
        p.districtCode,
        (d = { code: p.districtCode, name: names.get(p.districtCode) ?? p.districtCode, target: 0, started: 0, completed: 0 }),
      );
    d.target++;
    if (started(p.stage)) d.started++;
    if (completed(p.stage)) d.completed++;
  }
  return [...by.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export interface MonthProgress {
  month: string;
  /** Projects whose works had begun by the end of the month, and those accepted by then (cumulative). */
  started: number;
  completed: number;
}

/**
 * Month by month through the year: how many of its projects had started and completed by each month's end,
 * from when each first entered under_construction and accepted. A project whose stage says it got there
 * with no recorded transition (seeded, imported) counts from the year's first month.
 */
export function progressByMonth(year: number, projects: readonly ProgressProject[], months: readonly StageMonth[]): MonthProgress[] {
  const first = (id: string, stage: string) => months.find((m) => m.projectId === id && m.stage === stage)?.month;
  const yearMonths = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const startAt = new Map<string, string>();
  const doneAt = new Map<string, string>();
  for (const p of projects) {
    if (started(p.stage)) startAt.set(p.id, clamp(first(p.id, 'under_construction') ?? first(p.id, 'accepted'), yearMonths));
    if (completed(p.stage)) doneAt.set(p.id, clamp(first(p.id, 'accepted'), yearMonths));
  }
  return yearMonths.map((month) => ({
    month,
    started: [...startAt.values()].filter((m) => m <= month).length,
    completed: [...doneAt.values()].filter((m) => m <= month).length,
  }));
}

/** A month before the year counts from its first month; none recorded, likewise. Months after the year stay after. */
const clamp = (month: string | undefined, yearMonths: string[]) => (!month || month < yearMonths[0]! ? yearMonths[0]! : month);
