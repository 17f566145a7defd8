// Project names for the ids that evaluation answers carry bare: the assessment's provenance (all
// projects of the year, one list read) and nominations saved without their name (one read each).
import { useQueries, useQuery } from '@tanstack/react-query';
import { fetchProject, fetchProjects, projectKeys, type ProjectSummary } from '../projects/index.ts';

const LIST_PAGE = 500;
const MAX_PAGES = 20;

async function projectsOfYear(year: number): Promise<ProjectSummary[]> {
  const all: ProjectSummary[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < MAX_PAGES; n++) {
    const page: { items: ProjectSummary[]; nextCursor: string | null } = await fetchProjects({ year }, LIST_PAGE, cursor);
    all.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}

/** A UUIDv7 begins with its timestamp, so projects made together share a prefix: the tail tells them apart. */
export const shortId = (id: string) => `…${id.slice(-6)}`;

export function useYearProjectNames(year: number): (id: string) => string {
  const query = useQuery({ queryKey: [...projectKeys.all, 'names', year], queryFn: () => projectsOfYear(year), staleTime: 5 * 60_000 });
  const names = new Map(query.data?.map((p) => [p.id, p.name]));
  return (id) => names.get(id) ?? shortId(id);
}

export function useProjectNames(ids: string[]): (id: string) => string {
  const queries = useQueries({
    queries: ids.map((id) => ({ queryKey: projectKeys.project(id), queryFn: () => fetchProject(id), staleTime: 5 * 60_000 })),
  });
  const names = new Map(queries.flatMap((q) => (q.data ? [[q.data.id, q.data.name] as const] : [])));
  return (id) => names.get(id) ?? shortId(id);
}
