// Year plan calls: every project of a year (paged through nextCursor), the funding and outcome
// summaries, and the district names; and their TanStack Query keys.
import { api, type ResponseOf } from '../../api/client.ts';
import { fetchOutcomesSummary, fetchProjectYears, projectKeys, type ProjectSummary } from '../projects/index.ts';

export { fetchProjectYears, projectKeys };
import { fetchDivisions } from '../registry/index.ts';

export const yearPlanKeys = {
  projects: (year: number) => ['yearplan', 'projects', year] as const,
  funding: (year: number) => ['yearplan', 'funding', year] as const,
  outcomes: (year: number) => ['yearplan', 'outcomes', year] as const,
  districts: (parent: string | null) => ['yearplan', 'districts', parent] as const,
};

export type FundingSummary = ResponseOf<'/api/v1/funding/summary'>;

const PAGE = 500;

/** Every project of the year, following nextCursor. */
export async function fetchYearProjects(year: number, signal?: AbortSignal): Promise<ProjectSummary[]> {
  const all: ProjectSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: ResponseOf<'/api/v1/projects'> = await api.get('/api/v1/projects', {
      query: { year, limit: PAGE, cursor: cursor ?? undefined },
      signal,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export const fetchFundingSummary = (year: number) => api.get('/api/v1/funding/summary', { query: { year } });

export const fetchYearOutcomes = (year: number) => fetchOutcomesSummary(year);

/** The city whose districts name the rows: the city of the user's scope division. */
export function cityOf(scopeDivision: string | null | undefined): string | null {
  if (!scopeDivision || scopeDivision.length < 6) return null;
  if (scopeDivision.endsWith('0000')) return null; // a province: districts are named by code
  return `${scopeDivision.slice(0, 4)}00`;
}

export const fetchDistricts = (city: string) => fetchDivisions(city);
