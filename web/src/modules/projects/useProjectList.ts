// Cursor-paged project list shared by the table and the board.
import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchProjects, projectKeys } from './api.ts';
import type { ProjectFilters } from './types.ts';

export function useProjectList(filters: ProjectFilters, pageSize: number) {
  const query = useInfiniteQuery({
    queryKey: [...projectKeys.list(filters), pageSize],
    queryFn: ({ pageParam }) => fetchProjects(filters, pageSize, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { query, rows };
}
